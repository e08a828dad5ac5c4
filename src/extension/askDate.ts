// The date quick pick of Next action, Add task and Reschedule: offsets from today with the date
// they land on, then "Pick a date…" for a typed one.
import * as vscode from 'vscode';
import { nextActionDate } from '../core/actions/recordActions';
import type { FeatureContext } from './featureContext';

export interface DateOffset {
  amount: number;
  unit: 'd' | 'w' | 'm';
}

export interface AskDateOptions {
  title: string;
  inputTitle: string;
  /** Offers "none" first (the answer is then `null`). */
  noneLabel?: string;
}

function offsetLabel(amount: number, unit: DateOffset['unit']): string {
  if (unit === 'd') return amount === 1 ? vscode.l10n.t('Tomorrow') : vscode.l10n.t('In {0} days', amount);
  if (unit === 'w') return amount === 1 ? vscode.l10n.t('In a week') : vscode.l10n.t('In {0} weeks', amount);
  return amount === 1 ? vscode.l10n.t('In a month') : vscode.l10n.t('In {0} months', amount);
}

/** An ISO date, `null` for "none", `undefined` when the user cancels. */
export async function askDate(ctx: FeatureContext, offsets: readonly DateOffset[], options: AskDateOptions): Promise<string | null | undefined> {
  const today = ctx.today();
  // `date`: an ISO date, `null` for "none", `undefined` for "let me type one".
  type Item = vscode.QuickPickItem & { date: string | null | undefined };
  const items: Item[] = offsets.map((o) => {
    const date = nextActionDate(today, o) ?? null;
    return { label: offsetLabel(o.amount, o.unit), description: date ?? '', date };
  });
  items.push({ label: vscode.l10n.t('Pick a date…'), date: undefined });
  if (options.noneLabel !== undefined) items.unshift({ label: options.noneLabel, date: null });
  const picked = await vscode.window.showQuickPick(items, { title: options.title });
  if (!picked) return undefined;
  if (picked.date !== undefined) return picked.date;
  return vscode.window
    .showInputBox({
      title: options.inputTitle,
      prompt: 'YYYY-MM-DD',
      value: today,
      validateInput: (text) => (nextActionDate(today, text.trim()) === undefined ? vscode.l10n.t('A date as YYYY-MM-DD') : undefined),
    })
    .then((text) => (text === undefined ? undefined : text.trim()));
}
