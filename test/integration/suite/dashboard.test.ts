// The dashboard in the real host: the page's DOM shows the numbers `plain-crm report` prints, the
// filter narrows them, bars list their clients, the page follows file changes, and it is
// photographed in a light and a dark theme.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Report } from '../../../src/core/reports/report';
import type { PlainCrmApi } from '../../../src/extension/extension';
import type { DashboardHandle } from '../../../src/extension/features/dashboard';
import { cliJson } from './cli';
import { activatedApi, pinToday, screenshot, waitFor, workspaceRoot } from './helpers';

const TODAY = '2026-11-24';

function cliReport(...args: string[]): Promise<Report> {
  return cliJson<Report>(workspaceRoot(), TODAY, ['report', ...args]);
}

describe('dashboard', () => {
  let api: PlainCrmApi;
  let restoreToday = (): void => undefined;
  let dashboard: DashboardHandle;

  before(async () => {
    api = await activatedApi();
    restoreToday = pinToday(TODAY);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('plainCrm.openDashboard');
    await waitFor('the dashboard', () => api.dashboard !== undefined);
    dashboard = api.dashboard!;
  });

  after(async () => {
    restoreToday();
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    dashboard?.panel.dispose();
  });

  it('the page shows the figures `plain-crm report` prints for the workspace', async () => {
    const dom = await dashboard.rendered();
    const report = await cliReport();
    assert.deepEqual(dom['heading'], ['Plain CRM dashboard']);
    assert.equal(dom['stages']!.length, report.funnel.length);
    report.funnel.forEach((stage, i) => {
      const text = dom['stages']![i]!;
      assert.ok(text.startsWith(`${stage.label}: ${stage.count} · `), `${text} for ${stage.id} (${stage.count})`);
      if (stage.reached !== undefined) assert.match(text, new RegExp(`reached ${stage.reached}\\b`));
      if (stage.conversion !== undefined) assert.match(text, new RegExp(`to next stage ${Math.round(stage.conversion * 100)}%`));
    });
    assert.ok(dom['cards']!.some((c) => c.startsWith(`${report.clients}Clients`)), dom['cards']!.join(' | '));
    assert.ok(dom['cards']!.some((c) => c.startsWith(`${report.won.deals} · `) && c.endsWith('Won deals')), dom['cards']!.join(' | '));
    assert.equal(dom['sources']!.length, report.sources.length);
    assert.equal(dom['months']!.length, 12);
    assert.equal(dom['lost']!.length, report.lost.reasons.length);
  });

  it("shows this month's plan against actual and this month's time, as the sample's config and notes give them", async () => {
    const dom = await dashboard.rendered();
    const report = await cliReport();
    const november = report.plan!.months.find((m) => m.month === '2026-11')!;
    assert.deepEqual([november.plan.revenue, november.wonValue, november.forecast], [500000, 0, report.forecast.total]);
    const plain = (texts: string[] | undefined): string[] => (texts ?? []).map((t) => t.replace(/\u00a0/g, ' '));
    assert.deepEqual(plain(dom['plan']), [
      'This month: plan against actual · 2026-11',
      'Revenue: Won: 0 ₽ of 500 000 ₽ (0%)',
      '0 / 4 (0%)Deals won / plan',
      '0 ₽Paid this month',
      '1 430 750 ₽Forecast',
      'ivan@example.com: Won: 0 ₽ of 300 000 ₽ (0%) · forecast 569 250 ₽',
      'maria@example.com: Won: 0 ₽ of 200 000 ₽ (0%) · forecast 861 500 ₽',
    ]);
    // An owner's bar lists their clients, as the report's owner row counts them.
    assert.equal(dashboard.clientsOf('planOwner', 'maria@example.com').length, report.owners.find((o) => o.key === 'maria@example.com')!.clients);
    // ООО «Меридиан»: 4:45 h in November, 5:45 h not billed, nothing paid in November.
    assert.deepEqual(plain(dom['time']), ['Time · 2026-11', '4:45 hHours this month', '5:45 hUnbilled hours', '0 ₽/hEffective rate this month']);
  });

  it('a segment and a date range narrow the page as they narrow the CLI report', async () => {
    const dom = await dashboard.setFilter({ segment: 'vip', from: '2026-01-01' });
    const report = await cliReport('vip', '--from', '2026-01-01');
    assert.ok(report.clients > 0 && report.clients < 40);
    assert.ok(dom['cards']!.some((c) => c.startsWith(`${report.clients}Clients`)), dom['cards']!.join(' | '));
    assert.deepEqual(
      dom['stages']!.map((s) => Number(/: (\d+) · /.exec(s)?.[1])),
      report.funnel.map((f) => f.count),
    );
    await dashboard.setFilter({ segment: '', from: '' });
  });

  it('a bar lists its clients; the page follows a changed file', async () => {
    const report = await cliReport();
    const proposal = report.funnel.find((f) => f.id === 'proposal')!;
    const files = dashboard.clientsOf('stage', 'proposal');
    assert.equal(files.length, proposal.count);
    const file = path.join(workspaceRoot(), files[0]!);
    const before = fs.readFileSync(file, 'utf8');
    const next = dashboard.setFilter({});
    await next;
    try {
      const changed = new Promise<Record<string, string[]>>((resolve) => {
        const poll = async (): Promise<void> => {
          const dom = await dashboard.rendered();
          if (dom['stages']!.some((s) => s.startsWith(`${proposal.label}: ${proposal.count - 1} · `))) resolve(dom);
          else setTimeout(() => void poll(), 100);
        };
        void poll();
      });
      fs.writeFileSync(file, before.replace(/^stage: proposal$/m, 'stage: negotiation'));
      const dom = await changed;
      assert.ok(dom['stages']!.some((s) => s.startsWith(`${proposal.label}: ${proposal.count - 1} · `)));
    } finally {
      fs.writeFileSync(file, before);
      await waitFor('the store to see the stage back', () => api.store.byFile(files[0]!)?.data.stage === 'proposal');
    }
  });

  it('renders in a light and a dark theme (screenshots)', async () => {
    for (const [theme, name] of [
      ['Default Light Modern', 'dashboard-light'],
      ['Default Dark Modern', 'dashboard-dark'],
    ] as const) {
      await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
      await new Promise((resolve) => setTimeout(resolve, 800));
      dashboard.panel.reveal();
      await dashboard.setFilter({});
      await screenshot(name);
    }
  });
});
