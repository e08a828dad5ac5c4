// The UI in Russian: run by `npm run test:ru`, where the host starts with `--locale ru` (as after
// Configure Display Language → ru). Skipped in the English runs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import { cliJson } from './cli';
import { activatedApi, EXTENSION_ID, pinToday, screenshot, workspaceRoot } from './helpers';

const TODAY = '2026-11-24';

describe('Russian UI', function () {
  let api: PlainCrmApi;
  let restoreToday = (): void => undefined;

  before(async function () {
    if (process.env['PLAIN_CRM_IT_LOCALE'] !== 'ru') this.skip();
    api = await activatedApi();
    restoreToday = pinToday(TODAY);
    await vscode.commands.executeCommand('plainCrm.reload');
    await api.diagnostics!.settled();
  });
  after(() => restoreToday());

  it('VS Code runs in Russian, and the manifest strings come from package.nls.ru.json', () => {
    assert.equal(vscode.env.language, 'ru');
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const ru = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.nls.ru.json'), 'utf8')) as Record<string, string>;
    // A localized manifest holds { value, original } where the file said "%key%".
    const manifest = extension.packageJSON as { contributes: { commands: { command: string; title: string | { value: string; original: string } }[] } };
    const newClient = manifest.contributes.commands.find((c) => c.command === 'plainCrm.newClient');
    assert.ok(newClient);
    const title = typeof newClient.title === 'string' ? newClient.title : newClient.title.value;
    assert.equal(title, ru['command.newClient.title']);
  });

  it('the Needs attention view speaks Russian (vscode.l10n)', async () => {
    const provider = api.needsAttentionProvider!;
    const groups = await provider.getChildren();
    const labels = await Promise.all(groups.map(async (g) => String((await provider.getTreeItem(g)).label)));
    const bundle = JSON.parse(fs.readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'l10n', 'bundle.l10n.ru.json'), 'utf8')) as Record<string, string>;
    assert.ok(labels.length > 0);
    assert.ok(labels.some((label) => label.startsWith(bundle['No recent contact']!)), `groups: ${labels.join(' | ')}`);
    assert.ok(labels.every((label) => /[А-Яа-яЁё]/.test(label)), `every group is Russian: ${labels.join(' | ')}`);
  });

  it('problems in the Problems panel are the Russian ones `plain-crm --lang ru lint` prints', async () => {
    const root = workspaceRoot();
    const cli = await cliJson<{ file: string; line: number; code: string; message: string }[]>(root, TODAY, ['lint', '--lang', 'ru'], [0, 1]);
    assert.ok(cli.length > 0);
    assert.ok(cli.every((p) => /[А-Яа-яЁё]/.test(p.message)), 'the CLI speaks Russian with --lang ru');
    for (const problem of cli) {
      const uri = vscode.Uri.file(path.join(root, problem.file));
      const messages = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Plain CRM').map((d) => d.message);
      assert.ok(messages.includes(problem.message), `${problem.file}:${problem.line} ${problem.code}: "${problem.message}" in ${JSON.stringify(messages)}`);
    }
  });

  it('shows the Plain CRM commands in Russian in the Command Palette (screenshot)', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.plainCrm');
    await vscode.commands.executeCommand('workbench.action.quickOpen', '>Plain CRM: ');
    await new Promise((resolve) => setTimeout(resolve, 800));
    await screenshot('russian-ui');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });
});
