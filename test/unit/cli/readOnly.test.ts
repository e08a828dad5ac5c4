// A record the operating system will not let us change (immutable here; read-only for a user who
// is not root): the CLI says so in one line, exits 2, and the file keeps its bytes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { REPO_ROOT, SAMPLE_WORKSPACE } from '../paths';
import { runCli } from './runCli';

// Under the repository, not /tmp: tmpfs has no immutable attribute.
mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
const dir = mkdtempSync(path.join(REPO_ROOT, 'test-results', 'readonly-'));
const ws = path.join(dir, 'ws');
cpSync(SAMPLE_WORKSPACE, ws, { recursive: true });
const invoice = path.join(ws, 'invoices', '2026', 'INV-2026-0001.md');
const immutable = spawnSync('chattr', ['+i', invoice]).status === 0;
after(() => {
  spawnSync('chattr', ['-i', invoice]);
  rmSync(dir, { recursive: true, force: true });
});

test('invoice mark on a file that cannot be changed: a clear error, exit 2, the file as it was', { skip: immutable ? false : 'chattr +i is not available here (not root, or a file system without it)' }, () => {
  const before = readFileSync(invoice, 'utf8');
  const run = runCli(['invoice', 'mark', 'INV-2026-0001', 'paid', '--on', '2026-11-24', '-w', ws, '--today', '2026-11-24']);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /^plain-crm: cannot change .*INV-2026-0001\.md: the operating system does not allow it .*; the file was not changed\n$/);
  assert.equal(readFileSync(invoice, 'utf8'), before);
  assert.deepEqual(readdirSync(path.dirname(invoice)).filter((f) => f.startsWith('INV-2026-0001')), ['INV-2026-0001.md'], 'no temp file left behind');
});
