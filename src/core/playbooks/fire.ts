// What a playbook does to one client: its rules matched against an event or a date, turned into
// edit operations of the edit engine (so the caller applies them with its own change, in one
// undo step, byte-exact elsewhere). Every task a rule adds ends with `<!-- playbook:<id> <date> -->`:
// a time rule fires once per anchor date, and that comment is how a later run knows it did.
import { daysToBirthday, type ComputeContext, isComputedField } from '../computed';
import { findStage } from '../config';
import { contactPersons } from '../contactPersons';
import { addToIsoDate, isIsoDate, isoToDayNumber } from '../dates';
import type { EditOp } from '../edit/recordEdit';
import type { CrmRecord } from '../model';
import { compileQuery } from '../query';
import { recordPipeline } from '../recordFields';
import { t } from '../i18n';
import { addTaskOps } from '../tasks/taskEdit';
import { messageTaskText } from './messageTask';
import { isTimeTrigger, type Offset, type Playbook } from './playbook';

/**
 * A change the extension, the CLI or an import makes: a new client, a move to `stage`, a purchase
 * added or an invoice paid. `orders` is the client's order count after the change (for `orders: N`).
 */
export type PlaybookEvent =
  | { kind: 'created' }
  | { kind: 'stage'; stage: string }
  | { kind: 'purchase'; orders: number }
  | { kind: 'invoice_paid'; invoice: string; orders: number };

/** How a rule fires: for a time rule, with its log mark; for a person's birthday; for an invoice. */
export interface FiringOptions {
  logWhenEmpty?: boolean;
  /** The contact person (their name) whose birthday fired the rule. */
  person?: string;
  /** The invoice number an `invoice_paid` event was for: a `message` task names it. */
  invoice?: string;
}

export interface Firing {
  playbook: Playbook;
  /** The date the rule fired for: today for events, the anchor date for time rules. */
  anchor: string;
  ops: EditOp[];
  /** The contact person (their name) whose birthday fired the rule (issue 17); none for the client's own. */
  person?: string;
  tasks: number;
  nextActions: number;
  tags: number;
}

const shift = (today: string, offset: Offset): string => addToIsoDate(today, offset.amount, offset.unit) ?? today;

export function playbookKey(playbook: Playbook, anchor: string, person?: string): string {
  return `playbook:${playbook.id} ${anchor}${person === undefined ? '' : ` ${person}`}`;
}

/** True when the record's notes already hold what the rule added for this anchor (and person). */
export function hasFired(record: CrmRecord, playbook: Playbook, anchor: string, person?: string): boolean {
  return record.body.includes(`<!-- ${playbookKey(playbook, anchor, person)} -->`);
}

function tagList(record: CrmRecord): string[] {
  const tags = record.data.tags;
  return Array.isArray(tags) ? tags.map(String) : [];
}

/**
 * The edit operations of one rule for one client (the record as it will be after the change).
 * For a contact person's birthday (`person`, their name) the tasks and the next action name the
 * person ("Поздравить — Анна Бухгалтерова"); tags describe the client and are left to its own rules.
 */
