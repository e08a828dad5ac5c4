// One search box for both languages (PRODUCT.md §4 "Search"): the input is a query (§3), its
// free-text words are ranked by the full-text index (BM25, prefix and fuzzy), and its structured
// terms filter the hits. `stage:proposal москва` finds the proposals that mention Moscow, best
// first; `stage:proposal` alone lists the proposals by name; a bad query is an error value.
import type { ComputeContext } from '../computed';
import type { CrmRecord } from '../model';
import { compileQuery, type QueryError, type QueryNode } from '../query';
import { compareText } from '../query/results';
import { recordName } from '../recordFields';
import { DEFAULT_SEARCH_LIMIT, type SearchHit, type SearchIndex } from './searchIndex';

export interface QuerySearchOptions {
  /** At most this many hits. Default `DEFAULT_SEARCH_LIMIT`. */
  limit?: number;
  /** Misspelled words may match (the search box does; `query` never does). Default true. */
  fuzzy?: boolean;
}

export interface QuerySearchResult {
  hits: SearchHit[];
  /** The words that were ranked by the index; empty when the input had only structured terms. */
  rankedText: string;
}

export type QuerySearchOutcome = { ok: true; result: QuerySearchResult } | { ok: false; error: QueryError };

/**
 * Splits a parsed query into the unquoted free-text words at its top level (ranked by the index)
 * and the rest (a filter). Words under `OR` or `-` stay in the filter: their meaning depends on
 * their neighbours, which a ranking cannot express. Quoted phrases stay in the filter too, since
 * the index does not check that words are adjacent; their words are also ranked.
 */
export function splitFreeText(ast: QueryNode): { words: string[]; filter: QueryNode } {
  const children = ast.type === 'and' ? ast.children : [ast];
  const words: string[] = [];
  const rest: QueryNode[] = [];
  for (const child of children) {
    if (child.type === 'text') {
      words.push(child.text);
      if (child.quoted) rest.push(child);
    } else {
      rest.push(child);
    }
  }
  const span = { start: ast.start, end: ast.end, column: ast.column };
  const filter: QueryNode = rest.length === 0 ? { type: 'all', ...span } : rest.length === 1 ? rest[0]! : { type: 'and', children: rest, ...span };
  return { words, filter };
}

/**
 * Runs `input` over `records` (all clients, archived included: the query decides, as everywhere).
 * With free-text words the hits come ranked from `index`; without, every match is a hit with score
 * 0, sorted by name, and no snippet.
 */
export function searchWithQuery(
  index: SearchIndex,
  records: readonly CrmRecord[],
  input: string,
  ctx: ComputeContext,
  options: QuerySearchOptions = {},
): QuerySearchOutcome {
  const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
  const whole = compileQuery(input, ctx);
  if (!whole.ok) return whole;
  const { words, filter } = splitFreeText(whole.query.ast);
  const compiled = compileQuery(filter, ctx);
  if (!compiled.ok) return compiled;
  const includesArchived = whole.query.includesArchived;
  if (words.length > 0) {
    const byFile = new Map<string, CrmRecord>();
    for (const record of records) byFile.set(record.file, record);
    const keep = (file: string): boolean => {
      const record = byFile.get(file);
      return record !== undefined && (includesArchived || !record.archived) && compiled.query.matches(record);
    };
    const rankedText = words.join(' ');
    return { ok: true, result: { hits: index.search(rankedText, { limit, fuzzy: options.fuzzy ?? true, filter: keep }), rankedText } };
  }
  const found = compiled.query
    .run(records)
    .map((record) => ({ record, name: recordName(record) }))
    .sort((a, b) => compareText(a.name, b.name) || (a.record.file < b.record.file ? -1 : 1))
    .slice(0, limit);
  const hits = found.map(({ record }): SearchHit => ({ id: record.id, file: record.file, score: 0, snippet: '', highlights: [], field: 'name' }));
  return { ok: true, result: { hits, rankedText: '' } };
}
