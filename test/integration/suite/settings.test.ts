// The user's settings: `plainCrm.defaultOwner` goes into new clients, `plainCrm.locale` changes
// how the Pipeline view formats money.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, itemText, waitFor, workspaceRoot } from './helpers';

describe('user settings', () => {
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('plainCrm');

  after(async () => {
    const api = await activatedApi();
    await settings().update('defaultOwner', undefined, vscode.ConfigurationTarget.Global);
    // Resetting the locale reloads the store: the next suites must not start in the middle of it.
    const reloaded = new Promise<void>((resolve) => {
      const off = api.store.onDidChange((change) => {
        if (!change.reloaded) return;
        off();
        resolve();
      });
      setTimeout(resolve, 10000);
    });
    await settings().update('locale', undefined, vscode.ConfigurationTarget.Global);
    await reloaded;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('plainCrm.defaultOwner is the owner of a new client', async () => {
    const api = await activatedApi();
    await settings().update('defaultOwner', 'me@example.com', vscode.ConfigurationTarget.Global);
    const file = await vscode.commands.executeCommand<string>('plainCrm.newClient', 'Зз Настройка', '', 'lead');
    try {
      assert.match(fs.readFileSync(path.join(workspaceRoot(), file), 'utf8'), /^owner: me@example\.com$/m);
    } finally {
      fs.rmSync(path.join(workspaceRoot(), file));
      await api.store.updateFiles([], [file]);
    }
  });

  it('plainCrm.locale overrides the workspace locale in the views', async () => {
    const api = await activatedApi();
    const provider = api.pipelineProvider!;
    const leadText = async (): Promise<string> => {
      const stages = await provider.getChildren();
      const lead = stages?.find((s) => s.kind === 'stage' && s.group.stage.id === 'lead');
      return lead ? itemText(await provider.getTreeItem(lead)).label + itemText(await provider.getTreeItem(lead)).description : '';
    };
    assert.match(await leadText(), /305\s000\s₽/u, 'ru-RU from .crm/config.yaml');
    await settings().update('locale', 'en-US', vscode.ConfigurationTarget.Global);
    let text = '';
    await waitFor('the view in en-US', () => /RUB\s305,000/u.test(text), 5000, async () => {
      text = await leadText();
    });
  });
});
