import type { Command } from 'commander';
import { t } from '../../core/i18n';
import { lintWorkspace } from '../../core/lint';
import { formatNumber } from '../../core/money';
import { computeStats, type Stats } from '../../core/stats';
import { chooseFormat, formatsHelp, type CliContext } from '../context';


export function statsText(stats: Stats, currency: string): string {
  const lines = [t('records: {0} (archived: {1})', stats.records, stats.archived), ''];
  const stageLabel = t('stage');
  const countLabel = t('count');
  const width = Math.max(5, stageLabel.length, ...Object.keys(stats.stages).map((s) => s.length));
  const countWidth = Math.max(5, countLabel.length);
  lines.push(`${stageLabel.padEnd(width)}  ${countLabel.padStart(countWidth)}  ${t('value ({0})', currency)}`);
  for (const [stage, { count, value }] of Object.entries(stats.stages)) {
    lines.push(`${stage.padEnd(width)}  ${String(count).padStart(countWidth)}  ${formatNumber(value, 'en-US')}`);
  }
  lines.push('', t('problems: {0} errors, {1} warnings', stats.problems.error, stats.problems.warning));
  if (stats.completeness) {
    const fields = Object.entries(stats.completeness);
    const fieldWidth = Math.max(...fields.map(([field]) => field.length));
    lines.push('', t('completeness (required fields):'), ...fields.map(([field, percent]) => `${field.padEnd(fieldWidth)}  ${String(percent).padStart(5)} %`));
  }
  return lines.join('\n');
}

export function registerStats(program: Command, context: () => CliContext): void {
  program
    .command('stats')
    .description(t('count records per stage with their total value, and problems'))
    .addHelpText('after', formatsHelp(['text', 'json']))
    .action(async () => {
      const ctx = context();
      const format = chooseFormat(ctx.format, ['text', 'json'] as const, 'stats');
      const store = await ctx.loadStore();
      const stats = computeStats(store, await lintWorkspace(store, ctx.lintOptions()));
      process.stdout.write(format === 'json' ? `${JSON.stringify(stats, null, 2)}\n` : `${statsText(stats, store.config.currency)}\n`);
    });
}
