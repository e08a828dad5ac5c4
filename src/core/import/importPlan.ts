// What a CSV import will do, computed before anything is written (PRODUCT.md §9, CSV import): each
// row either creates `clients/<slug>.md`, fills empty fields of the record it matches (archived
// included) or of an earlier row, or is skipped with its line and reason. A match never
// overwrites: a different value is listed as a conflict and the record's value stays. A record
// with nothing new is not touched, so importing the same file twice changes nothing.
import { newClientFile } from '../actions/newClient';
import { normalizeEmail, normalizePhone } from '../contact';
import { editRecord, type EditOp, isEditError } from '../edit/recordEdit';
import type { TextEdit } from '../edit/textEdit';
import { t } from '../i18n';
import { renderEntryLines, DEFAULT_STYLE, type PlainValue } from '../edit/yamlRender';
import type { ComputeContext } from '../computed';
import type { CrmConfig, CrmRecord } from '../model';
import { parseRecordText } from '../parse/recordText';
import { eventFirings } from '../playbooks/fire';
import type { Playbook } from '../playbooks/playbook';
import { recordName } from '../recordFields';
import { clientIssues } from '../validate';
import type { ColumnMapping } from './columnMap';
import type { CsvTable } from './csvTable';
import { type BadRow, type CellValue, isBadRow, rowValues, sameText, type SkipReason } from './rowValues';

export interface Conflict {
  line: number;
  field: string;
  /** The value kept (the record's, or an earlier row's). */
  kept: unknown;
  /** The value of the row, left out. */
  offered: unknown;
}

export type ImportOutcome =
  | { kind: 'create'; file: string; name: string; text: string; lines: number[]; conflicts: Conflict[]; playbooks: string[] }
  | { kind: 'update'; file: string; name: string; text: string; edits: TextEdit[]; base: string; lines: number[]; filled: string[]; tags: string[]; notes: number; conflicts: Conflict[] }
  | { kind: 'unchanged'; file: string; name: string; lines: number[]; conflicts: Conflict[] }
  | { kind: 'skipped'; lines: number[]; reason: SkipReason; detail: string };

export interface ImportPlan {
  outcomes: ImportOutcome[];
  /** Kept as written but worth a look, by line. */
  warnings: { line: number; message: string }[];
}

export interface ImportSources {
  config: CrmConfig;
  /** Every client record, archived included. */
  records: readonly CrmRecord[];
  /** The current text of a record's file (an editor's unsaved text where there is one). */
  textOf(file: string): Promise<string | undefined>;
  /** Whether a workspace file exists (case-insensitively where the file system is). */
  exists(file: string): boolean;
  today: string;
  /** The workspace's playbooks: a new client fires the `created` rules, into its new file. */
  playbooks?: { rules: readonly Playbook[]; context: ComputeContext };
}

/** A record the rows go to: one that exists, or one the import creates. */
interface Target {
  record?: CrmRecord;
  /** The fields as they will be: the record's (or first row's) plus what later rows filled. */
  data: Record<string, unknown>;
  body: string;
  filled: string[];
  tags: string[];
  notes: string[];
  lines: number[];
  conflicts: Conflict[];
}

/** The fields of a new record, in the order PRODUCT.md §2 writes them; custom ones follow. */
const FIELD_ORDER = ['name', 'first_name', 'last_name', 'company', 'email', 'phone', 'city', 'stage', 'source', 'owner', 'value', 'currency', 'tags', 'birthday', 'last_contact', 'consent', 'unsubscribed'];

const isEmpty = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
const nameKey = (name: string): string => name.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();

function getPath(data: Record<string, unknown>, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split('.')) value = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function setPath(data: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let holder = data;
  for (const key of keys.slice(0, -1)) {
    const next = holder[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) holder[key] = {};
    holder = holder[key] as Record<string, unknown>;
  }
  holder[keys.at(-1)!] = value;
}

function sameValue(field: string, a: unknown, b: unknown, region: string): boolean {
  if (field === 'email') return normalizeEmail(a) !== undefined && normalizeEmail(a) === normalizeEmail(b);
  if (field === 'phone') {
    const pa = normalizePhone(a, region);
    if (pa !== undefined && pa === normalizePhone(b, region)) return true;
  }
  if (typeof a === 'string' && typeof b === 'string') return sameText(a, b);
  if (typeof a === 'number' && typeof b === 'string') return String(a) === b.trim();
  return a === b;
}

