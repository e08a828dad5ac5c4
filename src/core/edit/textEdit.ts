// Text edits: the one currency between the edit engine and whoever writes the file. The core never
// writes files (STYLE.md: edit/ returns text edits); the extension turns edits into a
// `WorkspaceEdit`, the CLI applies them with `applyEdits` and writes atomically.

/**
 * Replace `length` UTF-16 code units at `offset` with `newText`.
 *
 * Offsets index the text exactly as it was given to the function that produced the edit, BOM
 * included: if that text starts with U+FEFF, offset 0 is the BOM. The CLI reads files as UTF-8 with
 * the BOM kept, so its offsets match the file; VS Code's `document.getText()` has no BOM, and
 * edits computed from that text match `document.positionAt`. Either way: compute and apply on the
 * same string. `newText` uses the file's line endings.
 */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

/**
 * Applies non-overlapping edits given in any order. Two insertions at the same offset keep their
 * given order. Overlapping or out-of-range edits are a programming error (edits come from this
 * engine, not from users), so they throw a `RangeError` instead of producing a corrupt file.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((edit, index) => ({ edit, index }))
    // Ties: insertions before a replacement at the same offset, then the given order, so the
    // result does not depend on the order the producer happened to emit them in.
    .sort((a, b) => a.edit.offset - b.edit.offset || a.edit.length - b.edit.length || a.index - b.index)
    .map(({ edit }) => edit);
  let out = '';
  let pos = 0;
  for (const edit of sorted) {
    if (!Number.isInteger(edit.offset) || !Number.isInteger(edit.length) || edit.offset < 0 || edit.length < 0) {
      throw new RangeError(`bad text edit at ${edit.offset} (+${edit.length})`);
    }
    if (edit.offset < pos) throw new RangeError(`overlapping text edits at offset ${edit.offset}`);
    if (edit.offset + edit.length > text.length) {
      throw new RangeError(`text edit ${edit.offset}+${edit.length} past the end (${text.length})`);
    }
    out += text.slice(pos, edit.offset) + edit.newText;
    pos = edit.offset + edit.length;
  }
  return out + text.slice(pos);
}

/**
 * Composes two rounds of edits: `first` turns the original text into `current`, `next` (against
 * `current`) turns it into the final text; the result turns the original into the final text.
 * This is how several operations become one change (one undo step) that still touches only what
 * they touched. Edits of `next` that touch or overlap an edit of `first` merge with it.
 */
export function composeEdits(first: readonly TextEdit[], next: readonly TextEdit[], current: string): TextEdit[] {
  let composed = [...first].sort((a, b) => a.offset - b.offset);
  let text = current;
  // From the end backwards: merging a later edit never moves the positions of earlier ones.
  const pending = [...next].sort((a, b) => b.offset - a.offset || b.length - a.length);
  for (const edit of pending) {
    composed = mergeOne(composed, edit, text);
    text = text.slice(0, edit.offset) + edit.newText + text.slice(edit.offset + edit.length);
  }
  return composed;
}

function mergeOne(composed: readonly TextEdit[], edit: TextEdit, current: string): TextEdit[] {
  const from = edit.offset;
  const to = edit.offset + edit.length;
  const before: TextEdit[] = [];
  const touched: Array<{ edit: TextEdit; start: number; end: number }> = [];
  const after: TextEdit[] = [];
  let delta = 0;
  let deltaBefore = 0;
  for (const e of composed) {
    const start = e.offset + delta;
    const end = start + e.newText.length;
    if (end < from) {
      before.push(e);
      deltaBefore += e.newText.length - e.length;
    } else if (start > to) {
      after.push(e);
    } else {
      touched.push({ edit: e, start, end });
    }
    delta += e.newText.length - e.length;
  }
  const firstTouched = touched[0];
  const lastTouched = touched[touched.length - 1];
  if (!firstTouched || !lastTouched) {
    return [...before, { offset: from - deltaBefore, length: edit.length, newText: edit.newText }, ...after];
  }
  const deltaThrough = deltaBefore + touched.reduce((sum, entry) => sum + entry.edit.newText.length - entry.edit.length, 0);
  const curStart = Math.min(from, firstTouched.start);
  const curEnd = Math.max(to, lastTouched.end);
  const origStart = from < firstTouched.start ? from - deltaBefore : firstTouched.edit.offset;
  const origEnd = to > lastTouched.end ? to - deltaThrough : lastTouched.edit.offset + lastTouched.edit.length;
  const merged: TextEdit = {
    offset: origStart,
    length: origEnd - origStart,
    newText: current.slice(curStart, from) + edit.newText + current.slice(to, curEnd),
  };
  return [...before, merged, ...after];
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * Trims each edit to the characters that really change and drops edits that change nothing (an
 * operation and its reverse, a value set to itself). It never splits a surrogate pair or a CRLF:
 * an editor maps offsets to positions, and an offset between `\r` and `\n` has no position.
 */
export function tightenEdits(original: string, edits: readonly TextEdit[]): TextEdit[] {
  const result: TextEdit[] = [];
  for (const edit of edits) {
    const before = original.slice(edit.offset, edit.offset + edit.length);
    const after = edit.newText;
    if (before === after) continue;
    const limit = Math.min(before.length, after.length);
    let prefix = 0;
    while (prefix < limit && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
    while (prefix > 0 && (isHighSurrogate(before.charCodeAt(prefix - 1)) || before.charCodeAt(prefix - 1) === 13)) prefix--;
    let suffix = 0;
    while (suffix < limit - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) {
      suffix++;
    }
    while (suffix > 0) {
      const first = before.charCodeAt(before.length - suffix);
      const previous = edit.offset + before.length - suffix - 1 >= 0 ? original.charCodeAt(edit.offset + before.length - suffix - 1) : 0;
      if (isLowSurrogate(first) || (first === 10 && previous === 13)) suffix--;
      else break;
    }
    result.push({ offset: edit.offset + prefix, length: before.length - prefix - suffix, newText: after.slice(prefix, after.length - suffix) });
  }
  return result;
}
