// The edit API over one record file's text (PRODUCT.md §6: format-preserving YAML edits). Callers
// describe what should change (set a field, remove one, append to a list, log a contact); the
// result is a list of text edits that touch only the edited field, or an error value. Every byte
// outside the edited field stays as it was: comments, key order, quoting, flow or block style,
// blank lines, indentation, CRLF, the BOM and the Markdown body.
//
// Safety net: after the operations, the new fields are read back with js-yaml (CORE_SCHEMA, as the
// loader reads them) and compared with the old fields with the same operations applied to plain
// data. Any difference (an engine bug, an unusual YAML construct) becomes an error and the file is
// left alone: a refused edit is recoverable, a silently wrong one is not.
import { CORE_SCHEMA, load } from 'js-yaml';
import { isDeepStrictEqual } from 'node:util';
import type { SourceFormat } from '../model';
import { splitFrontMatter, stripBom, detectEol } from '../parse/frontMatter';
import type { FieldPath } from '../parse/positions';
import { insertIntoText, logPlanner, type NotesPlanner, planTaskInsertion } from './markdownLog';
import { applyEdits, composeEdits, tightenEdits, type TextEdit } from './textEdit';
import { appendAt, insertIntoNotes, pathName, removeAt, setAt, type Eol, type YamlEditOutcome } from './yamlEdit';
import { parseYaml } from './yamlLayout';
import type { PlainValue } from './yamlRender';

export type { FieldPath } from '../parse/positions';
export type { TextEdit } from './textEdit';

export type EditOp =
  /** `after`: a new key goes right after this sibling key when it exists (else last). */
  | { op: 'set'; path: FieldPath; value: unknown; after?: string }
  | { op: 'remove'; path: FieldPath }
  | { op: 'append'; path: FieldPath; item: unknown }
  | { op: 'log'; line: string; heading?: string }
  /** A task line (`- [ ] …`) into the notes: after the last task, else before the log section. */
  | { op: 'task'; line: string; heading?: string }
  /** Line `line` (1-based, in the file) of the notes, which must read `expect`, becomes `text`. */
  | { op: 'line'; line: number; expect: string; text: string };

export interface EditError {
  error: string;
}

export type EditResult = { edits: TextEdit[]; text: string } | EditError;

export interface RecordEditOptions {
  /**
   * `md`: YAML front matter between `---` lines, then a Markdown body; `yaml`: the whole file is
   * YAML and the notes live in `notes:`. Pass it when the file name is known (`formatOf(file)`):
   * without it, a text whose first line is `---` and that has a closing `---` or `...` line is `md`.
   */
  format?: SourceFormat;
}

export const DEFAULT_LOG_HEADING = '## Log';

export function isEditError(result: unknown): result is EditError {
  return typeof result === 'object' && result !== null && !Array.isArray(result) && typeof (result as EditError).error === 'string';
}

/** The parts of a record file: only `yaml` and, for `log` on `md` records, `body` are edited. */
interface RecordParts {
  format: SourceFormat;
  /** BOM and the opening `---` line (`md`), or just the BOM (`yaml`). */
  head: string;
  yaml: string;
  /** The closing `---` line (`md`); empty for `yaml`. */
  fence: string;
  body: string;
  eol: Eol;
}

function splitRecord(text: string, format: SourceFormat | undefined): RecordParts | EditError {
  const { text: bare, bom } = stripBom(text);
  const bomText = bom ? '\uFEFF' : '';
  const split = splitFrontMatter(text);
  const isMd = format === 'md' || (format === undefined && split.ok);
  if (!isMd) return { format: 'yaml', head: bomText, yaml: bare, fence: '', body: '', eol: detectEol(bare) };
  if (!split.ok) return { error: `line ${split.line}: ${split.message}` };
  const fenceStart = split.frontMatterOffset + split.frontMatter.length;
  return {
    format: 'md',
    head: bomText + bare.slice(0, split.frontMatterOffset),
    yaml: split.frontMatter,
    fence: bare.slice(fenceStart, bare.length - split.body.length),
    body: split.body,
    eol: split.eol,
  };
}

type Fields = Record<string, unknown>;

/** The fields as the loader reads them (parse/recordText.ts): js-yaml, CORE_SCHEMA; empty is `{}`. */
function loadFields(yaml: string): { fields: Fields } | EditError {
  let data: unknown;
  try {
    data = load(yaml, { schema: CORE_SCHEMA });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { error: `the fields do not parse: ${reason}` };
  }
  if (data === undefined || data === null) return { fields: {} };
  if (typeof data !== 'object' || Array.isArray(data)) return { error: 'the fields are not a YAML mapping (`key: value` lines)' };
  const positioned = parseYaml(yaml);
  if ('error' in positioned) return { error: `the fields do not parse: ${positioned.error}` };
  return { fields: data as Fields };
}

