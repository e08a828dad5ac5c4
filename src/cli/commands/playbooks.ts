// `plain-crm playbooks run [--dry-run]`: the time rules of `.crm/playbooks.yaml` (N days after a
// date, before a birthday) for every client, as a daily cron or CI job. Idempotent: what a rule
// added for an anchor date is marked on its line, so a second run the same day adds nothing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { createComputeContext } from '../../core/computed';
import { editRecord, isEditError } from '../../core/edit/recordEdit';
import { t } from '../../core/i18n';
import { type Firing, timeFirings } from '../../core/playbooks/fire';
import { replaceFileAtomic } from '../atomicWrite';
import { chooseFormat, formatsHelp, type CliContext } from '../context';
import { UsageError } from '../usageError';

const FORMATS = ['text', 'json'] as const;

/** One line of stdout per change: the file, the rule, what it adds. */
export function firingLines(file: string, firing: Firing): string[] {
  return firing.ops.map((op) => {
    const what = op.op === 'task' || op.op === 'log' ? op.line : op.op === 'set' ? `${op.path.join('.')}: ${JSON.stringify(op.value)}` : op.op === 'append' ? `tags + ${String(op.item)}` : op.op === 'remove' ? `- ${op.path.join('.')}` : op.op;
    return `${file}  ${firing.playbook.id}  ${what}`;
  });
}

export function registerPlaybooks(program: Command, context: () => CliContext): void {
  const playbooks = program.command('playbooks').description(t('the rules of .crm/playbooks.yaml'));
  playbooks
    .command('run')
    .description(t('apply the date rules (days after a date, before a birthday) that are due today; run it daily'))
    .option('--dry-run', t('print what would change, write nothing'))
    .addHelpText('after', `${formatsHelp(FORMATS)}\n${t('A cron line for every morning at 7:')}\n  0 7 * * *  cd /path/to/clients && plain-crm playbooks run`)
    .action(async (options: { dryRun?: boolean }) => {
      const ctx = context();
      const format = chooseFormat(ctx.format, FORMATS, 'playbooks run');
      const store = await ctx.loadStore();
      const compute = createComputeContext(store.clients({ includeArchived: true }), store.invoices(), store.config, ctx.today, store.campaigns());
      const due = timeFirings(store.playbooks, store.clients(), compute);
      const lines: string[] = [];
      const json: unknown[] = [];
      let tasks = 0;
      let nextActions = 0;
      let tags = 0;
      const rules = new Set<string>();
      for (const { record, firings } of due) {
        const file = path.join(ctx.root, record.file);
        if (!options.dryRun) {
          const text = await fs.promises.readFile(file, 'utf8');
          const result = editRecord(text, firings.flatMap((f) => f.ops), { format: record.format });
          if (isEditError(result)) throw new UsageError(`playbooks run: ${record.file}: ${result.error}`);
          await replaceFileAtomic(file, result.text);
        }
        for (const firing of firings) {
          lines.push(...firingLines(record.file, firing));
          json.push({ file: record.file, id: record.id, playbook: firing.playbook.id, anchor: firing.anchor, tasks: firing.tasks, next_actions: firing.nextActions, tags: firing.tags });
          tasks += firing.tasks;
          nextActions += firing.nextActions;
          tags += firing.tags;
          rules.add(firing.playbook.id);
        }
      }
      if (format === 'json') process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
      else if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
      const summary = t('playbooks: {0} rules fired for {1} clients: {2} tasks, {3} next actions, {4} tag changes', rules.size, due.length, tasks, nextActions, tags);
      process.stderr.write(`${summary}${options.dryRun ? t(' (dry run: nothing written)') : ''}\n`);
    });
}
