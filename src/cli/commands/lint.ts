import type { Command } from 'commander';
import { lintWorkspace } from '../../core/lint';
import type { Problem } from '../../core/model';
import { chooseFormat, formatsHelp, type CliContext } from '../context';

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

export function lintText(problems: readonly Problem[]): string {
  const lines = problems.map((p) => `${p.file}:${p.range.start.line}:${p.range.start.column}  ${p.severity}  ${p.code}  ${p.message}`);
  const count = (s: Problem['severity']): number => problems.filter((p) => p.severity === s).length;
  lines.push(problems.length === 0 ? 'no problems' : `${count('error')} errors, ${count('warning')} warnings, ${count('info')} info`);
  return lines.join('\n');
}

export function registerLint(program: Command, context: () => CliContext): void {
  program
    .command('lint')
    .description('check every record; exit 1 when there are errors')
    .addHelpText('after', formatsHelp(['text', 'json']))
    .action(async () => {
      const ctx = context();
      const format = chooseFormat(ctx.format, ['text', 'json'] as const, 'lint');
      const store = await ctx.loadStore();
      const problems = await lintWorkspace(store, { today: ctx.today });
      process.stdout.write(format === 'json' ? `${JSON.stringify(problems.map(toJsonProblem), null, 2)}\n` : `${lintText(problems)}\n`);
      if (problems.some((p) => p.severity === 'error')) process.exitCode = 1;
    });
}
