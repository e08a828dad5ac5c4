// Playbooks (issue 15): `.crm/playbooks.yaml` names rules `{when, if, do}` that create tasks, set
// the next action and tag clients — on events the extension makes (a new client, a stage move,
// a won or lost deal) and on dates (`plain-crm playbooks run`, daily). Parsed here into typed
// rules; every mistake is an issue at its path, and a broken rule is left out, never guessed.
import type { DateUnit } from '../dates';
import { t } from '../i18n';
import { parseQuery } from '../query/parser';
import { isMapping } from '../recordFields';

export const PLAYBOOKS_FILE = '.crm/playbooks.yaml';

export type Trigger =
  | { kind: 'created' }
  | { kind: 'stage'; stage: string }
  | { kind: 'won' }
  | { kind: 'lost' }
  | { kind: 'days_after'; field: string; days: number }
  /** N days before a date field (a contract end, a domain renewal), through the day itself. */
  | { kind: 'days_before'; field: string; days: number }
  | { kind: 'birthday'; days_before: number }
  /** An invoice of the client marked paid. */
  | { kind: 'invoice_paid' }
  /** A purchase added (a deal closed as won with an amount). */
  | { kind: 'purchase' }
  /** The client's Nth order (purchases and paid invoices, as the `orders` field counts them). */
  | { kind: 'orders'; count: number };

export interface Offset {
  amount: number;
  unit: DateUnit;
}

export type Action =
  | { kind: 'task'; in: Offset; what: string; owner?: string }
  | { kind: 'next_action'; in: Offset; what: string }
  | { kind: 'tag'; add?: string; remove?: string }
  /** A task whose line names a message template (`✉ <template>`): the Tasks view opens its draft. */
  | { kind: 'message'; template: string; in: Offset; what?: string; owner?: string };

export interface Playbook {
  id: string;
  name: string;
  when: Trigger;
  /** A query the client must match (after the change, for events). */
  if?: string;
  do: Action[];
}

export interface PlaybookIssue {
  path: string[];
  message: string;
}

const OFFSET = /^(\d{1,4})([dwmy])$/;
/** A template's id: its file name without `.md` (letters, digits, `-`, `_`, `.`). */
export const TEMPLATE_ID = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u;

export function isTimeTrigger(trigger: Trigger): boolean {
  return trigger.kind === 'days_after' || trigger.kind === 'days_before' || trigger.kind === 'birthday';
}

function parseOffset(value: unknown, path: string[], issues: PlaybookIssue[]): Offset | undefined {
  const match = typeof value === 'string' ? OFFSET.exec(value.trim()) : typeof value === 'number' && Number.isInteger(value) && value >= 0 ? ['', String(value), 'd'] : null;
  if (!match) {
    issues.push({ path, message: t('expected a delay like 0d, 1d, 2w, 6m or 1y') });
    return undefined;
  }
  return { amount: Number(match[1]), unit: match[2] as DateUnit };
}

function wholeDays(value: unknown, path: string[], issues: PlaybookIssue[]): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  issues.push({ path, message: t('expected a whole number of days') });
  return undefined;
}

function parseTrigger(value: unknown, path: string[], issues: PlaybookIssue[]): Trigger | undefined {
  if (value === 'created' || value === 'won' || value === 'lost' || value === 'invoice_paid' || value === 'purchase') return { kind: value };
  if (isMapping(value)) {
    const keys = Object.keys(value);
    const [key] = keys;
    const inner = key === undefined ? undefined : value[key];
    if (keys.length === 1 && key === 'stage' && typeof inner === 'string' && inner.trim() !== '') return { kind: 'stage', stage: inner.trim() };
    if (keys.length === 1 && (key === 'days_after' || key === 'days_before') && isMapping(inner)) {
      const field = inner['field'];
      const days = wholeDays(inner['days'], [...path, key, 'days'], issues);
      if (typeof field !== 'string' || field.trim() === '') issues.push({ path: [...path, key, 'field'], message: t('expected the name of a date field, like last_purchase or created') });
      else if (days !== undefined) return { kind: key, field: field.trim(), days };
      return undefined;
    }
    if (keys.length === 1 && key === 'orders') {
      if (typeof inner === 'number' && Number.isInteger(inner) && inner >= 1) return { kind: 'orders', count: inner };
      issues.push({ path: [...path, 'orders'], message: t('expected which order: a whole number from 1 (2 = the second order)') });
      return undefined;
    }
    if (keys.length === 1 && key === 'birthday' && isMapping(inner)) {
      const days = wholeDays(inner['days_before'] ?? 0, [...path, 'birthday', 'days_before'], issues);
      return days === undefined ? undefined : { kind: 'birthday', days_before: days };
    }
  }
  issues.push({ path, message: t('expected created, won, lost, invoice_paid, purchase, {stage: <id>}, {orders: N}, {days_after: {field, days}}, {days_before: {field, days}} or {birthday: {days_before}}') });
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' && !/[\r\n]/.test(value) ? value.trim() : undefined;
}