// ---- input checks ---------------------------------------------------------------------------

function checkPath(path: unknown): FieldPath | EditError {
  if (!Array.isArray(path) || path.length === 0) return { error: 'a field path needs at least one key' };
  for (const seg of path) {
    if (typeof seg === 'number' ? !Number.isInteger(seg) || seg < 0 : typeof seg !== 'string') {
      return { error: `bad field path segment ${JSON.stringify(seg)}: keys are strings, list indexes are whole numbers ≥ 0` };
    }
    if (seg === '__proto__') return { error: 'the key "__proto__" cannot be edited' };
  }
  return path as FieldPath;
}

/**
 * Checks that a value is plain data a record can hold and drops `undefined` object members
 * (optional properties). Dates must be `YYYY-MM-DD` strings: that is how records store them.
 */
function toPlain(value: unknown, where: string, seen = new Set<object>()): { value: PlainValue } | EditError {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return { value };
  if (typeof value !== 'object') return { error: `${where}: cannot write a ${typeof value}` };
  if (value instanceof Date) return { error: `${where}: write dates as "YYYY-MM-DD" strings` };
  if (seen.has(value)) return { error: `${where}: the value refers to itself` };
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const items: PlainValue[] = [];
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === undefined) return { error: `${where}[${i}]: undefined in a list` };
        const plain = toPlain(item, `${where}[${i}]`, seen);
        if ('error' in plain) return plain;
        items.push(plain.value);
      }
      return { value: items };
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return { error: `${where}: only plain objects can be written` };
    const map: { [key: string]: PlainValue } = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      if (key === '__proto__') return { error: `${where}: the key "__proto__" cannot be written` };
      const plain = toPlain(item, where ? `${where}.${key}` : key, seen);
      if ('error' in plain) return plain;
      map[key] = plain.value;
    }
    return { value: map };
  } finally {
    seen.delete(value);
  }
}

function checkLogLine(line: unknown, heading: unknown): EditError | undefined {
  if (typeof line !== 'string' || line.trim() === '') return { error: 'a log line needs some text' };
  if (/[\x00-\x08\x0a-\x1f\x7f\u0085\u2028\u2029]/.test(line)) return { error: 'a log line is one line of text' };
  if (typeof heading !== 'string' || heading.trim() === '' || /[\r\n]/.test(heading)) {
    return { error: 'the log heading is one non-empty line, like "## Log"' };
  }
  return undefined;
}

function checkTaskLine(line: unknown, heading: unknown): EditError | undefined {
  if (typeof line !== 'string' || !/^[-*+] \[[ xX]\]/.test(line)) return { error: 'a task line starts with "- [ ]"' };
  return checkLogLine(line, heading);
}

/** Lines in `text` before its end: the 1-based number of the line that follows it, minus one. */
function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Replaces the content of 0-based line `index` of `text` (its line break stays) when it reads `expect`. */
function lineEdit(text: string, index: number, expect: string, newText: string): TextEdit | EditError {
  const raw = splitLinesKeepEol(text);
  const line = raw[index];
  const content = line?.replace(/\r?\n$/, '');
  if (index < 0 || content === undefined) return { error: 'that line is not in the notes; nothing was changed' };
  if (content !== expect) return { error: 'the line has changed since it was read; nothing was changed' };
  let offset = 0;
  for (let i = 0; i < index; i++) offset += raw[i]!.length;
  return { offset, length: content.length, newText };
}

// ---- the expected fields (plain data), for the read-back check -------------------------------

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function containerAt(data: Fields, path: FieldPath, create: boolean): Fields | unknown[] | undefined {
  let node: unknown = data;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i] as string | number;
    const holder = node as Fields & unknown[];
    let child: unknown = Array.isArray(node) ? node[seg as number] : (node as Fields)[String(seg)];
    if (child === undefined || child === null) {
      if (!create) return undefined;
      child = typeof path[i + 1] === 'number' ? [] : {};
      if (Array.isArray(node)) holder[seg as number] = child;
      else (node as Fields)[String(seg)] = child;
    }
    if (!isObject(child) && !Array.isArray(child)) return undefined;
    node = child;
  }
  return node as Fields | unknown[];
}

function expectSet(data: Fields, path: FieldPath, value: PlainValue): void {
  const parent = containerAt(data, path, true);
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(parent)) parent[last as number] = structuredClone(value);
  else if (parent) parent[String(last)] = structuredClone(value);
}

function expectRemove(data: Fields, path: FieldPath): void {
  const parent = containerAt(data, path, false);
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(parent)) {
    if (typeof last === 'number' && last < parent.length) parent.splice(last, 1);
  } else if (parent && Object.prototype.hasOwnProperty.call(parent, String(last))) {
    delete parent[String(last)];
  }
}

