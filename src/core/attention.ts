// What needs attention today (PRODUCT.md §4 "Needs attention view"): overdue next actions,
// overdue invoices, stale clients, birthdays in the next 7 days and leads waiting for
// qualification, most urgent first. Archived records and the lost stage are left out, as the
// time rules do (§9).
import { type ComputeContext, daysToBirthday } from './computed';
import { type ContactPerson, contactPersons, personName } from './contactPersons';
import { daysBetween } from './dates';
import { recordDeals } from './deals';
import type { CrmConfig, CrmRecord } from './model';
import { recordName, recordPipeline, recordStage } from './recordFields';
import { daysSinceContact, isLostRecord, isOpenRecord, isOverdueDealAction, isOverdueInvoice, nextActionDate, staleThreshold } from './rules';
import { runInSlices, runToEnd } from './slices';

export type AttentionReason = 'overdue-action' | 'overdue-invoice' | 'stale' | 'birthday' | 'unqualified';

/** Reasons in the order they are shown; within a reason, the most days first. */
export const ATTENTION_REASONS: readonly AttentionReason[] = ['overdue-action', 'overdue-invoice', 'stale', 'birthday', 'unqualified'];

export const BIRTHDAY_DAYS = 7;

export interface AttentionItem {
  reason: AttentionReason;
  record: CrmRecord;
  /** Overdue or stale by this many days; days until the birthday; days waiting as a lead. */
  days: number;
  /** The invoice, for `overdue-invoice`. */
  invoice?: CrmRecord;
  /** The contact person whose birthday it is (issue 17), for `birthday`; none for the client's own. */
  person?: ContactPerson;
}

function firstStage(record: CrmRecord, config: CrmConfig): string | undefined {
  return (config.pipelines[recordPipeline(record, config)] ?? config.stages)[0]?.id;
}

export function attentionItems(clients: readonly CrmRecord[], invoices: readonly CrmRecord[], ctx: ComputeContext): AttentionItem[] {
  return runToEnd(attentionSteps(clients, invoices, ctx));
}

/**
 * `attentionItems` with the event loop served every `sliceMs`: the view's first count after a load
 * held the extension host ~0.25 s at 10k clients (profiled in the host).
 */
export function attentionItemsInSlices(clients: readonly CrmRecord[], invoices: readonly CrmRecord[], ctx: ComputeContext, sliceMs: number): Promise<AttentionItem[]> {
  return runInSlices(attentionSteps(clients, invoices, ctx), sliceMs);
}

function* attentionSteps(clients: readonly CrmRecord[], invoices: readonly CrmRecord[], ctx: ComputeContext): Generator<void, AttentionItem[], void> {
  const { config, today } = ctx;
  const items: AttentionItem[] = [];
  const byId = new Map<string, CrmRecord>();
  for (const record of clients) if (!record.archived) byId.set(record.id, record);
  for (const record of byId.values()) {
    if (isLostRecord(record, config)) continue;
    // Per deal for a client with `deals:`: the most overdue action, the stalest open stage.
    const deals = recordDeals(record);
    const overdue = deals.filter((deal) => isOverdueDealAction(deal, today, config)).map((deal) => daysBetween(nextActionDate(deal), today) ?? 0);
    if (overdue.length > 0) items.push({ reason: 'overdue-action', record, days: Math.max(...overdue) });
    const open = isOpenRecord(record, config);
    const since = daysSinceContact(record, today);
    if (since !== undefined) {
      const over = deals.filter((deal) => isOpenRecord(deal, config)).map((deal) => since - staleThreshold(recordStage(deal, config), config));
      if (over.some((days) => days > 0)) items.push({ reason: 'stale', record, days: Math.max(...over) });
    }
    const birthday = ctx.field(record, 'days_to_birthday');
    if (birthday !== undefined && birthday <= BIRTHDAY_DAYS) items.push({ reason: 'birthday', record, days: birthday });
    for (const person of contactPersons(record)) {
      const days = daysToBirthday(person.data['birthday'], today);
      if (days !== undefined && days <= BIRTHDAY_DAYS) items.push({ reason: 'birthday', record, days, person });
    }
    if (open && deals.some((deal) => recordStage(deal, config) === firstStage(deal, config))) {
      items.push({ reason: 'unqualified', record, days: daysBetween(record.data.created, today) ?? 0 });
    }
    yield;
  }
  for (const invoice of invoices) {
    const client = typeof invoice.data.client === 'string' ? byId.get(invoice.data.client) : undefined;
    if (client && isOverdueInvoice(invoice, today)) {
      items.push({ reason: 'overdue-invoice', record: client, days: daysBetween(invoice.data.due, today) ?? 0, invoice });
    }
  }
  const rank = (reason: AttentionReason): number => ATTENTION_REASONS.indexOf(reason);
  // One collator and each name worked out once: `localeCompare` per comparison took ~150 ms of
  // the Needs attention view at 10k clients, most of them tied on reason and days.
  const collator = new Intl.Collator();
  const names = new Map<AttentionItem, string>(items.map((item) => [item, item.person ? personName(item.person) : recordName(item.record)]));
  return items.sort(
    (a, b) =>
      rank(a.reason) - rank(b.reason) || (a.reason === 'birthday' ? a.days - b.days : b.days - a.days) || collator.compare(names.get(a)!, names.get(b)!),
  );
}
