// "Plain CRM: Show Statistics": the figures of `plain-crm stats` (PRODUCT.md §7) as a notification,
// with the per-stage table in the output channel. Returns the stats so tests and other commands can
// use them.
import * as vscode from 'vscode';
import { lintWorkspace } from '../../core/lint';
import { allStages } from '../../core/pipeline';
import { computeStats, type Stats } from '../../core/stats';
import type { FeatureContext } from '../featureContext';
import { formatMoney, formatNumber } from '../../core/money';

export const SHOW_STATS_COMMAND = 'plainCrm.showStats';

/** The per-stage table written to the output channel. */
export function statsReport(stats: Stats, currency: string, locale: string, labels: ReadonlyMap<string, string>): string {
  const rows = Object.entries(stats.stages).map(([id, s]) => [labels.get(id) ?? id, formatNumber(s.count, locale), formatMoney(s.value, currency, locale)] as const);
  const header = [vscode.l10n.t('Stage'), vscode.l10n.t('Clients'), vscode.l10n.t('Value')] as const;
  const widths = [0, 1, 2].map((i) => Math.max(header[i as 0 | 1 | 2].length, ...rows.map((r) => r[i as 0 | 1 | 2].length)));
  const line = (r: readonly [string, string, string]): string => `${r[0].padEnd(widths[0] ?? 0)}  ${r[1].padStart(widths[1] ?? 0)}  ${r[2].padStart(widths[2] ?? 0)}`;
  return [
    vscode.l10n.t('Clients: {0} (archived: {1})', formatNumber(stats.records, locale), formatNumber(stats.archived, locale)),
    '',
    line(header),
    ...rows.map(line),
    '',
    vscode.l10n.t('Problems: {0} errors, {1} warnings', stats.problems.error, stats.problems.warning),
    ...(stats.completeness
      ? ['', vscode.l10n.t('Completeness of required fields:'), ...Object.entries(stats.completeness).map(([field, percent]) => `${field}  ${formatNumber(percent, locale)} %`)]
      : []),
  ].join('\n');
}

export function registerStatsCommand(ctx: FeatureContext): vscode.Disposable[] {
  const show = async (): Promise<Stats> => {
    await ctx.ready;
    const { store } = ctx;
    const today = ctx.today();
    const stats = computeStats(store, await lintWorkspace(store, { today }));
    const locale = ctx.locale();
    const currency = store.config.currency;

    let open = { count: 0, value: 0 };
    let won = { count: 0, value: 0 };
    const labels = new Map<string, string>();
    for (const stage of allStages(store.config)) {
      labels.set(stage.id, stage.label);
      const s = stats.stages[stage.id];
      if (!s) continue;
      if (!stage.closed) open = { count: open.count + s.count, value: open.value + s.value };
      else if (stage.outcome === 'won') won = { count: won.count + s.count, value: won.value + s.value };
    }

    const output = ctx.output();
    output.appendLine(`— ${today} —`);
    output.appendLine(statsReport(stats, currency, locale, labels));
    output.appendLine('');

    const message = vscode.l10n.t(
      'Plain CRM: {0} clients; open deals {1} worth {2}; won {3} worth {4}; {5} errors, {6} warnings.',
      stats.records,
      open.count,
      formatMoney(open.value, currency, locale),
      won.count,
      formatMoney(won.value, currency, locale),
      stats.problems.error,
      stats.problems.warning,
    );
    const details = vscode.l10n.t('Show Details');
    // Not awaited: the command returns while the notification stays up.
    void vscode.window.showInformationMessage(message, details).then((choice) => {
      if (choice === details) output.show(true);
    });
    return stats;
  };
  return [vscode.commands.registerCommand(SHOW_STATS_COMMAND, show)];
}
