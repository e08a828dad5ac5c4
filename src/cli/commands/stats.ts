import type { Command } from 'commander';
import { lintWorkspace } from '../../core/lint';
import { formatNumber } from '../../core/money';
import { computeStats, type Stats } from '../../core/stats';
import { chooseFormat, formatsHelp, type CliContext } from '../context';


export function statsText(stats: Stats, currency: string): string {
  const lines = [`records: ${stats.records} (archived: ${stats.archived})`, ''];
  const width = Math.max(5, ...Object.keys(stats.stages).map((s) => s.length));
  lines.push(`${'stage'.padEnd(width)}  ${'count'.padStart(5)}  value (${currency})`);
  for (const [stage, { count, value }] of Object.entries(stats.stages)) {
    lines.push(`${stage.padEnd(width)}  ${String(count).padStart(5)}  ${formatNumber(value, 'en-US')}`);
  }
  lines.push('', `problems: ${stats.problems.error} errors, ${stats.problems.warning} warnings`);
  return lines.join('\n');
}

export function registerStats(program: Command, context: () => CliContext): void {
  program
    .command('stats')
    .description('count records per stage with their total value, and problems')
    .addHelpText('after', formatsHelp(['text', 'json']))
    .action(async () => {
      const ctx = context();
      const format = chooseFormat(ctx.format, ['text', 'json'] as const, 'stats');
      const store = await ctx.loadStore();
      const stats = computeStats(store, await lintWorkspace(store, { today: ctx.today }));
      process.stdout.write(format === 'json' ? `${JSON.stringify(stats, null, 2)}\n` : `${statsText(stats, store.config.currency)}\n`);
    });
}