/** The keys a target or a row is found by: normalized e-mail and E.164 phone. */
function contactKeys(data: { get(field: string): unknown }, region: string): string[] {
  const keys: string[] = [];
  const email = normalizeEmail(data.get('email'));
  if (email !== undefined) keys.push(`e:${email}`);
  const phone = normalizePhone(data.get('phone'), region);
  if (phone !== undefined) keys.push(`p:${phone}`);
  return keys;
}

class TargetIndex {
  private readonly byKey = new Map<string, Target>();
  private readonly byName = new Map<string, Target[]>();

  add(target: Target, region: string): void {
    for (const key of contactKeys({ get: (f) => target.data[f] }, region)) if (!this.byKey.has(key)) this.byKey.set(key, target);
    const name = target.data['name'];
    if (typeof name === 'string' && name.trim() !== '') {
      const list = this.byName.get(nameKey(name)) ?? [];
      if (!list.includes(target)) list.push(target);
      this.byName.set(nameKey(name), list);
    }
  }

  /** By e-mail, then phone; by name only for a row with neither (so a re-import matches it too). */
  find(values: ReadonlyMap<string, CellValue>, region: string): Target | Target[] | undefined {
    const keys = contactKeys(values, region);
    for (const key of keys) {
      const found = this.byKey.get(key);
      if (found) return found;
    }
    if (keys.length > 0 || values.has('email') || values.has('phone')) return undefined;
    const name = values.get('name');
    if (typeof name !== 'string') return undefined;
    const list = this.byName.get(nameKey(name)) ?? [];
    return list.length === 1 ? list[0] : list.length > 1 ? list : undefined;
  }
}

function merge(target: Target, line: number, values: ReadonlyMap<string, CellValue>, region: string): void {
  target.lines.push(line);
  for (const [field, value] of values) {
    if (field === 'notes') {
      const text = String(value);
      if (!target.body.includes(text) && !target.notes.includes(text)) target.notes.push(text);
      continue;
    }
    const current = getPath(target.data, field);
    if (field === 'tags' && Array.isArray(value) && (Array.isArray(current) || isEmpty(current))) {
      const list = Array.isArray(current) ? (current as unknown[]) : [];
      const added = value.filter((tag) => !list.some((known) => sameText(String(known), tag)));
      target.tags.push(...added);
      setPath(target.data, field, [...list, ...added]);
      continue;
    }
    if (isEmpty(current)) {
      target.filled.push(field);
      setPath(target.data, field, value);
    } else if (!sameValue(field, current, value, region)) {
      target.conflicts.push({ line, field, kept: current, offered: value });
    }
  }
}

function newTarget(line: number, values: ReadonlyMap<string, CellValue>, sources: ImportSources): Target {
  const data: Record<string, unknown> = {};
  for (const [field, value] of values) if (field !== 'notes') setPath(data, field, value);
  data['stage'] ??= sources.config.stages[0]?.id ?? 'lead';
  data['created'] ??= sources.today;
  data['stage_since'] = sources.today;
  const notes = values.get('notes');
  return { data, body: '', filled: [], tags: [], notes: typeof notes === 'string' ? [notes] : [], lines: [line], conflicts: [] };
}

/** The text of a new record: known fields in the usual order, custom ones, then the dates; notes below. */
export function newRecordText(data: Readonly<Record<string, unknown>>, notes: readonly string[]): string {
  const keys = [...FIELD_ORDER.filter((k) => k in data), ...Object.keys(data).filter((k) => !FIELD_ORDER.includes(k) && k !== 'created' && k !== 'stage_since'), 'created', 'stage_since'];
  const lines = ['---'];
  for (const key of keys) if (data[key] !== undefined) lines.push(...renderEntryLines(key, data[key] as PlainValue, 0, DEFAULT_STYLE));
  lines.push('---', '## Notes', '');
  for (const note of notes) lines.push(note.replace(/\r\n?/g, '\n'), '');
  return `${lines.join('\n')}\n`;
}

function editOps(target: Target, today: string): EditOp[] {
  const ops: EditOp[] = target.filled.map((field) => ({ op: 'set', path: field.split('.'), value: getPath(target.data, field) }));
  if (target.tags.length > 0) {
    if (Array.isArray(target.record!.data.tags)) for (const tag of target.tags) ops.push({ op: 'append', path: ['tags'], item: tag });
    else ops.push({ op: 'set', path: ['tags'], value: target.tags });
  }
  for (const note of target.notes) ops.push({ op: 'log', line: `${today} import: ${note.replace(/\s*\n\s*/g, ' ')}` });
  return ops;
}

