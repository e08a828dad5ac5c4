// Workspace Trust (PRODUCT.md §6): in Restricted Mode Plain CRM reads and shows (views, search,
// statistics, the dashboard, diagnostics) but changes no file. Every command that writes is
// registered here, so the refusal is one place; package.json gives the same commands
// `"enablement": "isWorkspaceTrusted"` so menus and the palette grey them out too.
import * as vscode from 'vscode';

/** True when files may be written; otherwise says why (once per call) and returns false. */
export function writesAllowed(): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  void vscode.window
    .showWarningMessage(vscode.l10n.t('Plain CRM changes no files in Restricted Mode. Trust this folder to edit records, create invoices or export.'), manage)
    .then((choice) => choice === manage && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}

/** `registerCommand` for a command that writes files: refused, with the reason, in Restricted Mode. */
export function registerWriteCommand(id: string, handler: (...args: never[]) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, (...args: unknown[]) => (writesAllowed() ? (handler as (...a: unknown[]) => unknown)(...args) : undefined));
}
