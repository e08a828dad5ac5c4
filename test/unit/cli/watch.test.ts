// `plain-crm watch` end to end: the first lint, then only what a change adds or fixes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { diffProblems } from '../../../src/core/lint/diff';
import type { Problem } from '../../../src/core/model';
import { CLI, FIXTURES } from '../paths';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-watch-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function problem(file: string, line: number, code: Problem['code'], message = 'm'): Problem {
  return { file, range: { start: { line, column: 1 }, end: { line, column: 2 } }, severity: 'warning', code, message };
}

test('diffProblems: new and fixed problems, each sorted; a moved or reworded one is both', () => {
  const a = problem('clients/a.md', 3, 'stale');
  const b = problem('clients/b.md', 4, 'duplicate');
  const moved = problem('clients/b.md', 5, 'duplicate');
  const diff = diffProblems([a, b], [moved, { ...a }]);
  assert.deepEqual(diff.added, [moved]);
  assert.deepEqual(diff.removed, [b]);
  assert.deepEqual(diffProblems([a], [a]), { added: [], removed: [] });
});

test('watch prints the first lint, then "-" for a fixed problem and "+" for a new one, and stops on SIGINT with 0', async () => {
  const root = path.join(dir, 'ws');
  cpSync(path.join(FIXTURES, 'workspaces', 'lint-time'), root, { recursive: true });
  const child = spawn(process.execPath, [CLI, 'watch', '-w', root, '--today', '2026-11-24'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const until = async (what: RegExp): Promise<void> => {
    const deadline = Date.now() + 15000;
    while (!what.test(out)) {
      if (Date.now() > deadline) assert.fail(`no ${what} in:\n${out}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  try {
    await until(/watching /);
    // The warnings include `no-next-step` on the two leads measured from `created`.
    assert.match(out, /4 errors, 6 warnings, 0 info\nwatching /);
    // chokidar needs a moment to arm its watchers after "ready".
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stale = path.join(root, 'clients', 'stale-proposal.md');
    writeFileSync(stale, readFileSync(stale, 'utf8').replace('last_contact: 2026-11-09', 'last_contact: 2026-11-20'));
    writeFileSync(path.join(root, 'clients', 'new.md'), '---\nname: New\nemail: bad@@x\n---\n');
    unlinkSync(path.join(root, 'invoices', '2026', 'INV-2026-0003-from-branch.md'));
    await until(/3 errors, 5 warnings, 1 info\n$/);
    const news = out.slice(out.indexOf('watching '));
    assert.match(news, /^- clients\/stale-proposal\.md:4:1 {2}warning {2}stale/m);
    assert.match(news, /^- invoices\/2026\/INV-2026-0003\.md:2:1 {2}error {2}invoice-number-collision/m);
    assert.match(news, /^\+ clients\/new\.md:3:1 {2}error {2}invalid-email/m);
    assert.doesNotMatch(news, /overdue-action/, 'unchanged problems are not printed again');
  } finally {
    child.kill('SIGINT');
  }
  assert.equal(await exited, 0);
});
