// Contact persons in the Segments view (issue 17): a client with `contacts:` expands to its
// persons (name, position, a tooltip with e-mail and phone), and clicking one copies the e-mail
// to the clipboard through `plainCrm.copyContact`. The record is made here and removed after,
// so the sample workspace's counts stay what the other suites expect.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SegmentNode, SegmentsProvider, SegmentTreeNode } from '../../../src/extension/features/segmentsView';
import { activatedApi, itemText, pinToday, waitFor, workspaceRoot } from './helpers';

const TODAY = '2026-11-20';
const FILE = 'clients/kontakt-test-romashka.md';
const RECORD = `---
name: Иван Директоров
company: ООО «Ромашка-Тест»
stage: proposal
tags: [vip]
contacts:
  - name: Анна Бухгалтерова
    position: Главный бухгалтер
    email: buh@romashka-test.ru
    phone: "+7 912 345-67-00"
  - name: Пётр Снабженцев
    position: Снабжение
    phone: "+7 912 345-67-01"
---
`;

describe('Segments view: contact persons', () => {
  let provider: SegmentsProvider;
  let restoreToday = (): void => undefined;
  const full = (): string => path.join(workspaceRoot(), FILE);

  before(async () => {
    restoreToday = pinToday(TODAY);
    const api = await activatedApi();
    assert.ok(api.segmentsProvider);
    provider = api.segmentsProvider;
    await fs.writeFile(full(), RECORD);
  });

  after(async () => {
    restoreToday();
    await fs.rm(full(), { force: true });
    // The next suite counts the sample's clients: wait until the store has dropped this one.
    await waitFor('the test client gone', () => clientNode() === undefined, 15000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const clientNode = (): SegmentTreeNode | undefined => {
    const vip = (provider.getChildren() as SegmentNode[]).find((s) => s.segment.name === 'vip');
    return vip ? provider.getChildren(vip).find((c) => c.kind === 'client' && c.record.file === FILE) : undefined;
  };

  it('shows a client\'s contact persons as its children, and clicking one copies the e-mail', async () => {
    await waitFor('the new client under "vip"', () => clientNode() !== undefined, 15000);
    const client = clientNode()!;
    const clientItem = provider.getTreeItem(client);
    assert.equal(clientItem.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed, 'a client with contact persons expands');

    const children = provider.getChildren(client);
    assert.deepEqual(
      children.map((c) => itemText(provider.getTreeItem(c))),
      [
        { label: 'Анна Бухгалтерова', description: 'Главный бухгалтер' },
        { label: 'Пётр Снабженцев', description: 'Снабжение' },
      ],
    );
    assert.equal(provider.getParent(children[0]!), client);
    const anna = provider.getTreeItem(children[0]!);
    assert.match(String(anna.tooltip), /buh@romashka-test\.ru/);
    assert.match(String(anna.tooltip), /\+7 912 345-67-00/);
    assert.notEqual(anna.id, clientItem.id);

    // The click: the item's own command with its arguments.
    assert.equal(anna.command?.command, 'plainCrm.copyContact');
    await vscode.env.clipboard.writeText('');
    assert.equal(await vscode.commands.executeCommand(anna.command.command, ...(anna.command.arguments ?? [])), 'buh@romashka-test.ru');
    assert.equal(await vscode.env.clipboard.readText(), 'buh@romashka-test.ru');

    // A person without an e-mail: the phone. From the context menu the node itself is the argument.
    assert.equal(await vscode.commands.executeCommand('plainCrm.copyContact', children[1]), '+7 912 345-67-01');
    assert.equal(await vscode.env.clipboard.readText(), '+7 912 345-67-01');
  });

  it('a client without contact persons does not expand', async () => {
    const vip = (provider.getChildren() as SegmentNode[]).find((s) => s.segment.name === 'vip');
    assert.ok(vip);
    const plain = provider.getChildren(vip).find((c) => c.kind === 'client' && !Array.isArray(c.record.data['contacts']));
    assert.ok(plain, 'a "vip" client without contacts');
    assert.equal(provider.getTreeItem(plain).collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.deepEqual(provider.getChildren(plain), []);
  });
});
