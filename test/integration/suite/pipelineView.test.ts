// The Pipeline view on the sample workspace: stages in configured order with counts and sums
// formatted for ru-RU, closed stages collapsed, clients under their stage, a click opens the file,
// and the view follows edits on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import type { ClientNode, PipelineProvider, PipelineTreeNode, StageNode } from '../../../src/extension/features/pipelineView';
import { cliStats } from './cli';
import { activatedApi, itemText, waitFor, workspaceRoot } from './helpers';

const STAGE_LABELS = ['Лид', 'Квалификация', 'КП отправлено', 'Переговоры', 'Сделка', 'Отказ'];
const STAGE_IDS = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];

interface StageRow {
  node: StageNode;
  item: vscode.TreeItem;
  label: string;
  count: number;
  /** The amount in roubles read back from the formatted description. */
  value: number;
}

/**
 * "5 · 1 234 500 ₽" → count 5, value 1234500 (ru-RU groups digits with no-break spaces). Sums in
 * other currencies follow after " + " and are not converted: "10 · 305 000 ₽ + 4 000 $".
 */
function parseDescription(description: string): { count: number; value: number } {
  const match = /^(\d+) · ([\d\u00a0\u202f ]+)[\u00a0 ]₽(?: \+ \S.*)?$/.exec(description);
  assert.ok(match, `"${description}" reads "<count> · <sum> ₽[ + <other currencies>]"`);
  return { count: Number(match[1]), value: Number(match[2]!.replace(/[^\d]/g, '')) };
}

function stageRows(provider: PipelineProvider): StageRow[] {
  return provider.getChildren().map((node: PipelineTreeNode) => {
    assert.equal(node.kind, 'stage', 'one pipeline: the roots are stages');
    const item = provider.getTreeItem(node);
    const { label, description } = itemText(item);
    return { node: node as StageNode, item, label, ...parseDescription(description) };
  });
}

function row(rows: StageRow[], label: string): StageRow {
  const found = rows.find((r) => r.label === label);
  assert.ok(found, `stage ${label} is shown`);
  return found;
}