function parseAction(value: unknown, path: string[], issues: PlaybookIssue[]): Action | undefined {
  const [key, inner] = isMapping(value) && Object.keys(value).length === 1 ? Object.entries(value)[0]! : [undefined, undefined];
  if ((key === 'task' || key === 'next_action') && isMapping(inner)) {
    const offset = parseOffset(inner['in'] ?? '0d', [...path, key, 'in'], issues);
    const what = text(inner['what']);
    if (what === undefined) issues.push({ path: [...path, key, 'what'], message: t('expected one line of text: what to do') });
    if (offset === undefined || what === undefined) return undefined;
    if (key === 'next_action') return { kind: 'next_action', in: offset, what };
    const owner = inner['owner'];
    if (owner !== undefined && (typeof owner !== 'string' || !/^\S+$/.test(owner))) {
      issues.push({ path: [...path, key, 'owner'], message: t('expected an e-mail address, or $owner for the client\'s owner') });
      return undefined;
    }
    return { kind: 'task', in: offset, what, ...(typeof owner === 'string' && { owner }) };
  }
  if (key === 'message' && isMapping(inner)) {
    const template = inner['template'];
    const offset = parseOffset(inner['in'] ?? '0d', [...path, key, 'in'], issues);
    const what = inner['what'] === undefined ? undefined : text(inner['what']);
    const owner = inner['owner'];
    let ok = offset !== undefined;
    if (typeof template !== 'string' || !TEMPLATE_ID.test(template.trim())) {
      issues.push({ path: [...path, key, 'template'], message: t('expected the id of a message template (its file name in .crm/templates without .md, or a bundled one like thank-you)') });
      ok = false;
    }
    if (inner['what'] !== undefined && what === undefined) {
      issues.push({ path: [...path, key, 'what'], message: t('expected one line of text: what to do') });
      ok = false;
    }
    if (owner !== undefined && (typeof owner !== 'string' || !/^\S+$/.test(owner))) {
      issues.push({ path: [...path, key, 'owner'], message: t('expected an e-mail address, or $owner for the client\'s owner') });
      ok = false;
    }
    if (!ok) return undefined;
    return { kind: 'message', template: String(template).trim(), in: offset!, ...(what !== undefined && { what }), ...(typeof owner === 'string' && { owner }) };
  }
  if (key === 'tag' && isMapping(inner)) {
    const add = text(inner['add']);
    const remove = text(inner['remove']);
    if ((add !== undefined || remove !== undefined) && Object.keys(inner).every((k) => k === 'add' || k === 'remove')) {
      return { kind: 'tag', ...(add !== undefined && { add }), ...(remove !== undefined && { remove }) };
    }
  }
  issues.push({ path, message: t('expected task: {in, what, owner}, next_action: {in, what}, message: {template, in, what, owner} or tag: {add} / {remove}') });
  return undefined;
}

/** The rules of `.crm/playbooks.yaml` (a mapping of rule id to rule), in file order, and the issues. */
export function parsePlaybooks(data: unknown): { playbooks: Playbook[]; issues: PlaybookIssue[] } {
  const playbooks: Playbook[] = [];
  const issues: PlaybookIssue[] = [];
  if (data === undefined || data === null) return { playbooks, issues };
  if (!isMapping(data)) return { playbooks, issues: [{ path: [], message: t('expected a mapping of rule ids to rules {when, if, do}') }] };
  for (const [id, rule] of Object.entries(data)) {
    const path = [id];
    if (!isMapping(rule)) {
      issues.push({ path, message: t('a rule is a mapping with when, do and optionally if and name') });
      continue;
    }
    const before = issues.length;
    const when = parseTrigger(rule['when'], [...path, 'when'], issues);
    const condition = rule['if'];
    if (condition !== undefined && condition !== null) {
      const parsed = typeof condition === 'string' ? parseQuery(condition) : undefined;
      if (!parsed?.ok) {
        issues.push({ path: [...path, 'if'], message: parsed ? t('the query does not parse: column {0}: expected {1}', parsed.error.column, parsed.error.expected) : t('expected a query') });
      }
    }
    const list = rule['do'];
    const actions = Array.isArray(list) ? list.map((a: unknown, i) => parseAction(a, [...path, 'do', String(i)], issues)) : [];
    if (!Array.isArray(list) || list.length === 0) issues.push({ path: [...path, 'do'], message: t('expected a list of actions') });
    if (issues.length > before || !when) continue;
    playbooks.push({
      id,
      name: text(rule['name']) ?? id,
      when,
      ...(typeof condition === 'string' && { if: condition }),
      do: actions.filter((a): a is Action => a !== undefined),
    });
  }
  return { playbooks, issues };
}
