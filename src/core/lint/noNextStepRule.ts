// `no-next-step` (issue 18): an open deal with neither a next action dated today or later nor an
// open task (an unchecked task line dated today or later, or undated), once it has been in its
// stage longer than `config.next_step_grace_days` (default 3; exactly at the grace is fine). Days
// in stage count from the deal's `stage_since`, else the client's `created`; with neither date it
// is not reported. A time rule: archived records and closed (won, lost) stages are skipped. The
// warning sits on the deal's `stage` key, per deal for a client with `deals:`.
import { isoToDayNumber } from '../dates';
import { type DealView, dealPath, recordDeals } from '../deals';
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import { recordPipeline, recordStage } from '../recordFields';
import { isClosedStage, nextActionDate } from '../rules';
import { recordTaskLines } from '../tasks/tasks';
import type { Finding, LintContext, LintRule } from './rule';

/** The day a deal entered its stage: `stage_since`, else the client's `created` (invalid dates count as missing). */
export function stageAnchor(deal: DealView): string | undefined {
  for (const value of [deal.data.stage_since, deal.data.created]) if (isoToDayNumber(value) !== undefined) return value as string;
  return undefined;
}

/** True when the record has an unchecked task dated `today` or later, or undated. */
function hasOpenTask(record: CrmRecord, now: number): boolean {
  return recordTaskLines(record).some(({ task }) => !task.done && (task.due === undefined || (isoToDayNumber(task.due) ?? now) >= now));
}

export const noNextStepRule: LintRule = {
  codes: ['no-next-step'],
  checkRecord(record: CrmRecord, { config, today }: LintContext): Finding[] {
    const now = isoToDayNumber(today);
    if (record.kind !== 'client' || record.archived || now === undefined) return [];
    const findings: Finding[] = [];
    let openTask: boolean | undefined;
    for (const deal of recordDeals(record)) {
      const stage = recordStage(deal, config);
      if (isClosedStage(stage, config, recordPipeline(deal, config)) || stage.toLowerCase() === 'lost') continue;
      const next = isoToDayNumber(nextActionDate(deal));
      if (next !== undefined && next >= now) continue;
      const since = stageAnchor(deal);
      const days = since === undefined ? undefined : now - isoToDayNumber(since)!;
      if (days === undefined || days <= config.next_step_grace_days) continue;
      openTask ??= hasOpenTask(record, now);
      if (openTask) break;
      const message = deal.deal
        ? t('deal "{0}" has no next step: {1} days in stage "{2}" with no upcoming next action and no open task', deal.deal.title ?? deal.deal.id, days, stage)
        : t('no next step: {0} days in stage "{1}" with no upcoming next action and no open task', days, stage);
      findings.push({ file: record.file, path: [...dealPath(deal), 'stage'], code: 'no-next-step', message, data: { days, since, stage, ...(deal.deal && { deal: dealPath(deal) }) } });
    }
    return findings;
  },
};
