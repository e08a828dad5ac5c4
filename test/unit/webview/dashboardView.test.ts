// The dashboard's markup: the figures of the report, hostile record strings inert, every bar
// reachable by keyboard, and nothing the strict CSP would block (inline handlers, styles, scripts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createComputeContext } from '../../../src/core/computed';
import { resolveConfig } from '../../../src/core/config';
import type { CrmRecord } from '../../../src/core/model';
import { withPlan } from '../../../src/core/reports/plan';
import { buildReport, sliceClients } from '../../../src/core/reports/report';
import { DEFAULT_LABELS, escapeHtml, lastMonths, renderDashboard } from '../../../src/webview/dashboardView';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' onmouseover='x", '=HYPERLINK("http://evil")', '\u202Eevil'];
const { config } = resolveConfig({
  stages: [{ id: 'lead', label: '<b>Лид</b>', probability: 0.1 }, 'won', 'lost'],
  plan: { '2026-11': { revenue: 10000, deals: 2, by_owner: { [HOSTILE[0]!]: 3000 } } },
});

let n = 0;
const client = (data: Record<string, unknown>): CrmRecord => {
  n++;
  return { kind: 'client', id: `c${n}`, file: `clients/c${n}.md`, format: 'md', data: { name: `C${n}`, created: '2026-10-01', ...data }, body: '', bodyLine: 0, archived: false };
};
const clients = [
  ...HOSTILE.map((s) => client({ stage: 'lead', value: 1000, source: s, owner: s })),
  client({ stage: 'won', value: 5000, source: 'referral', stage_since: '2026-11-02' }),
  client({ stage: 'lost', lost_reason: HOSTILE[1] }),
];
const ctx = createComputeContext(clients, [], config, '2026-11-24');
const report = withPlan(buildReport(clients, [], ctx), clients, [], ctx);
const html = renderDashboard({ report, labels: DEFAULT_LABELS, locale: 'ru-RU', segments: ['vip', '<i>x</i>'], filter: { segment: '<i>x</i>', from: '2026-01-01', to: '' } });

