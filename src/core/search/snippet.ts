// The piece of a record's text shown under a search result: cut from the original text (case,
// `ё` and Cyrillic preserved) around the best match, with the match offsets a UI highlights.
// Words are matched the way the index matched them (by stem, prefix or fuzzy expansion), so the
// matcher is given the index's matched terms rather than the query's raw words.
import { emailSpans, MAX_EMAIL_TOKEN_LENGTH, MAX_TOKEN_LENGTH, normalizeText, stem } from './text';

export interface Snippet {
  /** One line of display text: whitespace collapsed, `…` where the text was cut. */
  text: string;
  /** `[start, end)` offsets into `text` of each matched word, in order. */
  highlights: [number, number][];
  /** 0-based line, within the source text, of the best match (the first of its window). */
  lineIndex: number;
}

/** Decides whether a normalized token (a word, or a whole email address) is a match. */
export type TokenMatcher = (token: string) => boolean;

export interface SnippetOptions {
  /** The longest snippet, in characters, before `…` marks; the cut is on word boundaries. */
  maxLength?: number;
}

export const DEFAULT_SNIPPET_LENGTH = 100;

/**
 * Only this much of a text is scanned. It equals the index's per-field cap, beyond which nothing
 * can have matched anyway, and keeps a hostile 5 MB note from costing more than a normal one.
 */
export const MAX_SNIPPET_SCAN = 100_000;

/** Enough matches to pick a good window; a text full of the same word need not be walked to its end. */
const MAX_MATCHES = 1000;

/**
 * A matcher for terms as the index stores them (stems). A word matches when its stem is one of
 * them; the raw token is tried too because prefix and fuzzy matches report the indexed term.
 */
export function termsMatcher(terms: Iterable<string>): TokenMatcher {
  const set = new Set<string>();
  for (const term of terms) set.add(term);
  return (token) => set.has(token) || set.has(stem(token));
}

/**
 * A matcher for free-text query words (PRODUCT.md §9): the same stem, or, for a word of three or
 * more characters, a prefix of the token. For UIs that highlight `query` results.
 */
export function wordsMatcher(words: readonly string[]): TokenMatcher {
  const normalized = words.map((w) => normalizeText(w)).filter((w) => w.length > 0);
  const stems = new Set(normalized.map((w) => stem(w)));
  const prefixes = normalized.filter((w) => w.length >= 3);
  return (token) => stems.has(stem(token)) || prefixes.some((p) => token.startsWith(p));
}

interface Match {
  start: number;
  end: number;
  key: string;
  /** 0-based line of the match in the text. */
  line: number;
}

function findMatches(text: string, isMatch: TokenMatcher, distinctWanted: number, maxLength: number): Match[] {
  const matches: Match[] = [];
  const emails = text.includes('@') ? emailSpans(text) : [];
  let e = 0;
  let testedEmail = -1;
  const seen = new Set<string>();
  let line = 0;
  let counted = 0; // `line` counts the newlines before this offset
  const lineOf = (offset: number): number => {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    counted = offset;
    return line;
  };
  const words = /[\p{L}\p{M}\p{N}]+/gu;
  for (let m = words.exec(text); m !== null; m = words.exec(text)) {
    const start = m.index;
    // A giant "word" is shown (and highlighted) only as far as a snippet reaches.
    const end = Math.min(start + m[0].length, start + maxLength);
    while (e < emails.length && (emails[e]?.end ?? 0) <= start) e++;
    const email = emails[e];
    if (email !== undefined && email.start <= start && testedEmail !== e) {
      // A whole address that matched is one highlight; its parts are not tested again.
      testedEmail = e;
      const whole = normalizeText(text.slice(email.start, email.end)).slice(0, MAX_EMAIL_TOKEN_LENGTH);
      if (isMatch(whole)) {
        matches.push({ start: email.start, end: email.end, key: whole, line: lineOf(email.start) });
        seen.add(whole);
        words.lastIndex = email.end;
        continue;
      }
    }
    // Cut as `tokenize` cuts, so a giant word matches (or not) the way the index saw it.
    const word = m[0].length > MAX_TOKEN_LENGTH * 2 ? m[0].slice(0, MAX_TOKEN_LENGTH * 2) : m[0];
    const token = normalizeText(word).slice(0, MAX_TOKEN_LENGTH);
    if (!isMatch(token)) continue;
    const key = stem(token);
    matches.push({ start, end, key, line: lineOf(start) });
    seen.add(key);
    if (matches.length >= MAX_MATCHES) break;
    // Nothing beats a window that already holds every distinct term: stop scanning there.
    if (seen.size >= distinctWanted && holdsAll(matches, distinctWanted, maxLength)) break;
  }
  return matches;
}

/** Whether the last `k` matches are `k` different terms within `maxLength` characters. */
function holdsAll(matches: Match[], k: number, maxLength: number): boolean {
  const tail = matches.slice(-k);
  const first = tail[0];
  const last = tail[tail.length - 1];
  if (first === undefined || last === undefined || last.end - first.start > maxLength || first.line !== last.line) return false;
  return new Set(tail.map((m) => m.key)).size === k;
}

