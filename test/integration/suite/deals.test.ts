// Several deals per client in the real host (issue 17): one Pipeline item per deal, drag and drop
// of one deal (only its list item changes, byte for byte elsewhere), Add Deal, Close Deal and
// Split into Deals through their commands.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import type { ClientNode, PipelineTreeNode, StageNode } from '../../../src/extension/features/pipelineView';
import { activatedApi, itemText, pinToday, waitFor, workspaceRoot } from './helpers';

const TODAY = '2026-11-20';
const B2B = [
  '---',
  'name: ЗЗ Проба Б2Б   # компания',
  'company: ООО «Проба»',
  'last_contact: 2026-11-19',
  'deals:',
  '  - id: site',
  '    title: Сайт',
  '    stage: qualified',
  '    value: 300000',
  '  - id: seo',
  '    title: SEO   # второй проект',
  '    stage: proposal',
  '    value: 60000',
  '---',
  '## Notes',
  'Два проекта.',
  '',
].join('\r\n');
const SINGLE = ['---', 'name: ЗЗ Проба Одна', 'stage: qualified', 'value: 1000', 'last_contact: 2026-11-19', '---', ''].join('\n');
const FILES = { b2b: 'clients/zz-deals-b2b.md', single: 'clients/zz-deals-single.md' };

describe('deals', () => {
  let api: PlainCrmApi;
  let restoreToday = (): void => undefined;
  const full = (file: string): string => path.join(workspaceRoot(), file);
  const read = (file: string): Promise<string> => fs.readFile(full(file), 'utf8');

  before(async () => {
    restoreToday = pinToday(TODAY);
    api = await activatedApi();
  });

  beforeEach(async () => {
    await fs.writeFile(full(FILES.b2b), B2B);
    await fs.writeFile(full(FILES.single), SINGLE);
    await api.store.updateFiles(Object.values(FILES));
    // VS Code keeps a model of files an earlier test edited; wait until it has re-read the disk.
    for (const [file, text] of [[FILES.b2b, B2B], [FILES.single, SINGLE]] as const) {
      const model = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === full(file));
      if (model) await waitFor(`${file} re-read`, () => model.getText() === text);
    }
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of Object.values(FILES)) await fs.rm(full(file), { force: true });
    await api.store.updateFiles([], Object.values(FILES));
  });

  after(() => restoreToday());

  function stage(id: string): StageNode {
    const node = api.pipelineProvider!.getChildren().find((n: PipelineTreeNode) => n.kind === 'stage' && n.group.stage.id === id);
    assert.ok(node && node.kind === 'stage', `stage ${id}`);
    return node;
  }

  const probes = (stageId: string): ClientNode[] => (api.pipelineProvider!.getChildren(stage(stageId)) as ClientNode[]).filter((c) => c.record.file.startsWith('clients/zz-deals-'));
  const labels = (stageId: string): string[] => probes(stageId).map((c) => itemText(api.pipelineProvider!.getTreeItem(c)).label);

  it('shows one Pipeline item per deal, "Client — deal", each in its own stage', () => {
    assert.deepEqual(labels('qualified'), ['ЗЗ Проба Б2Б — Сайт', 'ЗЗ Проба Одна']);
    assert.deepEqual(labels('proposal'), ['ЗЗ Проба Б2Б — SEO']);
    const ids = probes('qualified').map((c) => api.pipelineProvider!.getTreeItem(c).id);
    assert.equal(new Set(ids).size, 2);
  });

  it('drags one deal onto a stage: only that list item changes, byte for byte elsewhere (CRLF kept)', async () => {
    const seo = probes('proposal');
    assert.equal(seo.length, 1);
    const data = new vscode.DataTransfer();
    await api.pipelineDragAndDrop!.handleDrag(seo, data);
    await api.pipelineDragAndDrop!.handleDrop(stage('negotiation'), data);
    await waitFor('SEO in negotiation', () => labels('negotiation').includes('ЗЗ Проба Б2Б — SEO'));
    assert.deepEqual(labels('qualified'), ['ЗЗ Проба Б2Б — Сайт', 'ЗЗ Проба Одна'], 'the other deal stays');
    assert.equal(
      await read(FILES.b2b),
      B2B.replace('    stage: proposal\r\n    value: 60000\r\n', '    stage: negotiation\r\n    value: 60000\r\n    stage_since: 2026-11-20\r\n').replace(
        'Два проекта.\r\n',
        'Два проекта.\r\n\r\n## Log\r\n- 2026-11-20 stage: proposal → negotiation — SEO\r\n',
      ),
    );
  });

  it('Close Deal (won) records the purchase; Add Deal on a single-deal record keeps its deal; both undoable', async () => {
    const site = probes('qualified').find((c) => itemText(api.pipelineProvider!.getTreeItem(c)).label.endsWith('Сайт'))!;
    assert.equal(await vscode.commands.executeCommand('plainCrm.closeDeal', site, undefined, { outcome: 'won', amount: 290000 }), true);
    const closed = await read(FILES.b2b);
    assert.match(closed, /    stage: won\r\n    value: 300000\r\n    stage_since: 2026-11-20\r\n    closed_on: 2026-11-20\r\n/);
    assert.match(closed, /purchases:\r\n  - { date: 2026-11-20, amount: 290000, item: Сайт }\r\n/);
    await waitFor('the site deal is won', () => labels('won').includes('ЗЗ Проба Б2Б — Сайт'));

    const document = await vscode.workspace.openTextDocument(full(FILES.single));
    await vscode.window.showTextDocument(document);
    assert.equal(await vscode.commands.executeCommand('plainCrm.addDeal', FILES.single, undefined, { title: 'SEO', value: 5000 }), true);
    await waitFor('two deals for the single record', () => labels('qualified').includes('ЗЗ Проба Одна — #1') && labels('lead').includes('ЗЗ Проба Одна — SEO'));
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), SINGLE);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Split into Deals moves the top-level deal fields into deals:, and is offered on the stage line', async () => {
    const document = await vscode.workspace.openTextDocument(full(FILES.single));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(2, 0, 2, 5));
    assert.ok(actions.some((a) => a.title === 'Split into deals'), actions.map((a) => a.title).join(', '));
    assert.equal(await vscode.commands.executeCommand('plainCrm.splitIntoDeals', FILES.single), true);
    assert.equal(await read(FILES.single), ['---', 'name: ЗЗ Проба Одна', 'last_contact: 2026-11-19', 'deals:', '  - { id: 1, stage: qualified, value: 1000 }', '---', ''].join('\n'));
  });
});