export function firingFor(playbook: Playbook, record: CrmRecord, anchor: string, today: string, options: FiringOptions = {}): Firing {
  const { logWhenEmpty = false, person, invoice } = options;
  const ops: EditOp[] = [];
  let tasks = 0;
  let nextActions = 0;
  let tags = 0;
  const key = playbookKey(playbook, anchor, person);
  const current = tagList(record);
  const removals: number[] = [];
  const what = (text: string): string => (person === undefined ? text : `${text} — ${person}`);
  for (const action of playbook.do) {
    if (action.kind === 'task' || action.kind === 'message') {
      const owner = action.owner === '$owner' ? (typeof record.data.owner === 'string' ? record.data.owner : undefined) : action.owner;
      const text =
        action.kind === 'task'
          ? what(action.what)
          : messageTaskText(what(action.what ?? t('Send the message «{0}»', action.template)), { template: action.template, ...(invoice !== undefined && { invoice }) });
      const added = addTaskOps({ text, due: shift(today, action.in), ...(owner !== undefined && { owner }), key });
      if (added.ok) {
        ops.push(...added.ops);
        tasks++;
      }
    } else if (action.kind === 'next_action') {
      ops.push({ op: 'set', path: ['next_action'], value: { date: shift(today, action.in), what: what(action.what) } });
      nextActions++;
    } else if (action.kind === 'tag' && person === undefined) {
      const lower = current.map((tag) => tag.toLowerCase());
      if (action.add !== undefined && !lower.includes(action.add.toLowerCase()) && (record.data.tags === undefined || Array.isArray(record.data.tags))) {
        ops.push({ op: 'append', path: ['tags'], item: action.add });
        current.push(action.add);
        tags++;
      }
      if (action.remove !== undefined) {
        const index = lower.indexOf(action.remove.toLowerCase());
        if (index !== -1 && index < tagList(record).length && !removals.includes(index)) {
          removals.push(index);
          tags++;
        }
      }
    }
  }
  // Removing from the end first keeps the earlier indexes right.
  for (const index of removals.sort((a, b) => b - a)) ops.push({ op: 'remove', path: ['tags', index] });
  // A time rule that adds no task still leaves its mark, in the log, so it does not fire again.
  if (logWhenEmpty && tasks === 0 && ops.length > 0) ops.push({ op: 'log', line: `${today} playbook: ${playbook.name} <!-- ${key} -->` });
  return { playbook, anchor, ops, ...(person !== undefined && { person }), tasks, nextActions, tags };
}

/** The rule's `if` as a predicate over this context (no `if`: always). */
function conditionOf(playbook: Playbook, ctx: ComputeContext): (record: CrmRecord) => boolean {
  if (playbook.if === undefined) return () => true;
  const compiled = compileQuery(playbook.if, ctx);
  return compiled.ok ? compiled.query.matches : () => false;
}

function triggeredBy(playbook: Playbook, event: PlaybookEvent, record: CrmRecord, ctx: ComputeContext): boolean {
  const when = playbook.when;
  switch (event.kind) {
    case 'created':
      return when.kind === 'created';
    case 'purchase':
    case 'invoice_paid':
      return when.kind === event.kind || (when.kind === 'orders' && when.count === event.orders);
    case 'stage': {
      if (when.kind === 'stage') return when.stage.toLowerCase() === event.stage.toLowerCase();
      if (when.kind !== 'won' && when.kind !== 'lost') return false;
      const stage = findStage(ctx.config, event.stage, recordPipeline(record, ctx.config));
      const outcome = stage?.outcome ?? (event.stage.toLowerCase() === when.kind ? when.kind : undefined);
      return outcome === when.kind;
    }
  }
}

/**
 * The rules an event fires for `record` — the record as it is after the change (a new client's
 * fields, or the moved client with its new stage) — in file order.
 */
export function eventFirings(playbooks: readonly Playbook[], event: PlaybookEvent, record: CrmRecord, ctx: ComputeContext): Firing[] {
  return playbooks
    .filter((p) => !isTimeTrigger(p.when) && triggeredBy(p, event, record, ctx) && conditionOf(p, ctx)(record))
    .map((p) => firingFor(p, record, ctx.today, ctx.today, event.kind === 'invoice_paid' ? { invoice: event.invoice } : {}))
    .filter((f) => f.ops.length > 0);
}

/** The client's order count once one more order (a purchase, a paid invoice) is in. */
function ordersAfterOne(client: CrmRecord, ctx: ComputeContext): number {
  const orders = ctx.field(client, 'orders');
  return (typeof orders === 'number' ? orders : 0) + 1;
}

/**
 * The rules a payment fires for the invoice's client: `invoice_paid`, and `orders: N` when this
 * payment is order N. None when the invoice was paid already (marking it again is no new event).
 */
export function invoicePaidFirings(playbooks: readonly Playbook[], invoice: CrmRecord, client: CrmRecord, ctx: ComputeContext): Firing[] {
  if (invoice.data.status === 'paid') return [];
  const number = typeof invoice.data.number === 'string' && invoice.data.number.trim() !== '' ? invoice.data.number.trim() : invoice.id;
  return eventFirings(playbooks, { kind: 'invoice_paid', invoice: number, orders: ordersAfterOne(client, ctx) }, client, ctx);
}

