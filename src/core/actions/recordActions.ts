// What the pipeline commands do to a record (PRODUCT.md §4: Pipeline view, Log contact, Clean up
// pipeline), as edit operations for the format-preserving engine. The extension and the CLI apply
// the same operations, so "move to won" changes the same lines wherever it is done.
import { findStage } from '../config';
import { addToIsoDate, isIsoDate } from '../dates';
import { dealPath, type DealView } from '../deals';
import type { EditOp, FieldPath } from '../edit/recordEdit';
import type { CrmConfig, CrmRecord, StageDef } from '../model';
import { recordPipeline, recordStage } from '../recordFields';

export type ContactKind = 'call' | 'email' | 'meeting' | 'message' | 'note';
export const CONTACT_KINDS: readonly ContactKind[] = ['call', 'email', 'meeting', 'message', 'note'];

/** Why a deal was lost, as `lost_reason` values (countable in reports). */
export const LOST_REASONS = ['no-answer', 'non-target', 'spam', 'price', 'competitor', 'timing', 'other'] as const;

export interface NextAction {
  date: string;
  what: string;
}

/** "in 3 days", "in 6 months": offsets offered when a next action is set. */
export const NEXT_ACTION_OFFSETS: readonly { amount: number; unit: 'd' | 'w' | 'm' }[] = [
  { amount: 1, unit: 'd' },
  { amount: 3, unit: 'd' },
  { amount: 1, unit: 'w' },
  { amount: 2, unit: 'w' },
  { amount: 1, unit: 'm' },
  { amount: 3, unit: 'm' },
  { amount: 6, unit: 'm' },
];

/** One line of text (the Markdown log and YAML values are line-based). */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The stages a record can move to: those of its own pipeline. */
export function stagesFor(record: CrmRecord, config: CrmConfig): StageDef[] {
  return config.pipelines[recordPipeline(record, config)] ?? config.stages;
}

/** The stage of the record's pipeline that means "lost" (`outcome: lost`, else id `lost`). */
export function lostStageFor(record: CrmRecord, config: CrmConfig): StageDef | undefined {
  const stages = stagesFor(record, config);
  return stages.find((s) => s.outcome === 'lost') ?? stages.find((s) => s.id === 'lost');
}

/**
 * Moves a record — or one of its deals, given a deal view (`recordDeals`) — to `stage`: sets
 * `stage` and `stage_since`, sets `lost_reason` when the stage is a lost one and a reason is given,
 * a deal's `closed_on` when the stage is closed, and, when `config.log.on_stage_change`, logs the
 * move (naming the deal). Moving to the stage it is already in changes nothing. A deal's edits
 * touch only its list item.
 */
export function moveToStageOps(record: DealView, stage: string, config: CrmConfig, today: string, lostReason?: string): EditOp[] {
  const pipeline = recordPipeline(record, config);
  const target = findStage(config, stage, pipeline);
  const id = target?.id ?? stage;
  const from = recordStage(record, config);
  if (from === id && typeof record.data.stage === 'string') return [];
  const at = dealPath(record);
  const ops: EditOp[] = [
    { op: 'set', path: [...at, 'stage'], value: id },
    { op: 'set', path: [...at, 'stage_since'], value: today },
  ];
  const reason = lostReason === undefined ? '' : oneLine(lostReason);
  const lost = target?.outcome === 'lost' || id === 'lost';
  if (lost && reason !== '') ops.push({ op: 'set', path: [...at, 'lost_reason'], value: reason });
  if (record.deal && (target?.closed === true || lost)) ops.push({ op: 'set', path: [...at, 'closed_on'], value: today });
  if (config.log.on_stage_change) {
    const deal = record.deal ? ` — ${oneLine(record.deal.title ?? `#${record.deal.id}`)}` : '';
    ops.push({ op: 'log', line: `${today} stage: ${from} → ${id}${lost && reason !== '' ? ` (${reason})` : ''}${deal}` });
  }
  return ops;
}

/** Logs a contact: `last_contact` is today, a dated line under `## Log`, optionally the next action (of the deal at `at`). */
export function logContactOps(kind: ContactKind, note: string, today: string, next?: NextAction, at: FieldPath = []): EditOp[] {
  const text = oneLine(note);
  const ops: EditOp[] = [
    { op: 'set', path: ['last_contact'], value: today },
    { op: 'log', line: `${today} ${kind}${text === '' ? '' : `: ${text}`}` },
  ];
  if (next) ops.push(...setNextActionOps(next, at));
  return ops;
}

/** Sets the next action, of the record or of the deal at `at` (`dealPath`). */
export function setNextActionOps(next: NextAction, at: FieldPath = []): EditOp[] {
  return [{ op: 'set', path: [...at, 'next_action'], value: { date: next.date, what: oneLine(next.what) } }];
}

/** The default text of a next action that only had its date moved. */
export const DEFAULT_FOLLOW_UP = 'Follow up';

/**
 * Snoozes a record for `days`: its next action moves to today + days (keeping what it says). A
 * record with no next action gets one, so the snooze is visible in the file and in git.
 */
export function snoozeOps(record: DealView, days: number, today: string, defaultWhat = DEFAULT_FOLLOW_UP): EditOp[] {
  const date = addToIsoDate(today, days, 'd') ?? today;
  const current = record.data.next_action;
  const what = current && typeof current === 'object' && typeof current.what === 'string' && current.what.trim() !== '' ? current.what : defaultWhat;
  return setNextActionOps({ date, what }, dealPath(record));
}

/** `today` plus an offset from `NEXT_ACTION_OFFSETS`, or an ISO date as given. */
export function nextActionDate(today: string, offset: { amount: number; unit: 'd' | 'w' | 'm' } | string): string | undefined {
  if (typeof offset === 'string') return isIsoDate(offset) ? offset : undefined;
  return addToIsoDate(today, offset.amount, offset.unit);
}
