// "1 day", "3 days"; in Russian "1 день", "3 дня", "5 дней". VS Code's l10n has no plurals, so
// the plural category of the display language picks one of four strings.
import * as vscode from 'vscode';

let rules: Intl.PluralRules | undefined;

export function dayCount(count: number): string {
  rules ??= new Intl.PluralRules(vscode.env.language);
  switch (rules.select(count)) {
    case 'one':
      return vscode.l10n.t('{0} day', count);
    case 'few':
      return vscode.l10n.t('{0} days (2–4)', count);
    case 'many':
      return vscode.l10n.t('{0} days (5+)', count);
    default:
      return vscode.l10n.t('{0} days', count);
  }
}