/**
 * The run of matches on one line, fitting in `maxLength`, with the most distinct terms (then
 * the most matches, then the earliest). One line: a notes line is the natural unit, and a
 * snippet glued from the end of one line and the start of the next reads badly.
 */
function bestWindow(matches: Match[], maxLength: number): { first: number; last: number } {
  let best = { first: 0, last: 0, distinct: 0, count: 0 };
  const counts = new Map<string, number>();
  let j = 0;
  for (let i = 0; i < matches.length; i++) {
    const head = matches[i];
    if (head === undefined) break;
    if (j < i) j = i;
    // Grow the window [i, j) while it still fits.
    while (j < matches.length) {
      const next = matches[j];
      if (next === undefined || (j > i && (next.end - head.start > maxLength || next.line !== head.line))) break;
      counts.set(next.key, (counts.get(next.key) ?? 0) + 1);
      j++;
    }
    const distinct = counts.size;
    const count = j - i;
    if (distinct > best.distinct || (distinct === best.distinct && count > best.count)) {
      best = { first: i, last: j - 1, distinct, count };
    }
    const left = counts.get(head.key) ?? 0;
    if (left <= 1) counts.delete(head.key);
    else counts.set(head.key, left - 1);
  }
  return { first: best.first, last: best.last };
}

const SPACE = /\s/;

/**
 * The snippet of `text` around its best match. Returns the start of the text, without
 * highlights, when nothing matches (the caller knows the record matched elsewhere).
 * `distinctTerms` (how many different terms the query has) lets the scan stop early.
 */
export function makeSnippet(
  text: string,
  isMatch: TokenMatcher,
  options: SnippetOptions & { distinctTerms?: number } = {},
): Snippet {
  const maxLength = Math.max(20, options.maxLength ?? DEFAULT_SNIPPET_LENGTH);
  const scanned = text.length > MAX_SNIPPET_SCAN ? text.slice(0, MAX_SNIPPET_SCAN) : text;
  const matches = findMatches(scanned, isMatch, options.distinctTerms ?? Number.POSITIVE_INFINITY, maxLength);
  const window = bestWindow(matches, maxLength);
  const firstMatch = matches[window.first];
  const lastMatch = matches[window.last];
  const matchStart = firstMatch?.start ?? 0;
  const matchEnd = lastMatch?.end ?? 0;

  // Context comes from the match's own line only (see `bestWindow`).
  const lineStart = scanned.lastIndexOf('\n', matchStart - 1) + 1;
  const newlineAfter = scanned.indexOf('\n', matchEnd);
  const lineEnd = newlineAfter === -1 ? scanned.length : newlineAfter;

  // A third of the room before the match, the rest after: the reader scans left to right.
  const room = Math.max(0, maxLength - (matchEnd - matchStart));
  let start = Math.max(lineStart, matchStart - Math.floor(room / 3));
  let end = Math.min(lineEnd, start + maxLength);
  if (end - start < maxLength) start = Math.max(lineStart, end - maxLength);
  end = Math.max(end, matchEnd);
  // Cut on word boundaries, never inside the matched window.
  if (start > lineStart) {
    let s = start;
    while (s < matchStart && !SPACE.test(scanned.charAt(s - 1))) s++;
    start = s;
  }
  if (end < lineEnd) {
    let stop = end;
    while (stop > matchEnd && !SPACE.test(scanned.charAt(stop))) stop--;
    end = stop;
  }
  while (start < end && SPACE.test(scanned.charAt(start)) && start < matchStart) start++;
  while (end > start && SPACE.test(scanned.charAt(end - 1)) && end > matchEnd) end--;

  // Copy [start, end) collapsing whitespace runs to one space, mapping match offsets as we go.
  const cutBefore = start > lineStart;
  const cutAfter = end < lineEnd || (end === scanned.length && scanned.length < text.length);
  let out = cutBefore ? '…' : '';
  const highlights: [number, number][] = [];
  const inWindow = matches.slice(window.first, window.last + 1);
  let h = 0;
  let openAt = -1;
  let lastWasSpace = cutBefore;
  for (let i = start; i < end; i++) {
    const current = inWindow[h];
    if (current !== undefined && i === current.start) openAt = out.length;
    const ch = scanned.charAt(i);
    if (SPACE.test(ch)) {
      if (!lastWasSpace) out += ' ';
      lastWasSpace = true;
    } else {
      out += ch;
      lastWasSpace = false;
    }
    if (current !== undefined && i + 1 === current.end) {
      if (openAt >= 0) highlights.push([openAt, out.length]);
      openAt = -1;
      h++;
    }
  }
  if (cutAfter) out += '…';

  return { text: out, highlights, lineIndex: firstMatch?.line ?? 0 };
}
