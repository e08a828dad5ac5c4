// The report's time figures: unbilled hours, and today's month with what its clients paid in it
// and that per hour (the dashboard's Time block).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createComputeContext } from '../../../../src/core/computed';
import { defaultConfig } from '../../../../src/core/config';
import type { CrmRecord } from '../../../../src/core/model';
import { timeReport } from '../../../../src/core/time/timeReport';

const record = (kind: 'client' | 'invoice', id: string, data: Record<string, unknown>, body = ''): CrmRecord => ({ kind, id, file: `${kind}s/${id}.md`, format: 'md', data, body, bodyLine: 3, archived: false });

test("unbilled minutes of all months; this month's hours, the payments of its clients in it, per hour", () => {
  const clients = [
    record('client', 'c1', { name: 'C1' }, '## Log\n- 2026-11-01 2h Design → INV-1\n- 2026-11-30 1h30m Fixes\n- 2026-10-31 1h Brief\n'),
    record('client', 'c2', { name: 'C2', purchases: [{ date: '2026-11-05', amount: 5000 }] }, '- 2026-12-01 30m Next month\n'),
    record('client', 'c3', { name: 'C3' }),
  ];
  const invoices = [
    record('invoice', 'INV-1', { number: 'INV-1', client: 'c1', status: 'paid', paid_on: '2026-11-10', total: 9000 }),
    record('invoice', 'INV-2', { number: 'INV-2', client: 'c1', status: 'paid', paid_on: '2026-10-15', total: 6000 }),
    record('invoice', 'INV-3', { number: 'INV-3', client: 'c3', status: 'paid', paid_on: '2026-11-12', total: 100000 }),
  ];
  const report = timeReport(clients, createComputeContext(clients, invoices, defaultConfig(), '2026-11-24'));
  assert.equal(report.minutes, 300);
  assert.equal(report.unbilledMinutes, 180);
  // c1 only: c2 logged nothing in November (its purchase is not time's), c3 no time at all.
  assert.deepEqual(report.thisMonth, { month: '2026-11', minutes: 210, revenue: 9000, rate: 2571.43 });
  const empty = timeReport(clients, createComputeContext(clients, invoices, defaultConfig(), '2027-01-05'));
  assert.deepEqual(empty.thisMonth, { month: '2027-01', minutes: 0, revenue: 0 });
});