/** The rules a new purchase of `client` fires: `purchase`, and `orders: N` when it is order N. */
export function purchaseFirings(playbooks: readonly Playbook[], client: CrmRecord, ctx: ComputeContext): Firing[] {
  return eventFirings(playbooks, { kind: 'purchase', orders: ordersAfterOne(client, ctx) }, client, ctx);
}

/** The anchor date a time rule counts from for this client, and whether it is due today. */
export function timeAnchor(playbook: Playbook, record: CrmRecord, ctx: ComputeContext): string | undefined {
  const when = playbook.when;
  if (when.kind === 'days_after') {
    const raw = isComputedField(when.field) ? ctx.field(record, when.field) : record.data[when.field];
    if (!isIsoDate(raw)) return undefined;
    const due = isoToDayNumber(addToIsoDate(raw, when.days, 'd'));
    // Due as soon as N days have passed: a missed day is caught up by the next run.
    return due !== undefined && ctx.todayDay >= due ? raw : undefined;
  }
  if (when.kind === 'days_before') {
    const raw = isComputedField(when.field) ? ctx.field(record, when.field) : record.data[when.field];
    const day = isoToDayNumber(isIsoDate(raw) ? raw : undefined);
    // From N days before through the day itself: a run missed on the first day still catches it.
    return day !== undefined && ctx.todayDay >= day - when.days && ctx.todayDay <= day ? (raw as string) : undefined;
  }
  if (when.kind === 'birthday') return birthdayAnchor(record.data.birthday, when.days_before, ctx);
  return undefined;
}

/** This year's birthday when it is at most `daysBefore` days away, else undefined. */
function birthdayAnchor(birthday: unknown, daysBefore: number, ctx: ComputeContext): string | undefined {
  const days = daysToBirthday(birthday, ctx.today);
  if (days === undefined || days > daysBefore) return undefined;
  return addToIsoDate(ctx.today, days, 'd');
}

/** Every time rule due for every non-archived client, less the ones that already fired for that anchor. */
export function timeFirings(playbooks: readonly Playbook[], records: readonly CrmRecord[], ctx: ComputeContext): Array<{ record: CrmRecord; firings: Firing[] }> {
  const timed = playbooks.filter((p) => isTimeTrigger(p.when)).map((playbook) => ({ playbook, condition: conditionOf(playbook, ctx) }));
  if (timed.length === 0) return [];
  const out: Array<{ record: CrmRecord; firings: Firing[] }> = [];
  for (const record of records) {
    if (record.archived || record.kind !== 'client') continue;
    const firings: Firing[] = [];
    for (const { playbook, condition } of timed) {
      const anchor = timeAnchor(playbook, record, ctx);
      if (anchor === undefined || hasFired(record, playbook, anchor) || !condition(record)) continue;
      const firing = firingFor(playbook, record, anchor, ctx.today, { logWhenEmpty: true });
      if (firing.ops.length > 0) firings.push(firing);
    }
    // Contact persons' birthdays (issue 17): one firing per person, keyed by their name too.
    for (const { playbook, condition } of timed) {
      if (playbook.when.kind !== 'birthday') continue;
      for (const person of contactPersons(record)) {
        // One line, and nothing that would end the marker comment early.
        const who = person.name.replace(/<!--|-->/g, '').replace(/\s+/g, ' ').trim();
        const anchor = who === '' ? undefined : birthdayAnchor(person.data['birthday'], playbook.when.days_before, ctx);
        if (anchor === undefined || hasFired(record, playbook, anchor, who) || !condition(record)) continue;
        const firing = firingFor(playbook, record, anchor, ctx.today, { logWhenEmpty: true, person: who });
        if (firing.ops.length > 0) firings.push(firing);
      }
    }
    if (firings.length > 0) out.push({ record, firings });
  }
  return out;
}
