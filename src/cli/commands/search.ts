import type { Command } from 'commander';
import { createComputeContext } from '../../core/computed';
import { t } from '../../core/i18n';
import { formatQueryError } from '../../core/query';
import { recordName } from '../../core/recordFields';
import { searchWithQuery } from '../../core/search/querySearch';
import { loadOrBuildIndex, writeIndexCache } from '../../core/search/indexCache';
import type { SearchHit } from '../../core/search/searchIndex';
import type { WorkspaceStore } from '../../core/store';
import { chooseFormat, cliCacheFile, formatsHelp, type CliContext } from '../context';
import { UsageError } from '../usageError';

const FORMATS = ['text', 'json'] as const;

interface SearchOptions {
  limit?: string;
  fuzzy?: boolean;
}

export async function searchHits(store: WorkspaceStore, text: string, today: string, limit: number, fuzzy: boolean, cacheFile?: string): Promise<SearchHit[]> {
  const clients = store.clients({ includeArchived: true });
  const ctx = createComputeContext(clients, store.invoices(), store.config, today, store.campaigns());
  const { index, stale } = await loadOrBuildIndex(cacheFile, clients);
  const outcome = searchWithQuery(index, clients, text, ctx, { limit, fuzzy });
  if (!outcome.ok) throw new UsageError(formatQueryError(outcome.error, text));
  // Rewritten when it was rebuilt or re-indexed changed records, so the next search starts warm.
  if (cacheFile && stale) await writeIndexCache(cacheFile, index);
  return outcome.result.hits;
}

function parseLimit(text: string | undefined): number {
  if (text === undefined) return 20;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(t('--limit: "{0}" is not a positive whole number', text));
  return n;
}

export function registerSearch(program: Command, context: () => CliContext): void {
  program
    .command('search')
    .argument('<text>', t('words to find in every field and the notes; query terms (tag:vip) filter the hits'))
    .description(t('full-text search over every client, best match first'))
    .option('--limit <n>', t('at most this many hits (default: 20)'))
    .option('--no-fuzzy', t('do not match misspelled words'))
    .addHelpText('after', `${formatsHelp(FORMATS)}\n${t('Examples:')}\n  plain-crm search москва\n  plain-crm search 'лендинг stage:proposal' --format json`)
    .action(async (text: string, options: SearchOptions) => {
      const ctx = context();
      const format = chooseFormat(ctx.format, FORMATS, 'search');
      const limit = parseLimit(options.limit);
      const store = await ctx.loadStore();
      const hits = await searchHits(store, text, ctx.today, limit, options.fuzzy !== false, cliCacheFile(ctx.root, 'search-index.json'));
      if (format === 'json') {
        const json = hits.map(({ id, file, score, snippet }) => ({ id, file, score: Math.round(score * 1000) / 1000, snippet }));
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      const lines = hits.map((hit) => {
        const record = store.byFile(hit.file);
        const where = hit.line === undefined ? hit.file : `${hit.file}:${hit.line}`;
        const name = record ? recordName(record) : hit.id;
        return `${name}  ${where}${hit.snippet ? `\n    ${hit.field}: ${hit.snippet}` : ''}`;
      });
      lines.push(hits.length === 0 ? t('no matches') : hits.length === 1 ? t('{0} match', hits.length) : t('{0} matches', hits.length));
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