/** Plans the import of a table with the given column mapping; nothing is written. */
export async function planImport(table: CsvTable, mappings: readonly ColumnMapping[], sources: ImportSources): Promise<ImportPlan> {
  const region = sources.config.phone_region;
  const index = new TargetIndex();
  // In order of first appearance; a Set because thousands of rows may go to the same few records.
  const targets = new Set<Target>();
  for (const record of sources.records) {
    const target: Target = { record, data: structuredClone(record.data) as Record<string, unknown>, body: record.body, filled: [], tags: [], notes: [], lines: [], conflicts: [] };
    index.add(target, region);
  }
  const skipped: ImportOutcome[] = [];
  const warnings: ImportPlan['warnings'] = [];
  const skip = (bad: BadRow): void => void skipped.push({ kind: 'skipped', lines: [bad.line], reason: bad.reason, detail: bad.detail });

  for (const row of table.rows) {
    const values = rowValues(row, mappings, sources.config);
    if (isBadRow(values)) {
      skip(values);
      continue;
    }
    const found = index.find(values.values, region);
    if (Array.isArray(found)) {
      const named = found.map((other) => other.record?.file ?? t('line {0}', other.lines[0]!)).join(', ');
      skip({ line: row.line, reason: 'ambiguous name', detail: t('no e-mail or phone, and {0} records are named "{1}": {2}', found.length, String(values.values.get('name')), named) });
      continue;
    }
    let target = found;
    if (target) {
      merge(target, row.line, values.values, region);
    } else {
      if (typeof values.values.get('name') !== 'string') {
        skip({ line: row.line, reason: 'no name', detail: t('a new record needs a name, and no record has this e-mail or phone') });
        continue;
      }
      target = newTarget(row.line, values.values, sources);
    }
    targets.add(target);
    index.add(target, region);
    for (const message of values.warnings) warnings.push({ line: row.line, message });
  }

  const outcomes: ImportOutcome[] = [...skipped];
  const planned = new Set<string>();
  const exists = (file: string): boolean => planned.has(file.toLowerCase()) || sources.exists(file);
  for (const target of targets) outcomes.push(await (target.record ? updateOutcome(target, target.record, sources) : createOutcome(target, sources, exists, planned)));
  outcomes.sort((a, b) => a.lines[0]! - b.lines[0]!);
  return { outcomes, warnings };
}

async function createOutcome(target: Target, sources: ImportSources, exists: (file: string) => boolean, planned: Set<string>): Promise<ImportOutcome> {
  const name = String(target.data['name']);
  const file = newClientFile(name, sources.config, exists);
  const text = newRecordText(target.data, target.notes);
  // Read back as the loader will: what does not validate (or read back differently) is not written.
  const parsed = parseRecordText(file, text, { kind: 'client', archived: false });
  const issues = parsed.record ? clientIssues(parsed.record, sources.config) : [];
  const problem = parsed.problems[0]?.message ?? issues[0]?.message;
  if (problem !== undefined) return { kind: 'skipped', lines: target.lines, reason: 'invalid value', detail: problem };
  planned.add(file.toLowerCase());
  const firings = parsed.record && sources.playbooks ? eventFirings(sources.playbooks.rules, { kind: 'created' }, parsed.record, sources.playbooks.context) : [];
  const withPlaybooks = firings.length > 0 ? editRecord(text, firings.flatMap((f) => f.ops), { format: 'md' }) : undefined;
  const final = withPlaybooks && !isEditError(withPlaybooks) ? withPlaybooks.text : text;
  const playbooks = withPlaybooks && !isEditError(withPlaybooks) ? firings.map((f) => f.playbook.name) : [];
  return { kind: 'create', file, name, text: final, lines: target.lines, conflicts: target.conflicts, playbooks };
}

async function updateOutcome(target: Target, record: CrmRecord, sources: ImportSources): Promise<ImportOutcome> {
  const base = { file: record.file, name: recordName(record), lines: target.lines, conflicts: target.conflicts };
  const ops = editOps(target, sources.today);
  if (ops.length === 0) return { kind: 'unchanged', ...base };
  const text = await sources.textOf(record.file);
  if (text === undefined) return { kind: 'skipped', lines: target.lines, reason: 'not editable', detail: t('{0} cannot be read', record.file) };
  const result = editRecord(text, ops, { format: record.format });
  if (isEditError(result)) return { kind: 'skipped', lines: target.lines, reason: 'not editable', detail: `${record.file}: ${result.error}` };
  return { kind: 'update', ...base, text: result.text, edits: result.edits, base: text, filled: target.filled, tags: target.tags, notes: target.notes.length };
}

