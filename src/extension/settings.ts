// The user's own settings (`plainCrm.*` in VS Code's settings), as opposed to the workspace's
// `.crm/config.yaml` that the team shares: read in one place, with their types and defaults.
import * as vscode from 'vscode';

export interface UserSettings {
  /** Overrides the workspace's `locale` for money, numbers and dates on this machine. */
  locale: string | undefined;
  /** Written as `owner` of the clients this user creates. */
  defaultOwner: string | undefined;
  /** Ask before an export replaces a file of the same name. */
  confirmReplaceExport: boolean;
  /** Show what a playbook will add before a change fires it. */
  confirmPlaybooks: boolean;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

export function userSettings(): UserSettings {
  const config = vscode.workspace.getConfiguration('plainCrm');
  return {
    locale: text(config.get('locale')),
    defaultOwner: text(config.get('defaultOwner')),
    confirmReplaceExport: config.get('confirmReplaceExport') !== false,
    confirmPlaybooks: config.get('confirmPlaybooks') !== false,
  };
}
