// "Search clients" in the real quick pick: results as you type (full text and query terms),
// name / stage / company / snippet on each item, errors shown in place, and accepting a result
// opens the record at the match.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import type { SearchItem } from '../../../src/extension/features/searchCommand';
import { activatedApi, waitFor } from './helpers';

describe('plainCrm.searchClients', () => {
  let api: PlainCrmApi;

  before(async () => {
    api = await activatedApi();
  });

  afterEach(async () => {
    api.searchPick?.pick.hide();
    await waitFor('the quick pick to close', () => api.searchPick === undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function search(text: string): Promise<readonly SearchItem[]> {
    const before = api.searchPick;
    await vscode.commands.executeCommand('plainCrm.searchClients', text);
    await waitFor('a new quick pick', () => api.searchPick !== undefined && api.searchPick !== before);
    await api.searchPick!.settled();
    return api.searchPick!.pick.items;
  }

  it('finds Cyrillic word forms and shows name, stage, company and the snippet', async () => {
    const items = await search('Москве');
    assert.ok(items.length > 3, `${items.length} results`);
    const anna = items.find((i) => i.hit?.id === 'anna-smirnova');
    assert.ok(anna, 'Анна Смирнова (city: Москва) is found by "Москве"');
    assert.equal(anna.label, '$(account) Анна Смирнова');
    assert.equal(anna.description, 'КП отправлено · ООО «Ромашка»');
    assert.match(anna.detail ?? '', /Москва/);
    assert.ok(items.every((i) => i.alwaysShow), 'VS Code does not filter our results away');
  });

  it('builds the index off the extension host thread (a worker, or its cache), never on it', async () => {
    await api.queries.searchIndex();
    assert.ok(api.queries.indexSource === 'worker' || api.queries.indexSource === 'cache', `the index came from ${api.queries.indexSource}`);
  });

  it('combines free text with query terms', async () => {
    const items = await search('лендинг stage:proposal');
    assert.deepEqual(items.map((i) => i.hit?.id), ['anna-smirnova']);
    assert.match(items[0]!.detail ?? '', /^notes: .*лендинг/);
  });

  it('shows a bad query as an error item with its column', async () => {
    const items = await search('value:>=abc');
    assert.equal(items.length, 1);
    assert.match(items[0]!.label, /^\$\(error\) column 9: expected a number/);
    assert.equal(items[0]!.hit, undefined);
  });

  it('opens the chosen record at the matching line of its notes', async () => {
    const items = await search('лендинг stage:proposal');
    const hit = items[0]!.hit!;
    assert.ok(hit.line !== undefined, 'the match is in the notes');
    const pick = api.searchPick!.pick;
    await waitFor('the first result to be active', () => pick.activeItems.length > 0);
    assert.equal(pick.activeItems[0]!.hit?.id, 'anna-smirnova');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor('the record to open', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/clients/anna-smirnova.md') === true);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.selection.active.line, hit.line - 1);
    assert.match(editor.document.lineAt(hit.line - 1).text, /лендинг/);
  });
});
