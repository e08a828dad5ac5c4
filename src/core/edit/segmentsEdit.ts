// Edits of `.crm/segments.yaml` from the Segments view (PRODUCT.md §9): add, change, rename and
// delete one segment, as text edits that leave the other segments, the comments and the order as
// they were. Edited segments are written in the `{ query, description }` form; a segment that
// stays a plain `name: query` line is not rewritten by an unrelated edit.
import { isMap, isPair, isScalar } from 'yaml';
import type { Segment } from '../model';
import { detectEol, stripBom } from '../parse/frontMatter';
import { formatQueryError, parseQuery } from '../query';
import { applyEdits, type TextEdit } from './textEdit';
import { removeAt, setAt, type YamlEditOutcome } from './yamlEdit';
import { parseYaml } from './yamlLayout';
import type { PlainMap } from './yamlRender';
import { stringifyString } from './yamlScalar';

export type SegmentEditResult = { ok: true; text: string; edits: TextEdit[] } | { ok: false; error: string };

/** Why a name cannot be a segment's: a code each UI words in its own language. */
export type SegmentNameProblem = 'empty' | 'too-long' | 'multiline' | 'taken';

/** What is wrong with `name` as a segment name, or `undefined`. `current` is the name being renamed. */
export function segmentNameProblem(name: string, segments: readonly Segment[], current?: string): SegmentNameProblem | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'empty';
  if (/[\r\n]/.test(name)) return 'multiline';
  if (trimmed.length > 100) return 'too-long';
  const taken = segments.some((s) => s.name !== current && s.name.trim().toLocaleLowerCase() === trimmed.toLocaleLowerCase());
  return taken ? 'taken' : undefined;
}

/** Why a query cannot be saved (`column 9: expected a number (value:>=abc)`), or `undefined`. */
export function segmentQueryProblem(query: string): string | undefined {
  const parsed = parseQuery(query);
  return parsed.ok ? undefined : formatQueryError(parsed.error, query);
}

function segmentValue(query: string, description: string | undefined): PlainMap {
  const value: PlainMap = { query: query.trim() };
  if (description !== undefined && description.trim() !== '') value['description'] = description.trim();
  return value;
}

function outcome(result: YamlEditOutcome, bom: string): SegmentEditResult {
  if (!result.ok) return { ok: false, error: result.error };
  // The edits were computed on the text without its BOM: shift them past it.
  const shift = bom.length;
  const edits = result.edits.map((e) => ({ ...e, offset: e.offset + shift }));
  return { ok: true, text: bom + result.text, edits };
}

function split(text: string): { body: string; bom: string; eol: '\n' | '\r\n' } {
  const { text: body, bom } = stripBom(text);
  return { body, bom: bom ? '\uFEFF' : '', eol: detectEol(body) };
}

/** Adds a segment at the end, or sets an existing one's query and description. */
export function putSegment(text: string, name: string, query: string, description?: string): SegmentEditResult {
  const problem = segmentQueryProblem(query);
  if (problem !== undefined) return { ok: false, error: problem };
  const { body, bom, eol } = split(text);
  return outcome(setAt(body, [name.trim()], segmentValue(query, description), eol), bom);
}

export function deleteSegment(text: string, name: string): SegmentEditResult {
  const { body, bom, eol } = split(text);
  return outcome(removeAt(body, [name], eol), bom);
}

/** Renames a segment in place: only its key changes; its value, comments and position stay. */
export function renameSegment(text: string, from: string, to: string): SegmentEditResult {
  const { body, bom } = split(text);
  const parsed = parseYaml(body);
  if ('error' in parsed) return { ok: false, error: parsed.error };
  const contents = parsed.doc.contents;
  if (!isMap(contents)) return { ok: false, error: 'segments.yaml is not a mapping of names to queries' };
  const pair = contents.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === from);
  const key = pair && isScalar(pair.key) ? pair.key : undefined;
  if (!key?.range) return { ok: false, error: `no segment named "${from}"` };
  const context = contents.flow ? 'flowKey' : 'blockKey';
  const edits: TextEdit[] = [{ offset: key.range[0], length: key.range[1] - key.range[0], newText: stringifyString(to.trim(), context) }];
  return outcome({ ok: true, text: applyEdits(body, edits), edits }, bom);
}
