// The time rules and invoice numbers on fixtures, "today" pinned to 2026-11-24 (PRODUCT.md §9).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { lintWorkspace } from '../../../../src/core/lint';
import type { Problem } from '../../../../src/core/model';
import { WorkspaceStore } from '../../../../src/core/store';
import { FIXTURES } from '../../paths';

let store: WorkspaceStore;
let problems: Problem[] = [];
before(async () => {
  store = new WorkspaceStore(path.join(FIXTURES, 'workspaces', 'lint-time'));
  await store.load();
  problems = await lintWorkspace(store, { today: '2026-11-24' });
});

const at = (code: string): string[] => problems.filter((p) => p.code === code).map((p) => `${p.file}:${p.range.start.line}:${p.range.start.column}`);

test('stale: strictly over the stage threshold, on last_contact, else on created when last_contact is missing or invalid', () => {
  assert.deepEqual(at('stale'), ['clients/bad-contact.md:5:1', 'clients/created-only.md:4:1', 'clients/stale-proposal.md:4:1']);
  const proposal = problems.find((p) => p.code === 'stale' && p.file === 'clients/stale-proposal.md')!;
  assert.equal(proposal.severity, 'warning');
  assert.equal(proposal.message, 'no contact for 15 days (since 2026-11-09); stage "proposal" allows 14');
  assert.deepEqual(proposal.data, { days: 15, limit: 14, stage: 'proposal' });
});

test('stale: exactly at the threshold, no dates, closed and lost stages, archived records are not stale', () => {
  const files = new Set(problems.filter((p) => p.code === 'stale').map((p) => p.file));
  for (const file of ['clients/at-threshold.md', 'clients/no-dates.md', 'clients/won-old.md', 'clients/lost-old.md', 'clients/archive/old-stale.md']) {
    assert.equal(files.has(file), false, file);
  }
});

test('overdue-action: strictly before today, on the date key of next_action; lost, archived and due-today are skipped', () => {
  assert.deepEqual(at('overdue-action'), ['clients/overdue.md:6:3']);
  const overdue = problems.find((p) => p.code === 'overdue-action')!;
  assert.equal(overdue.message, 'next action "Call back" was due 2026-11-23, 1 day ago');
  assert.equal(overdue.range.end.column - overdue.range.start.column, 'date'.length);
});

test('overdue-invoice: only sent ones past due, on the due key; severity from config.lint', () => {
  assert.deepEqual(at('overdue-invoice'), ['invoices/2026/INV-2026-0001.md:5:1']);
  const overdue = problems.find((p) => p.code === 'overdue-invoice')!;
  assert.equal(overdue.severity, 'error', 'config.lint raises it from warning');
  assert.match(overdue.message, /^invoice INV-2026-0001 to overdue was due 2026-11-20, 4 days ago/);
});

test('invoice-number-collision: the same number (case-insensitive) on two invoices, both errors, each naming the other', () => {
  assert.deepEqual(at('invoice-number-collision'), ['invoices/2026/INV-2026-0003-from-branch.md:2:1', 'invoices/2026/INV-2026-0003.md:2:1']);
  const one = problems.find((p) => p.code === 'invoice-number-collision' && p.file === 'invoices/2026/INV-2026-0003.md')!;
  assert.equal(one.severity, 'error');
  assert.match(one.message, /INV-2026-0003-from-branch\.md/);
  assert.deepEqual(one.related?.map((r) => `${r.file}:${r.line}`), ['invoices/2026/INV-2026-0003-from-branch.md:2']);
});

test('a later "today" makes more records stale and overdue; an earlier one fewer', async () => {
  const later = await lintWorkspace(store, { today: '2026-12-31' });
  const earlier = await lintWorkspace(store, { today: '2026-11-01' });
  const count = (list: Problem[], code: string): number => list.filter((p) => p.code === code).length;
  assert.ok(count(later, 'stale') > count(problems, 'stale'));
  assert.ok(count(later, 'overdue-action') > count(problems, 'overdue-action'));
  assert.equal(count(earlier, 'overdue-action'), 0);
  assert.equal(count(earlier, 'overdue-invoice'), 0);
});
