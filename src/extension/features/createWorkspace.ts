// "Create Plain CRM Workspace": turns the open folder into a workspace (.crm/config.yaml, saved
// segments, one sample client) as one undoable edit. Never over an existing workspace.
import * as vscode from 'vscode';
import { starterFiles } from '../../core/actions/newWorkspace';
import { CONFIG_FILE, defaultConfig } from '../../core/config';
import type { FeatureContext } from '../featureContext';
import { registerWriteCommand } from '../trust';

export function registerCreateWorkspace(ctx: FeatureContext): vscode.Disposable[] {
  return [
    registerWriteCommand('plainCrm.createWorkspace', async (): Promise<string[] | undefined> => {
      const root = vscode.Uri.file(ctx.store.root);
      const config = vscode.Uri.joinPath(root, '.crm', 'config.yaml');
      try {
        await vscode.workspace.fs.stat(config);
        void vscode.window.showInformationMessage(vscode.l10n.t('This folder is already a Plain CRM workspace (.crm/config.yaml exists).'));
        return undefined;
      } catch {
        // No config yet: create one.
      }
      const files = starterFiles(defaultConfig(), ctx.today());
      const edit = new vscode.WorkspaceEdit();
      const metadata = { label: vscode.l10n.t('Create Plain CRM workspace'), needsConfirmation: false };
      for (const [file, text] of Object.entries(files)) {
        edit.createFile(vscode.Uri.joinPath(root, file), { contents: new TextEncoder().encode(text), ignoreIfExists: true }, metadata);
      }
      if (!(await vscode.workspace.applyEdit(edit))) {
        void vscode.window.showErrorMessage(vscode.l10n.t('VS Code did not create the workspace files.'));
        return undefined;
      }
      // Stages and folders come from the new config: everything reloads and every view hears it.
      await ctx.store.updateFile(CONFIG_FILE);
      const client = Object.keys(files).find((f) => f.endsWith('.md'))!;
      await vscode.window.showTextDocument(vscode.Uri.joinPath(root, client), { preview: false });
      await vscode.commands.executeCommand('workbench.view.extension.plainCrm');
      return Object.keys(files);
    }),
  ];
}
