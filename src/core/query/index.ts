// The query language's public API: one parser and one evaluator for the extension, the CLI and
// saved segments (PRODUCT.md §3/§9).
//
//   const parsed = parseQuery('tag:vip value:>=50000');      // never throws
//   const ctx = createComputeContext(clients, invoices, config, today);
//   const found = runQuery(parsed.ast, store.clients({ includeArchived: true }), ctx);
//
// Archived records are left out unless the query mentions `is:archived`; pass them in anyway so
// `is:archived` can find them.
import type { ComputeContext } from '../computed';
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import { compileNode, mentionsArchived, type RecordPredicate } from './evaluate';
import { parseQuery, type QueryError, type QueryNode } from './parser';

export { parseQuery, MAX_NESTING, IS_SHORTCUTS } from './parser';
export type {
  CompareOp,
  FieldRef,
  IsShortcut,
  Operand,
  ParseResult,
  QueryError,
  QueryNode,
  SourceSpan,
  ValueNode,
} from './parser';
export { getField, mentionsArchived } from './evaluate';
export type { RecordPredicate } from './evaluate';

/** A query compiled for one context: relative dates resolved, values normalized. */
export interface CompiledQuery {
  readonly ast: QueryNode;
  /** The query mentions `is:archived`, so archived records are in scope. */
  readonly includesArchived: boolean;
  /** The query's own test, without the archived rule (that is `run`'s job). */
  matches(record: CrmRecord): boolean;
  /** The matching records in their given order, archived ones left out unless asked for. */
  run(records: readonly CrmRecord[]): CrmRecord[];
}

export type CompileResult = { ok: true; query: CompiledQuery } | { ok: false; error: QueryError };

/** A bad query passed to `runQuery` as text: a typed error with the column, never a bare string. */
export class QuerySyntaxError extends Error {
  readonly column: number;
  readonly expected: string;
  readonly error: QueryError;

  constructor(error: QueryError) {
    super(error.message);
    this.name = 'QuerySyntaxError';
    this.column = error.column;
    this.expected = error.expected;
    this.error = error;
  }
}

/** The one-line form the CLI prints on stderr: `column 10: expected a number (value:>=abc)`. */
export function formatQueryError(error: QueryError, query?: string): string {
  if (query === undefined) return t('column {0}: expected {1}', error.column, error.expected);
  return t('column {0}: expected {1} ({2})', error.column, error.expected, query.slice(error.start, error.end).trim() || t('end of query'));
}

/** Compiles a query (text or an AST from `parseQuery`) against a context. Never throws. */
export function compileQuery(query: string | QueryNode, ctx: ComputeContext): CompileResult {
  let ast: QueryNode;
  if (typeof query === 'string') {
    const parsed = parseQuery(query);
    if (!parsed.ok) return parsed;
    ast = parsed.ast;
  } else {
    ast = query;
  }
  const predicate = compileNode(ast, ctx);
  const includesArchived = mentionsArchived(ast);
  return {
    ok: true,
    query: {
      ast,
      includesArchived,
      matches: predicate,
      run(records) {
        const found: CrmRecord[] = [];
        for (const record of records) {
          if (record.archived && !includesArchived) continue;
          if (predicate(record)) found.push(record);
        }
        return found;
      },
    },
  };
}

/**
 * The records matching `query`, in their given order; archived records only when the query
 * mentions `is:archived`. A query given as text that does not parse throws `QuerySyntaxError`
 * (call `parseQuery` first to get the error as a value).
 */
export function runQuery(query: string | QueryNode, records: readonly CrmRecord[], ctx: ComputeContext): CrmRecord[] {
  const compiled = compileQuery(query, ctx);
  if (!compiled.ok) throw new QuerySyntaxError(compiled.error);
  return compiled.query.run(records);
}

// `matches` is called per record by views; compiling each time would redo the date resolution
// and pattern building, so the predicate is remembered per AST for the last context it saw.
const predicates = new WeakMap<QueryNode, { ctx: ComputeContext; predicate: RecordPredicate }>();

/**
 * True when one record satisfies the query's terms. It does not apply the archived rule: a
 * caller that tests records one by one decides about archived records itself (`mentionsArchived`).
 */
export function matches(ast: QueryNode, record: CrmRecord, ctx: ComputeContext): boolean {
  let entry = predicates.get(ast);
  if (!entry || entry.ctx !== ctx) {
    entry = { ctx, predicate: compileNode(ast, ctx) };
    predicates.set(ast, entry);
  }
  return entry.predicate(record);
}
