// Typing a record: suggestions for `stage`, `tags`, `source`, `owner`, `city`, `lost_reason`, an
// invoice's `client` and catalogue ids after `item:` (core/complete), and hovers on an invoice's
// `client:` (the client) and on an `item:` that names a catalogue service (the service).
import * as vscode from 'vscode';
import { findService, serviceSummary } from '../../core/catalog';
import { completionContext, completionValues } from '../../core/complete/frontMatterCompletion';
import { stringifyString } from '../../core/edit/yamlScalar';
import { formatMoney } from '../../core/money';
import { formatOf } from '../../core/parse/recordText';
import { recordName, recordStage, recordString, recordValue } from '../../core/recordFields';
import { recordUri } from '../clientItem';
import type { FeatureContext } from '../featureContext';
import { workspaceFile } from '../workspaceFile';

const SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', language: 'yaml' },
];

function recordKind(ctx: FeatureContext, document: vscode.TextDocument): { file: string; kind: 'client' | 'invoice' } | undefined {
  const file = workspaceFile(ctx.store.root, document.uri);
  if (file === undefined) return undefined;
  const kind = ctx.store.kindOf(file);
  return kind === 'client' || kind === 'invoice' ? { file, kind } : undefined;
}

export function registerRecordCompletion(ctx: FeatureContext): vscode.Disposable[] {
  const completion = vscode.languages.registerCompletionItemProvider(
    SELECTOR,
    {
      provideCompletionItems(document, position) {
        const target = recordKind(ctx, document);
        if (!target) return undefined;
        const context = completionContext(document.getText(), document.offsetAt(position), formatOf(target.file) ?? 'md', target.kind);
        if (!context) return undefined;
        const range = new vscode.Range(position.translate(0, -context.prefix.length), position);
        return completionValues(context.field, ctx.store.clients(), ctx.store.config, ctx.store.catalog, ctx.locale()).map((v, i) => {
          const item = new vscode.CompletionItem(v.value, context.field === 'stage' ? vscode.CompletionItemKind.EnumMember : context.field === 'item' ? vscode.CompletionItemKind.Constant : vscode.CompletionItemKind.Value);
          item.detail = v.detail;
          // Quoted when YAML would read the bare text as something else (`yes`, `1,5`, `#x`).
          item.insertText = stringifyString(v.value, context.flow ? 'flow' : 'block');
          item.filterText = v.value;
          item.range = range;
          item.sortText = String(i).padStart(5, '0');
          return item;
        });
      },
    },
    ':',
    ' ',
    ',',
    '[',
  );

  const hover = vscode.languages.registerHoverProvider(SELECTOR, {
    provideHover(document, position) {
      const target = recordKind(ctx, document);
      if (!target) return undefined;
      const line = document.lineAt(position.line).text;
      const service = serviceHover(ctx, line, position);
      if (service || target.kind !== 'invoice') return service;
      const m = /^client:[ \t]*["']?([^"'\s#]+)/.exec(line);
      if (!m) return undefined;
      const client = ctx.store.get(m[1]!);
      const range = new vscode.Range(position.line, line.indexOf(m[1]!), position.line, line.indexOf(m[1]!) + m[1]!.length);
      if (!range.contains(position)) return undefined;
      if (!client) return new vscode.Hover(vscode.l10n.t('No client record "{0}".', m[1]!), range);
      const text = new vscode.MarkdownString(undefined, true);
      text.appendMarkdown(`**[${escapeMarkdown(recordName(client))}](${recordUri(ctx, client).toString()})**`);
      const company = recordString(client, 'company');
      if (company) text.appendMarkdown(` · ${escapeMarkdown(company)}`);
      const value = recordValue(client);
      text.appendMarkdown(`\n\n${escapeMarkdown(recordStage(client, ctx.store.config))}${value === undefined ? '' : ` · ${escapeMarkdown(formatMoney(value, ctx.store.config.currency, ctx.locale()))}`} · \`${client.file}\``);
      return new vscode.Hover(text, range);
    },
  });
  return [completion, hover];
}

/** The service an `item: <id>` under the cursor names (purchases, invoice items), as a hover. */
function serviceHover(ctx: FeatureContext, line: string, position: vscode.Position): vscode.Hover | undefined {
  for (const m of line.matchAll(/(?:^|[\s{,])item:[ \t]*["']?([^"'\s#,{}[\]]+)/g)) {
    const start = m.index + m[0].length - m[1]!.length;
    const range = new vscode.Range(position.line, start, position.line, start + m[1]!.length);
    if (!range.contains(position)) continue;
    const service = findService(ctx.store.catalog, m[1]!);
    if (!service) return undefined;
    const text = new vscode.MarkdownString();
    text.appendMarkdown(`**${escapeMarkdown(service.id)}** · ${escapeMarkdown(serviceSummary(service, ctx.store.config.currency, ctx.locale()))}`);
    return new vscode.Hover(text, range);
  }
  return undefined;
}

/** Record text shown as Markdown: nothing in it may become a link, an image or HTML. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (ch) => `\\${ch}`);
}