describe('Pipeline view', () => {
  let api: PlainCrmApi;
  let provider: PipelineProvider;

  before(async () => {
    api = await activatedApi();
    assert.ok(api.pipelineProvider, 'the API exposes the pipeline provider');
    provider = api.pipelineProvider;
    await waitFor('the view to load', () => provider.isLoaded);
  });

  it('shows the configured stages in order, with counts and sums that match the CLI', async () => {
    const rows = stageRows(provider);
    assert.deepEqual(rows.slice(0, STAGE_LABELS.length).map((r) => r.label), STAGE_LABELS);
    const stats = await cliStats(workspaceRoot(), '2026-11-20');
    STAGE_IDS.forEach((id, i) => {
      const r = rows[i]!;
      assert.equal(r.count, stats.stages[id]?.count, `${r.label}: count`);
      assert.equal(r.value, stats.stages[id]?.value, `${r.label}: sum in RUB`);
    });
    const deals = Object.values(stats.stages).reduce((n, stage) => n + stage.count, 0);
    assert.equal(rows.reduce((n, r) => n + r.count, 0), deals, 'every deal is under one stage');
    assert.ok(deals > stats.records, 'ooo-meridian has two deals');
    assert.ok(rows.some((r) => r.count > 0 && r.value > 0), 'the sample has deals with values');
  });

  it('collapses closed stages and expands open ones', () => {
    for (const r of stageRows(provider)) {
      const expected =
        r.count === 0
          ? vscode.TreeItemCollapsibleState.None
          : r.node.group.stage.closed
            ? vscode.TreeItemCollapsibleState.Collapsed
            : vscode.TreeItemCollapsibleState.Expanded;
      assert.equal(r.item.collapsibleState, expected, `${r.label}: collapsible state`);
    }
    assert.ok(row(stageRows(provider), 'Сделка').node.group.stage.closed);
  });

  it('lists clients under their stage with name and company, and opens the file on click', async () => {
    const proposal = row(stageRows(provider), 'КП отправлено');
    const children = provider.getChildren(proposal.node) as ClientNode[];
    assert.equal(children.length, proposal.count);
    const anna = children.find((c) => c.record.id === 'anna-smirnova');
    assert.ok(anna, 'Анна Смирнова is under "КП отправлено"');
    const item = provider.getTreeItem(anna);
    assert.deepEqual(itemText(item), { label: 'Анна Смирнова', description: 'ООО «Ромашка»' });
    assert.equal(provider.getParent(anna), proposal.node);

    assert.ok(item.command, 'a client item has a command');
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    await waitFor('the record to open', () => vscode.window.activeTextEditor?.document.uri.fsPath === path.join(workspaceRoot(), 'clients', 'anna-smirnova.md'));
  });

  it('Sort Clients: by score, highest first (ties by name), and back to names; the tooltip shows the score', async () => {
    const proposal = (): StageNode => row(stageRows(provider), 'КП отправлено').node;
    const ids = (): string[] => (provider.getChildren(proposal()) as ClientNode[]).map((c) => c.record.id);
    const byName = ids();
    try {
      assert.equal(await vscode.commands.executeCommand('plainCrm.sortClients', 'score'), 'score');
      const ctx = api.queries.computeContext();
      const scores = (provider.getChildren(proposal()) as ClientNode[]).map((c) => ctx.field(c.record, 'score')!);
      assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
      assert.deepEqual([...ids()].sort(), [...byName].sort(), 'the same clients');
      const anna = (provider.getChildren(proposal()) as ClientNode[]).find((c) => c.record.id === 'anna-smirnova')!;
      const tooltip = String(provider.getTreeItem(anna).tooltip).split('\n');
      assert.ok(tooltip.includes(`Score ${ctx.field(anna.record, 'score')} (${ctx.field(anna.record, 'band')})`), tooltip.join(' | '));
    } finally {
      await vscode.commands.executeCommand('plainCrm.sortClients', 'name');
    }
    assert.deepEqual(ids(), byName);
  });

  it('is visible in the Plain CRM container', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.plainCrm');
    await waitFor('the Pipeline view to be visible', () => api.pipelineView?.visible === true);
  });

  describe('follows the files on disk', () => {
    const probe = (): string => path.join(workspaceRoot(), 'clients', 'zz-integration-probe.md');
    const write = (stage: string): Promise<void> =>
      fs.writeFile(probe(), `---\nname: Проба Интеграционная\ncompany: ООО «Проба»\nstage: ${stage}\nvalue: 12345\n---\n## Notes\nWritten by the integration tests.\n`);

    after(() => fs.rm(probe(), { force: true }));

    it('adds a new client to its stage, moves it when the stage changes, and drops it when deleted', async () => {
      const before = stageRows(provider);
      const negotiation = row(before, 'Переговоры');
      const won = row(before, 'Сделка');

      await write('negotiation');
      await waitFor('the new client in "Переговоры"', () => row(stageRows(provider), 'Переговоры').count === negotiation.count + 1);
      let rows = stageRows(provider);
      assert.equal(row(rows, 'Переговоры').value, negotiation.value + 12345);
      const added = (provider.getChildren(row(rows, 'Переговоры').node) as ClientNode[]).find((c) => c.record.id === 'zz-integration-probe');
      assert.ok(added, 'the probe is listed under its stage');
      assert.deepEqual(itemText(provider.getTreeItem(added)), { label: 'Проба Интеграционная', description: 'ООО «Проба»' });

      await write('won');
      await waitFor('the client to move to "Сделка"', () => row(stageRows(provider), 'Сделка').count === won.count + 1);
      rows = stageRows(provider);
      assert.equal(row(rows, 'Переговоры').count, negotiation.count);
      assert.equal(row(rows, 'Сделка').value, won.value + 12345);

      await fs.rm(probe());
      await waitFor('the client to disappear', () => row(stageRows(provider), 'Сделка').count === won.count);
      assert.deepEqual(
        stageRows(provider).map((r) => [r.label, r.count, r.value]),
        before.map((r) => [r.label, r.count, r.value]),
      );
    });
  });
});
