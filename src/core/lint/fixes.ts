// The text side of quick fixes that need more than a command: which stage a typo meant, and how
// to take a secret out of a record. Pure, so both are unit-tested byte for byte.
import { distance } from 'fastest-levenshtein';
import { removeField, isEditError, type TextEdit } from '../edit/recordEdit';
import type { SourceFormat, StageDef } from '../model';
import { splitFrontMatter, stripBom } from '../parse/frontMatter';

/** Configured stages, the likeliest meaning of `value` first (edit distance to id and label). */
export function stageSuggestions(value: string, stages: readonly StageDef[]): StageDef[] {
  const typed = value.trim().toLowerCase();
  const score = (stage: StageDef): number => Math.min(distance(typed, stage.id.toLowerCase()), distance(typed, (stage.label ?? stage.id).toLowerCase()));
  return stages
    .map((stage, index) => ({ stage, index, score: score(stage) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .map((s) => s.stage);
}

/**
 * Edits that remove what a `secret` problem points at on 1-based `line`: the top-level field of
 * the front matter (its whole entry, comments and other keys untouched), or the whole line of the
 * notes. Undefined when the line is neither (a nested key: the user decides).
 */
export function secretRemovalEdits(text: string, format: SourceFormat, line: number): TextEdit[] | undefined {
  const lines = text.split('\n');
  const target = lines[line - 1];
  if (target === undefined) return undefined;
  let yamlStart = 1;
  let yamlEnd = lines.length;
  if (format === 'md') {
    const split = splitFrontMatter(text);
    if (!split.ok) return undefined;
    yamlStart = split.frontMatterLine;
    yamlEnd = split.bodyLine - 2;
    // The fences are structure, not content.
    if (line < yamlStart || line === split.bodyLine - 1) return undefined;
  }
  if (line >= yamlStart && line <= yamlEnd) {
    const key = /^([^\s#:'"][^:]*?):(\s|$)/.exec(target.replace(/^\uFEFF/, ''))?.[1];
    if (key === undefined) return undefined;
    const edits = removeField(text, [key], { format });
    return isEditError(edits) ? undefined : edits;
  }
  if (format === 'yaml') return undefined;
  // A line of the notes: the line and its line break go.
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i]!.length + 1;
  const bomShift = stripBom(text).bom && line === 1 ? 1 : 0;
  return [{ offset: offset + bomShift, length: Math.min(target.length + 1, text.length - offset) - bomShift, newText: '' }];
}
