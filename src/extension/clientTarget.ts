// Which client(s) a command acts on: the tree items it was invoked on (one or a multi-selection),
// a record's URI (explorer, editor title), the record in the active editor, or else one picked
// from a list. Records are looked up again by file, so a command never edits a stale snapshot.
import * as vscode from 'vscode';
import type { CrmRecord } from '../core/model';
import { recordName, recordStage, recordString } from '../core/recordFields';
import type { FeatureContext } from './featureContext';
import { workspaceFile } from './workspaceFile';

/** Anything a tree node of ours or a caller may hand to a command. */
export type ClientTarget = { record?: CrmRecord } | vscode.Uri | string | undefined;

function fileOf(ctx: FeatureContext, target: ClientTarget): string | undefined {
  if (target === undefined) return undefined;
  if (typeof target === 'string') return target;
  if (target instanceof vscode.Uri) return workspaceFile(ctx.store.root, target);
  return target.record?.file;
}

function clientByFile(ctx: FeatureContext, file: string | undefined): CrmRecord | undefined {
  const record = file === undefined ? undefined : ctx.store.byFile(file);
  return record?.kind === 'client' ? record : undefined;
}

/** The client in the active editor, if it shows one. */
export function activeClient(ctx: FeatureContext): CrmRecord | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri ? clientByFile(ctx, fileOf(ctx, uri)) : undefined;
}

/**
 * The clients a command was invoked on. VS Code passes `(clicked, selected[])` for tree items:
 * the selection wins when it includes the clicked item. Falls back to the active editor's record,
 * then to a quick pick (`pickTitle`); empty when the user cancels.
 */
export async function targetClients(ctx: FeatureContext, clicked: ClientTarget, selected: unknown, pickTitle: string): Promise<CrmRecord[]> {
  const many = Array.isArray(selected) ? (selected as ClientTarget[]) : [];
  const chosen = (many.length > 0 ? many : [clicked]).map((t) => clientByFile(ctx, fileOf(ctx, t))).filter((r): r is CrmRecord => r !== undefined);
  if (chosen.length > 0) return chosen;
  if (clicked === undefined) {
    const active = activeClient(ctx);
    if (active) return [active];
  }
  const picked = await pickClient(ctx, pickTitle);
  return picked ? [picked] : [];
}

export async function pickClient(ctx: FeatureContext, title: string, records = ctx.store.clients()): Promise<CrmRecord | undefined> {
  const items = records.map((record) => ({
    label: recordName(record),
    description: [recordStage(record, ctx.store.config), recordString(record, 'company')].filter(Boolean).join(' · '),
    record,
  }));
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDescription: true });
  return picked?.record;
}