const shown = (value: unknown): string => (typeof value === 'string' ? `"${value}"` : Array.isArray(value) ? `[${value.join(', ')}]` : String(value));
const linesText = (lines: readonly number[]): string => (lines.length === 1 ? t('line {0}', lines.join(', ')) : t('lines {0}', lines.join(', ')));

/** Why rows were skipped, for a person (the reason itself is data). */
export function skipReasonText(reason: SkipReason): string {
  switch (reason) {
    case 'too many cells':
      return t('too many cells');
    case 'invalid e-mail':
      return t('invalid e-mail');
    case 'invalid value':
      return t('invalid value');
    case 'unknown stage':
      return t('unknown stage');
    case 'no name':
      return t('no name');
    case 'ambiguous name':
      return t('ambiguous name');
    case 'not editable':
      return t('not editable');
  }
}

/** `2 invalid e-mail`: how many rows were skipped for a reason. */
function skipCountText(reason: SkipReason, n: number): string {
  switch (reason) {
    case 'too many cells':
      return t('{0} too many cells', n);
    case 'invalid e-mail':
      return t('{0} invalid e-mail', n);
    case 'invalid value':
      return t('{0} invalid value', n);
    case 'unknown stage':
      return t('{0} unknown stage', n);
    case 'no name':
      return t('{0} no name', n);
    case 'ambiguous name':
      return t('{0} ambiguous name', n);
    case 'not editable':
      return t('{0} not editable', n);
  }
}

/** The plan as lines for a person: one per record or skipped row, conflicts and warnings below. */
export function planLines(plan: ImportPlan): string[] {
  const out: string[] = [];
  for (const o of plan.outcomes) {
    const where = linesText(o.lines);
    if (o.kind === 'create') {
      out.push(o.playbooks.length === 0 ? t('{0}: create {1} ({2})', where, o.file, o.name) : t('{0}: create {1} ({2}), playbook {3}', where, o.file, o.name, o.playbooks.join(', ')));
    }
    else if (o.kind === 'update') {
      const what = [...o.filled, ...(o.tags.length > 0 ? [`tags +${o.tags.join(' +')}`] : []), ...(o.notes > 0 ? ['notes'] : [])];
      out.push(t('{0}: update {1} ({2}): {3}', where, o.file, o.name, what.join(', ')));
    } else if (o.kind === 'unchanged') out.push(t('{0}: unchanged {1} ({2})', where, o.file, o.name));
    else out.push(t('{0}: skipped, {1}: {2}', where, skipReasonText(o.reason), o.detail));
    if (o.kind !== 'skipped') {
      for (const c of o.conflicts) out.push(`  ${t('conflict, line {0}: {1} stays {2}; the file has {3}', c.line, c.field, shown(c.kept), shown(c.offered))}`);
    }
  }
  for (const w of plan.warnings) out.push(t('line {0}: warning: {1}', w.line, w.message));
  return out;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  conflicts: number;
  reasons: Map<SkipReason, number>;
}

export function importCounts(plan: ImportPlan): ImportCounts {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, skipped: 0, conflicts: 0, reasons: new Map() };
  for (const o of plan.outcomes) {
    if (o.kind === 'create') counts.created++;
    else if (o.kind === 'update') counts.updated++;
    else if (o.kind === 'unchanged') counts.unchanged++;
    else {
      counts.skipped += o.lines.length;
      counts.reasons.set(o.reason, (counts.reasons.get(o.reason) ?? 0) + o.lines.length);
    }
    if (o.kind !== 'skipped') counts.conflicts += o.conflicts.length;
  }
  return counts;
}

/** `created 3, updated 1, unchanged 2, skipped 2 (1 invalid e-mail, 1 no name)`, plus conflicts when any. */
export function importSummary(plan: ImportPlan): string {
  const c = importCounts(plan);
  const reasons = [...c.reasons].map(([reason, n]) => skipCountText(reason, n)).join(', ');
  const counts =
    reasons === ''
      ? t('created {0}, updated {1}, unchanged {2}, skipped {3}', c.created, c.updated, c.unchanged, c.skipped)
      : t('created {0}, updated {1}, unchanged {2}, skipped {3} ({4})', c.created, c.updated, c.unchanged, c.skipped, reasons);
  if (c.conflicts === 0) return counts;
  return c.conflicts === 1 ? t('{0}; 1 conflict, existing values kept', counts) : t('{0}; {1} conflicts, existing values kept', counts, c.conflicts);
}