function expectAppend(data: Fields, path: FieldPath, item: PlainValue): void {
  const parent = containerAt(data, path, true);
  const last = path[path.length - 1] as string | number;
  const current: unknown = Array.isArray(parent) ? parent[last as number] : parent?.[String(last)];
  if (Array.isArray(current)) current.push(structuredClone(item));
  else expectSet(data, path, [item]);
}

// ---- the Markdown body ----------------------------------------------------------------------

/** Lines that keep their terminators, so joining them gives the text back. */
function splitLinesKeepEol(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The edit (against `body`) that inserts the planned lines into a Markdown body, touching nothing else. */
function insertEditInBody(body: string, eol: Eol, planner: NotesPlanner): TextEdit {
  const raw = splitLinesKeepEol(body);
  const lines = raw.map((line) => line.replace(/\r?\n$/, ''));
  const plan = planner(lines);
  let offset = 0;
  for (let i = 0; i <= plan.after; i++) offset += raw[i]?.length ?? 0;
  const after = raw[plan.after];
  // After a last line without a line break, the new lines go after one, and the file keeps ending without.
  const newText =
    after !== undefined && !after.endsWith('\n')
      ? plan.lines.map((line) => eol + line).join('')
      : plan.lines.map((line) => line + eol).join('');
  return { offset, length: 0, newText };
}

// ---- the API --------------------------------------------------------------------------------

/**
 * Applies several operations to a record's text as one change (one undo step in the editor).
 * Operations apply in order, each to the result of the previous one; `edits` are against `text`
 * (BOM included: see TextEdit) and `text` is the new file text.
 *
 * @example editRecord(text, [
 *   { op: 'set', path: ['last_contact'], value: '2026-11-24' },
 *   { op: 'set', path: ['next_action'], value: { date: '2026-12-01', what: 'Call back' } },
 *   { op: 'log', line: '2026-11-24 call: agreed on the budget' },
 * ])
 */
export function editRecord(text: string, ops: readonly EditOp[], options: RecordEditOptions = {}): EditResult {
  try {
    return editParts(text, ops, options);
  } catch (error) {
    // Unreachable by design (the property tests look for it); a refused edit beats a crashed command.
    return { error: `internal: ${error instanceof Error ? error.message : String(error)}; nothing was changed` };
  }
}

function editParts(text: string, ops: readonly EditOp[], options: RecordEditOptions): EditResult {
  const parts = splitRecord(text, options.format);
  if ('error' in parts) return parts;
  const before = loadFields(parts.yaml);
  if ('error' in before) return before;
  const expected: Fields = structuredClone(before.fields);
  const normalize = (markdown: string): string => markdown.replace(/\r\n/g, '\n');
  let expectedBody = normalize(parts.body);
  // The three editable parts, each with its edits against the original part.
  let yaml = parts.yaml;
  let yamlEdits: TextEdit[] = [];
  let fence = parts.fence;
  let body = parts.body;
  let bodyEdits: TextEdit[] = [];

  for (const op of ops) {
    let outcome: YamlEditOutcome;
    switch (op.op) {
      case 'set':
      case 'append': {
        const path = checkPath(op.path);
        if ('error' in path) return path;
        const plain = toPlain(op.op === 'set' ? op.value : op.item, pathName(path));
        if ('error' in plain) return plain;
        if (op.op === 'set') {
          outcome = setAt(yaml, path, plain.value, parts.eol, op.after);
          expectSet(expected, path, plain.value);
        } else {
          outcome = appendAt(yaml, path, plain.value, parts.eol);
          expectAppend(expected, path, plain.value);
        }
        break;
      }
      case 'remove': {
        const path = checkPath(op.path);
        if ('error' in path) return path;
        outcome = removeAt(yaml, path, parts.eol);
        expectRemove(expected, path);
        break;
      }
      case 'log':
      case 'task': {
        const heading = op.heading ?? DEFAULT_LOG_HEADING;
        const bad = op.op === 'log' ? checkLogLine(op.line, heading) : checkTaskLine(op.line, heading);
        if (bad) return bad;
        const planner: NotesPlanner = op.op === 'log' ? logPlanner(heading, op.line) : (lines) => planTaskInsertion(lines, op.line, heading);
        if (parts.format === 'md') {
          // `---` as the file's very last line: the body starts on a new line.
          if (body === '' && !fence.endsWith('\n')) fence += parts.eol;
          const edit = insertEditInBody(body, parts.eol, planner);
          bodyEdits = composeEdits(bodyEdits, [edit], body);
          body = applyEdits(body, [edit]);
          expectedBody = insertIntoText(expectedBody, planner);
          continue;
        }
        const notes = expected.notes;
        if (notes !== undefined && notes !== null && typeof notes !== 'string') return { error: 'notes is not text' };
        outcome = insertIntoNotes(yaml, planner, parts.eol);
        expected.notes = insertIntoText(notes ?? '', planner);
        break;
      }
      case 'line': {
        if (typeof op.text !== 'string' || /[\r\n\u0085\u2028\u2029]/.test(op.text)) return { error: 'a line edit writes one line of text' };
        if (parts.format === 'md') {
          const first = lineCount(parts.head + parts.yaml + fence) + 1;
          const edit = lineEdit(body, op.line - first, op.expect, op.text);
          if ('error' in edit) return edit;
          bodyEdits = composeEdits(bodyEdits, [edit], body);
          body = applyEdits(body, [edit]);
          expectedBody = normalize(body);
          continue;
        }
        const edit = lineEdit(yaml, op.line - 1, op.expect, op.text);
        if ('error' in edit) return edit;
        const changed = applyEdits(yaml, [edit]);
        const read = loadFields(changed);
        if ('error' in read) return { error: `line ${op.line}: the change would break the fields; nothing was changed` };
        const before = typeof expected.notes === 'string' ? expected.notes.split('\n') : [];
        const now = typeof read.fields.notes === 'string' ? read.fields.notes.split('\n') : [];
        const differ = before.flatMap((line, i) => (line === now[i] ? [] : [i]));
        // Only a line of the notes may change, and into the text asked for.
        if (before.length !== now.length || differ.length > 1 || (differ.length === 1 && !op.text.endsWith(now[differ[0]!]!.trimStart()))) {
          return { error: `line ${op.line} is not a line of the notes; nothing was changed` };
        }
        expected.notes = read.fields.notes;
        outcome = { ok: true, text: changed, edits: [edit] };
        break;
      }
      default:
        return { error: `unknown edit operation ${JSON.stringify((op as { op?: unknown }).op)}` };
    }
    if (!outcome.ok) return { error: outcome.error };
    yamlEdits = composeEdits(yamlEdits, outcome.edits, yaml);
    yaml = outcome.text;
  }

  const after = loadFields(yaml);
  if ('error' in after) return { error: `internal: the edit would break the fields (${after.error}); nothing was changed` };
  if (!isDeepStrictEqual(after.fields, expected) || normalize(body) !== expectedBody) {
    return { error: 'internal: the edit did not read back as intended; nothing was changed' };
  }
  const newText = parts.head + yaml + fence + body;
  const yamlStart = parts.head.length;
  const fenceEnd = yamlStart + parts.yaml.length + parts.fence.length;
  const edits = tightenEdits(text, [
    ...yamlEdits.map((e) => ({ ...e, offset: e.offset + yamlStart })),
    ...(fence === parts.fence ? [] : [{ offset: fenceEnd, length: 0, newText: fence.slice(parts.fence.length) }]),
    ...bodyEdits.map((e) => ({ ...e, offset: e.offset + fenceEnd })),
  ]);
  if (applyEdits(text, edits) !== newText) return { error: 'internal: inconsistent text edits; nothing was changed' };
  return { edits, text: newText };
}

function single(text: string, op: EditOp, options: RecordEditOptions | undefined): TextEdit[] | EditError {
  const result = editRecord(text, [op], options);
  return 'error' in result ? result : result.edits;
}

/**
 * Sets a field: a scalar, a map (`next_action`), a list (`tags`); missing parents are created.
 * @example setField(text, ['stage'], 'won') // `stage: lead  # comment` → `stage: won  # comment`
 */
export function setField(text: string, path: FieldPath, value: unknown, options?: RecordEditOptions): TextEdit[] | EditError {
  return single(text, { op: 'set', path, value }, options);
}

/**
 * Removes a field or a list item (its lines in block style, its entry and comma in flow style).
 * Removing a field that is not there returns no edits.
 * @example removeField(text, ['next_action', 'what'])
 */
export function removeField(text: string, path: FieldPath, options?: RecordEditOptions): TextEdit[] | EditError {
  return single(text, { op: 'remove', path }, options);
}

/**
 * Appends an item to a list, in the list's own style; creates the list when missing or null.
 * @example appendToList(text, ['purchases'], { date: '2026-11-24', amount: 45000, item: 'Audit' })
 */
export function appendToList(text: string, path: FieldPath, item: unknown, options?: RecordEditOptions): TextEdit[] | EditError {
  return single(text, { op: 'append', path, item }, options);
}

/**
 * Appends `- <line>` as the last line of the `heading` section of the notes (the Markdown body, or
 * the `notes:` block of a `.yaml` record), creating the section at the end when missing.
 * @example appendLogLine(text, '2026-11-24 call: asked for a discount')
 */
export function appendLogLine(
  text: string,
  line: string,
  heading: string = DEFAULT_LOG_HEADING,
  options?: RecordEditOptions,
): TextEdit[] | EditError {
  return single(text, { op: 'log', line, heading }, options);
}
