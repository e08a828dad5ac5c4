// Event playbooks in the editor: before a change that fires rules (a new client, a stage move)
// the user sees what they will add, and the rules' edits go into the same edit as the change,
// so one Undo takes both back.
import * as vscode from 'vscode';
import type { Firing } from '../core/playbooks/fire';
import { userSettings } from './settings';

/** «Сделка выиграна» will add 2 tasks and 1 tag. */
function firingText(firing: Firing): string {
  const parts: string[] = [];
  if (firing.tasks > 0) parts.push(firing.tasks === 1 ? vscode.l10n.t('1 task') : vscode.l10n.t('{0} tasks', firing.tasks));
  if (firing.nextActions > 0) parts.push(vscode.l10n.t('the next action'));
  if (firing.tags > 0) parts.push(firing.tags === 1 ? vscode.l10n.t('1 tag change') : vscode.l10n.t('{0} tag changes', firing.tags));
  return vscode.l10n.t('Playbook «{0}» will add {1}', firing.playbook.name, parts.join(', '));
}

/**
 * Asks whether the rules may apply: true to apply them with the change, false for the change
 * alone, undefined to cancel everything. Without firings, or with `plainCrm.confirmPlaybooks`
 * off, the rules apply without asking.
 */
export async function confirmFirings(firings: readonly Firing[], clients: number): Promise<boolean | undefined> {
  if (firings.length === 0 || !userSettings().confirmPlaybooks) return true;
  const lines = [...new Set(firings.map(firingText))];
  const apply = vscode.l10n.t('Apply');
  const without = vscode.l10n.t('Without the playbook');
  const message = clients === 1 ? lines.join('\n') : vscode.l10n.t('{0} (for {1} clients)', lines.join('\n'), clients);
  const answer = await vscode.window.showInformationMessage(message, { modal: true, detail: vscode.l10n.t('Undo takes the change and what the playbook added back together.') }, apply, without);
  if (answer === apply) return true;
  if (answer === without) return false;
  return undefined;
}
