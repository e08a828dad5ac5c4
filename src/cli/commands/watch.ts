// `plain-crm watch`: lint once, then re-lint on every change (chokidar) and print only what
// changed — `+` for a new problem, `-` for a fixed one — so a terminal beside the editor shows
// the effect of each save. Ctrl-C ends it.
import * as path from 'node:path';
import chokidar from 'chokidar';
import type { Command } from 'commander';
import { CONFIG_FILE, SEGMENTS_FILE } from '../../core/config';
import { t } from '../../core/i18n';
import { lintWorkspace } from '../../core/lint';
import { diffProblems } from '../../core/lint/diff';
import type { Problem } from '../../core/model';
import type { CliContext } from '../context';
import { lintText, problemCounts } from './lint';

/** Saves come in bursts (editor temp files, `git checkout`): lint once per burst. */
const SETTLE_MS = 150;

function line(sign: '+' | '-', p: Problem): string {
  return `${sign} ${p.file}:${p.range.start.line}:${p.range.start.column}  ${p.severity}  ${p.code}  ${p.message}`;
}

export function registerWatch(program: Command, context: () => CliContext): void {
  program
    .command('watch')
    .description(t('lint, then re-lint on every change and print what changed (+ new, - fixed); Ctrl-C stops'))
    .action(async () => {
      const ctx = context();
      const store = await ctx.loadStore();
      let problems = await lintWorkspace(store, ctx.lintOptions());
      process.stdout.write(`${lintText(problems)}\n${t('watching {0} (Ctrl-C stops)', ctx.root)}\n`);

      const { clients, invoices, archive } = store.config.folders;
      const targets = [CONFIG_FILE, SEGMENTS_FILE, clients, invoices, archive].map((p) => path.join(ctx.root, p));
      const watcher = chokidar.watch(targets, { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 50, pollInterval: 20 } });
      const changed = new Set<string>();
      const removed = new Set<string>();
      let timer: NodeJS.Timeout | undefined;
      let running: Promise<void> = Promise.resolve();

      const relint = async (): Promise<void> => {
        const files = [...changed];
        const gone = [...removed];
        changed.clear();
        removed.clear();
        await store.updateFiles(files, gone);
        const next = await lintWorkspace(store, ctx.lintOptions());
        const { added, removed: fixed } = diffProblems(problems, next);
        problems = next;
        if (added.length === 0 && fixed.length === 0) return;
        const out = [...fixed.map((p) => line('-', p)), ...added.map((p) => line('+', p)), problemCounts(next)];
        process.stdout.write(`${out.join('\n')}\n`);
      };
      const note = (kind: 'change' | 'remove') => (full: string) => {
        const file = path.relative(ctx.root, full).split(path.sep).join('/');
        if (store.kindOf(file) === undefined) return;
        (kind === 'remove' ? removed : changed).add(file);
        (kind === 'remove' ? changed : removed).delete(file);
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          running = running.then(relint).catch((error: unknown) => {
            process.stderr.write(`plain-crm: ${error instanceof Error ? error.message : String(error)}\n`);
          });
        }, SETTLE_MS);
      };
      watcher.on('add', note('change')).on('change', note('change')).on('unlink', note('remove'));
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          void watcher.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
