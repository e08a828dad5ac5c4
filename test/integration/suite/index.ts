// The extension-tests entry: VS Code require()s this file inside the extension host and awaits
// run(). Mocha 11 (CommonJS) runs every *.test.js beside it. When the tests are done, the Plain CRM
// view is brought to the front and, under test/integration/run.mjs, the runner takes its
// screenshot before run() returns (once it returns, the extension host stops and the view empties).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20000, reporter: 'spec' });
  const grep = process.env['PLAIN_CRM_TEST_GREP'];
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.resolve(__dirname, file));
  }
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  await showPipeline();
  await screenshotHandshake();
  if (failures > 0) throw new Error(`${failures} test${failures === 1 ? '' : 's'} failed`);
}

/** Under the runner: ask it for a screenshot (a log line it watches for) and wait for its answer (a file). */
async function screenshotHandshake(): Promise<void> {
  const dir = process.env['PLAIN_CRM_IT_HANDSHAKE'];
  if (!dir) return;
  const done = path.join(dir, 'screenshot.done');
  console.log(`@@plain-crm:screenshot ${done}`);
  const deadline = Date.now() + 15000;
  while (!fs.existsSync(done) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** The screenshot's scene: a record open beside the Pipeline view, nothing else in the way. */
async function showPipeline(): Promise<void> {
  try {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    const folder = vscode.workspace.workspaceFolders?.[0];
    const record = folder && vscode.Uri.joinPath(folder.uri, 'clients', 'anna-smirnova.md');
    if (record && fs.existsSync(record.fsPath)) await vscode.window.showTextDocument(record, { preview: false });
    await vscode.commands.executeCommand('workbench.view.extension.plainCrm');
    await vscode.commands.executeCommand('plainCrm.pipeline.focus');
  } catch {
    // A screenshot of whatever is open is still useful.
  }
}
