import type { Command } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { t } from '../../core/i18n';
import { lintWorkspace } from '../../core/lint';
import { toSarif } from '../../core/lint/sarif';
import type { CrmConfig, Problem } from '../../core/model';
import { chooseFormat, cliVersion, formatsHelp, type CliContext } from '../context';

export interface JsonProblem {
  file: string;
  line: number;
  column: number;
  severity: Problem['severity'];
  code: Problem['code'];
  message: string;
}

export function toJsonProblem(p: Problem): JsonProblem {
  return { file: p.file, line: p.range.start.line, column: p.range.start.column, severity: p.severity, code: p.code, message: p.message };
}

/** "3 errors, 1 warnings, 0 info". */
export function problemCounts(problems: readonly Problem[]): string {
  const count = (s: Problem['severity']): number => problems.filter((p) => p.severity === s).length;
  return t('{0} errors, {1} warnings, {2} info', count('error'), count('warning'), count('info'));
}

export function lintText(problems: readonly Problem[]): string {
  const lines = problems.map((p) => `${p.file}:${p.range.start.line}:${p.range.start.column}  ${p.severity}  ${p.code}  ${p.message}`);
  lines.push(problems.length === 0 ? t('no problems') : problemCounts(problems));
  return lines.join('\n');
}

/** The workspace's path inside its git repository, with a trailing `/` ('' at the root or outside git). */
export function repositoryPrefix(root: string): string {
  for (let dir = root; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) {
      const relative = path.relative(dir, root).split(path.sep).join('/');
      return relative === '' ? '' : `${relative}/`;
    }
    if (path.dirname(dir) === dir) return '';
  }
}

export function formatProblems(problems: readonly Problem[], format: 'text' | 'json' | 'sarif', config: CrmConfig, root: string): string {
  if (format === 'json') return JSON.stringify(problems.map(toJsonProblem), null, 2);
  if (format === 'sarif') return JSON.stringify(toSarif(problems, config, cliVersion(), repositoryPrefix(root)), null, 2);
  return lintText(problems);
}

export function registerLint(program: Command, context: () => CliContext): void {
  program
    .command('lint')
    .description(t('check every record; exit 1 when there are errors'))
    .addHelpText('after', formatsHelp(['text', 'json', 'sarif']))
    .action(async () => {
      const ctx = context();
      const format = chooseFormat(ctx.format, ['text', 'json', 'sarif'] as const, 'lint');
      const store = await ctx.loadStore();
      const problems = await lintWorkspace(store, ctx.lintOptions());
      process.stdout.write(`${formatProblems(problems, format, store.config, ctx.root)}\n`);
      if (problems.some((p) => p.severity === 'error')) process.exitCode = 1;
    });
}
