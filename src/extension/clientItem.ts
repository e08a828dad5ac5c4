// How a client looks in every tree (Pipeline, Segments, Needs attention): name, company, a tooltip
// with contacts, value and next action, and a click that opens the record.
import * as vscode from 'vscode';
import type { CrmRecord } from '../core/model';
import { formatMoney } from '../core/money';
import { recordCurrency, recordName, recordString, recordValue } from '../core/recordFields';
import { daysSinceContact, isOverdueAction, isStale } from '../core/rules';
import { dayCount } from './dayCount';
import type { FeatureContext } from './featureContext';

export function recordUri(ctx: FeatureContext, record: CrmRecord): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.file(ctx.store.root), record.file);
}

/** A tree item for one client; `id` must be unique within its tree. */
export function clientTreeItem(record: CrmRecord, ctx: FeatureContext, id: string): vscode.TreeItem {
  const item = new vscode.TreeItem(recordName(record), vscode.TreeItemCollapsibleState.None);
  item.id = id;
  const company = recordString(record, 'company');
  if (company !== undefined) item.description = company;
  const uri = recordUri(ctx, record);
  item.resourceUri = uri;
  item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri] };
  item.contextValue = 'plainCrm.client';
  const today = ctx.today();
  const overdue = isOverdueAction(record, today, ctx.store.config);
  const stale = isStale(record, ctx.store.config, today);
  item.iconPath = overdue
    ? new vscode.ThemeIcon('bell-dot', new vscode.ThemeColor('list.warningForeground'))
    : stale
      ? new vscode.ThemeIcon('history', new vscode.ThemeColor('list.warningForeground'))
      : new vscode.ThemeIcon('account');
  const lines = [record.file];
  if (overdue) lines.push(vscode.l10n.t('Next action is overdue'));
  if (stale) lines.push(vscode.l10n.t('No contact for {0}', dayCount(daysSinceContact(record, today) ?? 0)));
  for (const field of ['email', 'phone', 'city']) {
    const text = recordString(record, field);
    if (text !== undefined) lines.push(text);
  }
  const value = recordValue(record);
  if (value !== undefined) lines.push(formatMoney(value, recordCurrency(record, ctx.store.config), ctx.locale()));
  const computed = ctx.queries.computeContext();
  const score = computed.field(record, 'score');
  if (score !== undefined) {
    const band = computed.field(record, 'band');
    lines.push(band === undefined ? vscode.l10n.t('Score {0}', score) : vscode.l10n.t('Score {0} ({1})', score, band));
  }
  const inStage = computed.field(record, 'days_in_stage');
  if (inStage !== undefined) lines.push(vscode.l10n.t('In this stage for {0}', dayCount(inStage)));
  const next = record.data.next_action;
  if (next && typeof next === 'object' && typeof next.what === 'string') {
    lines.push(vscode.l10n.t('Next: {0} {1}', typeof next.date === 'string' ? next.date : '', next.what).replace(/\s+/g, ' '));
  }
  item.tooltip = lines.join('\n');
  return item;
}
