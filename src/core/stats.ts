// `plain-crm stats` and the status figures of the extension (PRODUCT.md §7, §9).
import type { Problem } from './model';
import { allStages, pipelineSummary } from './pipeline';
import { completeness } from './requiredFields';
import type { WorkspaceStore } from './store';

export interface StageStats {
  count: number;
  value: number;
}

export interface Stats {
  records: number;
  archived: number;
  /** A key per configured stage in order, then stages only records use. */
  stages: Record<string, StageStats>;
  problems: { error: number; warning: number };
  /**
   * For each field named in `config.required`, the percent of non-archived clients that have it
   * (0..100, one decimal at most). Absent when nothing is required.
   */
  completeness?: Record<string, number>;
}

/** `problems` are the workspace's lint results (`lintWorkspace`), counted by severity. */
export function computeStats(store: WorkspaceStore, problems: readonly Problem[]): Stats {
  const config = store.config;
  const active = store.clients();
  const archived = store.clients({ includeArchived: true }).length - active.length;
  const stages: Record<string, StageStats> = {};
  for (const stage of allStages(config)) stages[stage.id] = { count: 0, value: 0 };
  for (const pipeline of Object.keys(config.pipelines)) {
    for (const group of pipelineSummary(active, config, pipeline)) {
      const entry = (stages[group.stage.id] ??= { count: 0, value: 0 });
      entry.count += group.count;
      entry.value += group.value;
    }
  }
  const counts = { error: 0, warning: 0 };
  for (const problem of problems) {
    if (problem.severity === 'error') counts.error++;
    else if (problem.severity === 'warning') counts.warning++;
  }
  const stats: Stats = { records: active.length, archived, stages, problems: counts };
  const complete = completeness(active, config);
  if (complete) stats.completeness = complete;
  return stats;
}
