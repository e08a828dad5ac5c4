// "My Clients": the views show only the clients whose `owner` is you — `git config user.email`,
// the identity a team already shares through git. The choice is kept per workspace.
import * as vscode from 'vscode';
import type { FeatureContext } from '../featureContext';
import { gitEmail } from '../gitIdentity';

const STATE_KEY = 'plainCrm.myClients';
const CONTEXT_KEY = 'plainCrm.myClients';

export function registerMyClients(ctx: FeatureContext): vscode.Disposable[] {
  const apply = async (email: string | undefined): Promise<void> => {
    ctx.queries.setOwnerFilter(email);
    await ctx.extension.workspaceState.update(STATE_KEY, email);
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY, email !== undefined);
  };
  const saved = ctx.extension.workspaceState.get<string>(STATE_KEY);
  void apply(saved);

  const mine = vscode.commands.registerCommand('plainCrm.showMyClients', async (emailArg?: string) => {
    let email = emailArg ?? (await gitEmail(ctx.store.root));
    email ??= await vscode.window.showInputBox({
      title: vscode.l10n.t('My clients'),
      prompt: vscode.l10n.t('git has no user.email here. Your e-mail as written in the owner field:'),
    });
    if (email === undefined || email.trim() === '') return undefined;
    await apply(email.trim());
    return email.trim();
  });
  const all = vscode.commands.registerCommand('plainCrm.showAllClients', () => apply(undefined));
  return [mine, all];
}
