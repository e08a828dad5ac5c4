// The Segments view on the sample workspace: the saved segments in file order with live counts
// equal to `plain-crm query <segment>`, clients under a segment, and add / edit / rename / delete
// writing .crm/segments.yaml through WorkspaceEdit (the rest of the file untouched).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SegmentNode, SegmentsProvider } from '../../../src/extension/features/segmentsView';
import { cliJson } from './cli';
import { activatedApi, itemText, pinToday, waitFor, workspaceRoot } from './helpers';

const TODAY = '2026-11-20';

describe('Segments view', () => {
  let provider: SegmentsProvider;
  let restoreToday = (): void => undefined;
  const file = (): string => path.join(workspaceRoot(), '.crm', 'segments.yaml');
  let original = '';

  before(async () => {
    restoreToday = pinToday(TODAY);
    const api = await activatedApi();
    assert.ok(api.segmentsProvider, 'the API exposes the Segments provider');
    provider = api.segmentsProvider;
    original = await fs.readFile(file(), 'utf8');
  });

  after(async () => {
    restoreToday();
    await fs.writeFile(file(), original);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const segments = (): SegmentNode[] => provider.getChildren() as SegmentNode[];
  const byName = (name: string): SegmentNode | undefined => segments().find((s) => s.segment.name === name);

  it('lists the saved segments in file order, each with the count the CLI finds', async () => {
    const names = segments().map((s) => s.segment.name);
    assert.deepEqual(names, ['vip', 'Москва', 'Питер и Нижний', 'hot-deals', 'sleeping', 'stale', 'birthday-soon', 'mailing']);
    for (const node of segments()) {
      const rows = await cliJson<{ id: string }[]>(workspaceRoot(), TODAY, ['query', node.segment.name]);
      const { label, description } = itemText(provider.getTreeItem(node));
      assert.equal(label, node.segment.name);
      assert.equal(description, String(rows.length), `count of "${node.segment.name}"`);
      const ids = provider.getChildren(node).map((child) => (child.kind === 'client' ? child.record.id : ''));
      assert.deepEqual([...ids].sort(), rows.map((r) => r.id).sort(), `clients of "${node.segment.name}"`);
    }
  });

  it('shows a segment\'s clients by name, each opening its record', () => {
    const vip = byName('vip');
    assert.ok(vip);
    const children = provider.getChildren(vip);
    assert.ok(children.length > 0);
    const item = provider.getTreeItem(children[0]!);
    assert.equal(item.command?.command, 'vscode.open');
    const labels = children.map((c) => itemText(provider.getTreeItem(c)).label);
    assert.deepEqual(labels, [...labels].sort((a, b) => a.localeCompare(b, 'ru')));
  });

  it('adds, edits, renames and deletes a segment in .crm/segments.yaml, keeping the rest', async () => {
    assert.equal(await vscode.commands.executeCommand('plainCrm.addSegment', 'Казань', 'city:Казань', 'Клиенты из Казани'), true);
    await waitFor('the new segment', () => byName('Казань') !== undefined);
    let text = await fs.readFile(file(), 'utf8');
    assert.ok(text.startsWith(original), 'the existing segments and comments are untouched');
    assert.match(text, /Казань: \{ query: city:Казань, description: Клиенты из Казани \}/);
    const kazan = await cliJson<unknown[]>(workspaceRoot(), TODAY, ['query', 'city:Казань']);
    assert.equal(itemText(provider.getTreeItem(byName('Казань')!)).description, String(kazan.length));

    assert.equal(await vscode.commands.executeCommand('plainCrm.editSegment', byName('Казань'), 'city:Казань tag:vip'), true);
    await waitFor('the edited query', () => byName('Казань')?.segment.query === 'city:Казань tag:vip');

    assert.equal(await vscode.commands.executeCommand('plainCrm.renameSegment', byName('Казань'), 'Казань VIP'), true);
    await waitFor('the renamed segment', () => byName('Казань VIP') !== undefined && byName('Казань') === undefined);
    assert.deepEqual(segments().map((s) => s.segment.name).slice(-1), ['Казань VIP'], 'renaming keeps the position');

    assert.equal(await vscode.commands.executeCommand('plainCrm.deleteSegment', byName('Казань VIP'), true), true);
    await waitFor('the segment gone', () => byName('Казань VIP') === undefined);
    text = await fs.readFile(file(), 'utf8');
    assert.equal(text, original, 'after add + delete the file is byte-identical to the original');
  });

  it('a segment whose query does not parse is shown with its error, not hidden', async () => {
    await fs.writeFile(file(), `${original}broken: value:>=abc\n`);
    await waitFor('the broken segment', () => byName('broken') !== undefined);
    const item = provider.getTreeItem(byName('broken')!);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'error');
    // The tooltip is Markdown: the error text in it is escaped (`&nbsp;`, `\(`).
    const tooltip = (item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\/g, '');
    assert.match(tooltip, /column 9: expected a number \(value:>=abc\)/);
    await fs.writeFile(file(), original);
    await waitFor('the broken segment gone', () => byName('broken') === undefined);
  });
});