test('escapeHtml leaves no markup-significant character', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

/** Every tag of the markup, found the way a browser would: text holds no raw `<` or `>`. */
const TAG = /<\/?([a-zA-Z0-9]+)((?:\s+[a-zA-Z:-]+(?:="[^"<>]*")?)*)\s*\/?>/g;
const tags = [...html.matchAll(TAG)].map((m) => ({ name: m[1]!.toLowerCase(), attributes: [...m[2]!.matchAll(/\s+([a-zA-Z:-]+)(?:="[^"]*")?/g)].map((a) => a[1]!.toLowerCase()) }));

test('hostile strings from records are text, never markup or attributes', () => {
  assert.ok(!/[<>]/.test(html.replace(TAG, '')), 'outside the tags there is no < or >: every record string was escaped');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('&lt;b&gt;Лид&lt;/b&gt;'));
  assert.ok(html.includes('<option value="&lt;i&gt;x&lt;/i&gt;" selected>'));
  const names = new Set(tags.map((t) => t.name));
  assert.deepEqual([...names].filter((t) => !['h1', 'h2', 'form', 'label', 'select', 'option', 'input', 'section', 'div', 'p', 'ul', 'li', 'svg', 'g', 'title', 'text', 'rect', 'span'].includes(t)), []);
});

test('nothing a strict CSP blocks: no script or style element, style attribute or event handler', () => {
  const attributes = new Set(tags.flatMap((t) => t.attributes));
  assert.ok(!tags.some((t) => t.name === 'script' || t.name === 'style'));
  assert.deepEqual([...attributes].filter((a) => a === 'style' || a.startsWith('on') || a === 'href' || a === 'src'), []);
});

test('the figures are those of the report; every bar is focusable and names its clients', () => {
  assert.match(html, /aria-label="&lt;b&gt;Лид&lt;\/b&gt;: 5 · 5\s000\s₽; reached 7, to next stage 14%"/u);
  const bars = [...html.matchAll(/<g class="bar ([a-z]+)" tabindex="0" role="button" data-kind="([a-zA-Z]+)" data-key="([^"]*)"/g)].map((m) => `${m[2]}:${m[3]}`);
  assert.ok(bars.includes('stage:lead') && bars.includes('stage:won') && bars.includes('month:2026-11') && bars.includes('source:referral'), bars.join(' '));
  assert.equal(sliceClients(clients, [], ctx, 'stage', 'lead').length, 5);
  assert.deepEqual(sliceClients(clients, [], ctx, 'month', '2026-11').map((r) => r.data.stage), ['won']);
  assert.deepEqual(sliceClients(clients, [], ctx, 'source', HOSTILE[0]!).length, 1);
  assert.deepEqual(sliceClients(clients, [], ctx, 'lostReason', HOSTILE[1]!).length, 1);
});

test('12 months up to today, empty ones filled; an empty population says so', () => {
  const months = lastMonths([{ month: '2026-02', won: 1, wonValue: 5, paid: 0 }], '2026-11-24');
  assert.equal(months.length, 12);
  assert.equal(months[0]!.month, '2025-12');
  assert.equal(months.at(-1)!.month, '2026-11');
  assert.equal(months.find((m) => m.month === '2026-02')!.won, 1);
  const empty = renderDashboard({ report: buildReport([], [], ctx), labels: DEFAULT_LABELS, locale: 'en', segments: [], filter: { segment: '', from: '', to: '' } });
  assert.match(empty, /No data for this filter\./);
});

test('campaigns per month: a section when the log has any, each month a bar that lists who was mailed', () => {
  const campaign = (file: string, date: string, recipients: string[]): CrmRecord => ({ kind: 'campaign', id: file, file, format: 'md', data: { name: `<b>${file}</b>`, date, channel: 'email', recipients }, body: '', bodyLine: 0, archived: false });
  const log = [campaign('campaigns/2026/a.md', '2026-10-05', ['c1', 'c2#anna']), campaign('campaigns/2026/b.md', '2026-11-20', ['c2']), campaign('campaigns/2026/c.md', '2026-11-21', ['c3'])];
  const withLog = buildReport(clients, [], ctx, { campaigns: log });
  assert.deepEqual(withLog.campaigns, [
    { month: '2026-10', campaigns: 1, recipients: 2 },
    { month: '2026-11', campaigns: 2, recipients: 2 },
  ]);
  const page = renderDashboard({ report: withLog, labels: DEFAULT_LABELS, locale: 'en-US', segments: [], filter: { segment: '', from: '', to: '' } });
  assert.ok(page.includes(`<h2>${DEFAULT_LABELS.campaigns}</h2>`));
  assert.ok(page.includes('data-kind="campaigns" data-key="2026-11"'));
  assert.ok(!html.includes(DEFAULT_LABELS.campaigns), 'no log, no section');
  assert.deepEqual(
    sliceClients(clients, [], ctx, 'campaigns', '2026-10', { campaigns: log }).map((r) => r.id),
    ['c1', 'c2'],
    'a contact person counts for the client',
  );
});

test("this month's plan against actual: revenue with a bar, deals, paid, forecast, each owner; owners escaped", () => {
  const rows = [...html.matchAll(/<div class="plan-row bar" tabindex="0" role="button" data-kind="([a-zA-Z]+)" data-key="([^"]*)" aria-label="([^"]*)">/g)].map((m) => [m[1], m[2], m[3]]);
  assert.deepEqual(rows[0], ['month', '2026-11', 'Revenue: Won: 5\u00a0000\u00a0₽ of 10\u00a0000\u00a0₽ (50%)']);
  assert.deepEqual(rows[1], ['planOwner', escapeHtml(HOSTILE[0]!.toLowerCase()), `${escapeHtml(HOSTILE[0]!.toLowerCase())}: Won: 0\u00a0₽ of 3\u00a0000\u00a0₽ (0%) · forecast 100\u00a0₽`]);
  // Half the plan won: the fill is half the track.
  assert.match(html, /<rect class="bar-fill won" x="0" y="2" width="50\.00%"/);
  assert.match(html, /<div class="card-value">1 \/ 2 \(50%\)<\/div><div class="card-label">Deals won \/ plan<\/div>/);
  assert.match(html, /<div class="card-value">500\u00a0₽<\/div><div class="card-label">Forecast<\/div>/);
  assert.equal(sliceClients(clients, [], ctx, 'planOwner', HOSTILE[0]!.toUpperCase()).length, 1, 'an owner of the plan, whatever its case');
  const none = renderDashboard({ report: buildReport(clients, [], ctx), labels: DEFAULT_LABELS, locale: 'ru-RU', segments: [], filter: { segment: '', from: '', to: '' } });
  assert.ok(!none.includes('class="plan"') && !none.includes('class="time"'), 'no plan in the config, no time logged: neither block');
});

test('time this month: hours, unbilled hours and the effective rate', () => {
  const worked = [client({ stage: 'won', value: 9000, purchases: [{ date: '2026-11-20', amount: 9000 }] })];
  worked[0]!.body = '- 2026-11-03 2h Design\n- 2026-11-04 1h Fixes → INV-1\n';
  const timeCtx = createComputeContext(worked, [], config, '2026-11-24');
  const page = renderDashboard({ report: buildReport(worked, [], timeCtx), labels: DEFAULT_LABELS, locale: 'ru-RU', segments: [], filter: { segment: '', from: '', to: '' } });
  const cards = [...page.matchAll(/<div class="card-value">([^<]*)<\/div><div class="card-label">([^<]*)<\/div>/g)].map((m) => `${m[2]}: ${m[1]}`);
  assert.deepEqual(cards.slice(-3), ['Hours this month: 3:00 h', 'Unbilled hours: 2:00 h', 'Effective rate this month: 3\u00a0000\u00a0₽/h']);
});
