// The extension activates on its own in a folder with .crm/config.yaml, loads the workspace, and
// declares exactly the commands it registers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, EXTENSION_ID, waitFor, workspaceRoot } from './helpers';

/**
 * The test's copy of the workspace is seconds old: too fresh for the caches to trust its mtimes (a
 * same-size edit within the same tick would go unseen), so they leave those files out. Ages them.
 */
function ageWorkspace(): void {
  const hourAgo = new Date(Date.now() - 3600_000);
  for (const entry of fs.readdirSync(workspaceRoot(), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && !entry.parentPath.includes(`${path.sep}.git`)) fs.utimesSync(path.join(entry.parentPath, entry.name), hourAgo, hourAgo);
  }
}

describe('activation', () => {
  it('activates by itself on a workspace that contains .crm/config.yaml', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension under development is installed');
    // No activate() call here: `workspaceContains:.crm/config.yaml` must do it.
    await waitFor('activation by workspaceContains', () => extension.isActive);
  });

  it('runs from the installed .vsix under `npm run test:vsix`, else from the source tree', function () {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const repo = path.resolve(__dirname, '..', '..', '..', '..');
    if (process.env['PLAIN_CRM_IT_VSIX']) {
      // Installed by --install-extension: a copy in the host's extensions folder, bundles only.
      assert.match(extension.extensionPath, /[\\/]extensions[\\/]plain-crm\.plain-crm-\d+\.\d+\.\d+$/);
      assert.notEqual(extension.extensionPath, repo);
      assert.ok(!fs.existsSync(path.join(extension.extensionPath, 'node_modules')), 'no node_modules in the package');
      assert.ok(!fs.existsSync(path.join(extension.extensionPath, 'src')), 'no sources in the package');
      for (const file of ['dist/extension.js', 'dist/cli.js', 'dist/pdfkit.js', 'dist/fonts/DejaVuSans.ttf', 'dist/webview/dashboard.js', 'l10n/bundle.l10n.ru.json', 'media/icon.png']) {
        assert.ok(fs.existsSync(path.join(extension.extensionPath, file)), `${file} is in the package`);
      }
    } else {
      assert.equal(extension.extensionPath, repo);
    }
  });

  it('loads the sample workspace from the first folder', async () => {
    const api = await activatedApi();
    assert.equal(api.store.root, workspaceRoot());
    assert.equal(api.store.config.currency, 'RUB');
    assert.equal(api.store.config.locale, 'ru-RU');
    assert.ok(api.store.clients().length >= 30, `about 40 sample clients, got ${api.store.clients().length}`);
    const anna = api.store.get('anna-smirnova');
    assert.ok(anna, 'anna-smirnova is loaded');
    assert.equal(anna.file, 'clients/anna-smirnova.md');
    assert.equal(anna.data.name, 'Анна Смирнова');
    // A measurement, not an assertion (speed is checked by numbers, never by timed tests).
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs > 0);
    const { load, wait, activate } = api.activationParts;
    console.log(`activation: ${api.activationMs.toFixed(1)} ms (bundle evaluated ${load.toFixed(1)} ms, VS Code until activate() ${wait.toFixed(1)} ms, activate() ${activate.toFixed(1)} ms)`);
  });

  it('caches the parsed model in the workspace storage: a reload parses only the files that changed', async () => {
    const api = await activatedApi();
    ageWorkspace();
    const clients = api.store.clients({ includeArchived: true }).length;
    await vscode.commands.executeCommand('plainCrm.reload');
    assert.equal(await api.store.cacheWritten(), true, 'the model cache is written to the storage');
    await vscode.commands.executeCommand('plainCrm.reload');
    const use = api.store.cacheUse;
    assert.ok(use && use.hits >= clients && use.parsed === 0, `from the cache: ${JSON.stringify(use)}`);
    assert.equal(api.store.clients({ includeArchived: true }).length, clients);
    assert.equal(api.store.get('anna-smirnova')?.data.name, 'Анна Смирнова');
  });

  it('keeps each file\'s record problems in the workspace storage: a reload lints none of the unchanged files', async () => {
    const api = await activatedApi();
    ageWorkspace();
    const problems = (): string[] => {
      const out: string[] = [];
      api.diagnostics!.collection.forEach((uri, list) => out.push(...list.map((d) => `${path.basename(uri.fsPath)}:${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${d.message}`)));
      return out.sort();
    };
    await vscode.commands.executeCommand('plainCrm.reload');
    await api.diagnostics!.settled();
    const before = problems();
    assert.ok(before.length > 10, `${before.length} problems`);
    await vscode.commands.executeCommand('plainCrm.reload');
    await api.diagnostics!.settled();
    assert.equal(api.diagnostics!.linted(), 0, 'every record\'s problems from the cache');
    assert.deepEqual(problems(), before);
  });

  it('registers every command it declares, and declares every command it registers', async () => {
    await activatedApi();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const manifest = extension?.packageJSON as { contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]> } };
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    const viewIds = Object.values(manifest.contributes.views).flat().map((v) => v.id);
    // VS Code adds `<viewId>.focus` and the like for every view; those are not ours to declare.
    const registered = (await vscode.commands.getCommands(true))
      .filter((id) => id.startsWith('plainCrm.') && !viewIds.some((view) => id.startsWith(`${view}.`)))
      .sort();
    assert.deepEqual(registered, declared);
  });

  it('Create Plain CRM Workspace in a folder that already is one changes nothing', async () => {
    await activatedApi();
    const config = path.join(workspaceRoot(), '.crm', 'config.yaml');
    const before = fs.readFileSync(config, 'utf8');
    assert.equal(await vscode.commands.executeCommand('plainCrm.createWorkspace'), undefined);
    assert.equal(fs.readFileSync(config, 'utf8'), before);
    assert.equal(fs.existsSync(path.join(workspaceRoot(), 'clients', 'first-client.md')), false);
  });
});
