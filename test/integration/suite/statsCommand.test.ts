// "Plain CRM: Show Statistics" run end to end through the command palette's command id: it
// returns the same figures as `plain-crm stats --format json` for the same day.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Stats } from '../../../src/core/stats';
import { cliStats } from './cli';
import { activatedApi, pinToday, workspaceRoot } from './helpers';

const TODAY = '2026-11-20';

describe('plainCrm.showStats', () => {
  let restoreToday = (): void => undefined;

  before(async () => {
    await activatedApi();
    // The extension host runs the tests and the extension in one process: this pins its clock.
    restoreToday = pinToday(TODAY);
  });

  after(() => {
    restoreToday();
  });

  it('returns the stats of the workspace, equal to the CLI output for the same day', async () => {
    const stats = await vscode.commands.executeCommand<Stats>('plainCrm.showStats');
    assert.ok(stats, 'the command returns the stats');
    assert.deepEqual(Object.keys(stats.stages).slice(0, 6), ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
    assert.ok(stats.records >= 30, `about 40 sample clients, got ${stats.records}`);
    assert.deepEqual(stats, await cliStats(workspaceRoot(), TODAY));
  });

  it('counts what the Pipeline view shows', async () => {
    const api = await activatedApi();
    const stats = await vscode.commands.executeCommand<Stats>('plainCrm.showStats');
    const provider = api.pipelineProvider;
    assert.ok(provider);
    const shown = provider.getChildren().reduce((n, node) => n + (node.kind === 'stage' ? node.group.count : 0), 0);
    // The view shows deals: a client with `deals:` is one item per deal.
    assert.equal(Object.values(stats.stages).reduce((n, stage) => n + stage.count, 0), shown);
  });
});
