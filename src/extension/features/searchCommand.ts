// "Search clients": a quick pick that searches as you type. The text is a query (PRODUCT.md §3):
// its free words are ranked by the full-text index, its field terms filter. Each result shows the
// name, stage and company and the snippet around the match; choosing one opens the record there.
import * as vscode from 'vscode';
import { formatQueryError } from '../../core/query';
import { recordName, recordStage, recordString } from '../../core/recordFields';
import { hitPosition } from '../../core/search/hitLocation';
import { searchWithQuery } from '../../core/search/querySearch';
import type { SearchHit } from '../../core/search/searchIndex';
import { recordUri } from '../clientItem';
import type { FeatureContext } from '../featureContext';

const RESULT_LIMIT = 50;
/** Typing faster than this does not search for every keystroke. */
const DEBOUNCE_MS = 60;

export interface SearchItem extends vscode.QuickPickItem {
  hit?: SearchHit;
}

/** The search quick pick while it is open (for the integration tests). */
export interface SearchPickHandle {
  pick: vscode.QuickPick<SearchItem>;
  /** Resolves when the results for the current text are shown. */
  settled(): Promise<void>;
}

function stageLabel(ctx: FeatureContext, id: string): string {
  return ctx.store.config.stages.find((s) => s.id === id)?.label ?? id;
}

export function searchItems(ctx: FeatureContext, hits: readonly SearchHit[]): SearchItem[] {
  return hits.map((hit): SearchItem => {
    const record = ctx.store.byFile(hit.file);
    const name = record ? recordName(record) : hit.id;
    const parts = record ? [stageLabel(ctx, recordStage(record, ctx.store.config)), recordString(record, 'company')] : [];
    if (record?.archived) parts.push(vscode.l10n.t('archived'));
    return {
      label: `$(account) ${name}`,
      description: parts.filter((p) => p !== undefined && p !== '').join(' · '),
      detail: hit.snippet === '' ? hit.file : `${hit.field}: ${hit.snippet}`,
      // The quick pick's own filter would hide hits found by stem or by a field term.
      alwaysShow: true,
      hit,
    };
  });
}

async function openHit(ctx: FeatureContext, hit: SearchHit): Promise<void> {
  const record = ctx.store.byFile(hit.file);
  const uri = record ? recordUri(ctx, record) : vscode.Uri.joinPath(vscode.Uri.file(ctx.store.root), hit.file);
  const document = await vscode.workspace.openTextDocument(uri);
  const { line, column } = hitPosition(document.getText(), hit.file, hit);
  const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position) });
}

export function registerSearchCommand(ctx: FeatureContext): vscode.Disposable[] {
  const command = vscode.commands.registerCommand('plainCrm.searchClients', async (initial?: string) => {
    const pick = vscode.window.createQuickPick<SearchItem>();
    pick.title = vscode.l10n.t('Search clients');
    pick.placeholder = vscode.l10n.t('Words, or a query: москва tag:vip stage:proposal');
    pick.matchOnDescription = false;
    pick.matchOnDetail = false;
    pick.value = typeof initial === 'string' ? initial : '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One promise per burst of typing: a keystroke that restarts the debounce keeps the promise
    // the previous one handed out, so whoever waits on it sees the results of the latest text.
    let pending: Promise<void> = Promise.resolve();
    let finish: (() => void) | undefined;
    const update = async (): Promise<void> => {
      const text = pick.value;
      if (!ctx.queries.isIndexReady) {
        pick.busy = true;
        pick.items = [{ label: vscode.l10n.t('Indexing…'), alwaysShow: true }];
      }
      const index = await ctx.queries.searchIndex();
      if (text !== pick.value) return;
      pick.busy = false;
      if (text.trim() === '') {
        pick.items = [];
        return;
      }
      const outcome = searchWithQuery(index, ctx.store.clients({ includeArchived: true }), text, ctx.queries.computeContext(), { limit: RESULT_LIMIT });
      if (!outcome.ok) {
        pick.items = [{ label: `$(error) ${formatQueryError(outcome.error, text)}`, alwaysShow: true }];
        return;
      }
      const items = searchItems(ctx, outcome.result.hits);
      pick.items = items.length > 0 ? items : [{ label: vscode.l10n.t('No clients match'), alwaysShow: true }];
    };
    const schedule = (): void => {
      if (timer) clearTimeout(timer);
      if (!finish) pending = new Promise<void>((resolve) => (finish = resolve));
      timer = setTimeout(() => {
        timer = undefined;
        const settle = (): void => {
          // A newer keystroke re-armed the timer while this search ran: its run will settle.
          if (timer) return;
          finish?.();
          finish = undefined;
        };
        update().then(settle, (error: unknown) => {
          ctx.output().appendLine(`search failed: ${error instanceof Error ? error.message : String(error)}`);
          settle();
        });
      }, DEBOUNCE_MS);
    };

    const disposables: vscode.Disposable[] = [
      pick.onDidChangeValue(schedule),
      pick.onDidAccept(() => {
        const hit = pick.selectedItems[0]?.hit;
        if (!hit) return;
        pick.hide();
        void openHit(ctx, hit);
      }),
      pick.onDidHide(() => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        finish?.();
        finish = undefined;
        ctx.exports.searchPick = undefined;
        for (const d of disposables) d.dispose();
        pick.dispose();
      }),
    ];
    ctx.exports.searchPick = { pick, settled: () => pending };
    schedule();
    pick.show();
  });
  return [command];
}
