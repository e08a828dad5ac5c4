// The pipeline by stage: counts and sums per configured stage, for views, stats and reports. The
// pipeline holds deals: a record without `deals:` is one deal, a record with it one per item
// (`recordDeals`), so `records` of a group are deal views.
import { recordDeals } from './deals';
import type { CrmConfig, CrmRecord, StageDef } from './model';
import { recordCurrency, recordPipeline, recordStage, recordValue } from './recordFields';

export interface StageGroup {
  stage: StageDef;
  /** False for a stage that records use but the config does not list. */
  configured: boolean;
  count: number;
  /** Sum of numeric values in the default currency. */
  value: number;
  /** Sums of values in other currencies, which are never converted. */
  otherCurrencies: Record<string, number>;
  /** The deals in the stage: records without `deals:`, and deal views (`recordDeals`). */
  records: CrmRecord[];
}

export function emptyGroup(stage: StageDef, configured: boolean): StageGroup {
  return { stage, configured, count: 0, value: 0, otherCurrencies: {}, records: [] };
}

export function addToGroup(group: StageGroup, record: CrmRecord, config: CrmConfig): void {
  group.count++;
  group.records.push(record);
  const value = recordValue(record);
  if (value === undefined) return;
  const currency = recordCurrency(record, config);
  if (currency === config.currency) group.value += value;
  else group.otherCurrencies[currency] = (group.otherCurrencies[currency] ?? 0) + value;
}

/**
 * Groups records of one pipeline (the default when omitted) by stage, in configured order;
 * stages that only records name come last, in order of first appearance. Records in a group keep
 * the order they are given in: pass `store.clientsByName()` to list them by name.
 */
export function pipelineSummary(records: readonly CrmRecord[], config: CrmConfig, pipeline?: string): StageGroup[] {
  const name = pipeline ?? config.defaultPipeline;
  const stages = config.pipelines[name] ?? config.stages;
  const groups = new Map<string, StageGroup>();
  for (const stage of stages) groups.set(stage.id.toLowerCase(), emptyGroup(stage, true));
  for (const client of records) {
    for (const record of recordDeals(client)) {
      if (recordPipeline(record, config) !== name) continue;
      const id = recordStage(record, config);
      const key = id.toLowerCase();
      let group = groups.get(key);
      if (!group) {
        group = emptyGroup({ id, label: id, closed: false }, false);
        groups.set(key, group);
      }
      addToGroup(group, record, config);
    }
  }
  return [...groups.values()];
}

/** Every configured stage across pipelines, in order, each once. */
export function allStages(config: CrmConfig): StageDef[] {
  const seen = new Map<string, StageDef>();
  for (const stage of config.stages) seen.set(stage.id, stage);
  for (const list of Object.values(config.pipelines)) for (const stage of list) if (!seen.has(stage.id)) seen.set(stage.id, stage);
  return [...seen.values()];
}
