// `plain-crm report` on the sample workspace: the three formats agree, bad options are exit 2.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Report } from '../../../src/core/reports/report';
import { SAMPLE_WORKSPACE } from '../paths';
import { runCli } from './runCli';

const cli = (...args: string[]): ReturnType<typeof runCli> => runCli([...args, '-w', SAMPLE_WORKSPACE, '--today', '2026-11-24']);

test('report: text, JSON and CSV carry the same figures for the sample workspace', () => {
  const json = cli('report', '--format', 'json');
  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout) as Report;
  assert.equal(report.clients, 42);
  // Deals: ooo-vektor counts in proposal and in negotiation, ip-kuznetsova in qualified.
  assert.deepEqual(report.funnel.map((f) => f.count), [10, 7, 7, 5, 8, 5]);
  assert.equal(report.won.deals, 8);
  const text = cli('report');
  assert.match(text.stdout, /^Report for 2026-11-24: 42 clients; values in RUB/);
  assert.match(text.stdout, new RegExp(`^won: 8 deals, ${report.won.value.toLocaleString('en-US')};`, 'm'));
  const rows = parse(cli('report', '--format', 'csv').stdout, { columns: true }) as Record<string, string>[];
  assert.equal(rows.find((r) => r['section'] === 'forecast' && r['key'] === 'total')?.['value'], String(report.forecast.total));
  // The sample's plan: October 395 000 won of 450 000 (88%), November's forecast.
  assert.deepEqual(report.plan?.months.map((m) => [m.month, m.plan.revenue, m.wonValue, m.forecast]), [['2026-10', 450000, 395000, undefined], ['2026-11', 500000, 0, report.forecast.total], ['2026-12', 600000, 0, undefined]]);
  assert.match(text.stdout, /^2026-10 +450,000 +395,000 +88% +3 +2 +302,750$/m);
  assert.match(text.stdout, /^ {2}maria@example\.com +200,000 +0 +0% +0 +0 +861,500$/m);
  // Time: ООО «Меридиан»'s 5:45 h are unbilled, 4:45 h of them in November, when it paid nothing.
  assert.deepEqual([report.time.unbilledMinutes, report.time.thisMonth], [345, { month: '2026-11', minutes: 285, revenue: 0, rate: 0 }]);
  assert.match(text.stdout, /^unbilled: 5:45 h; 2026-11: 4:45 h, paid 0, per hour 0$/m);
});

test('report <segment> --from narrows the population; bad dates and queries are exit 2', () => {
  const vip = JSON.parse(cli('report', 'vip', '--from', '2026-01-01', '--format', 'json').stdout) as Report;
  assert.ok(vip.clients > 0 && vip.clients < 42, String(vip.clients));
  assert.equal(vip.from, '2026-01-01');
  for (const args of [['--from', '1.1.2026'], ['--from', '2026-02-01', '--to', '2026-01-01'], ['stage:'], ['--format', 'table']]) {
    const run = cli('report', ...args);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, /^plain-crm: /);
  }
});
