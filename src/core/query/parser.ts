// The query grammar (PRODUCT.md §3/§9) into an AST whose nodes keep their source positions:
//   query   := orExpr EOF                      (an empty query matches every record)
//   orExpr  := andExpr ( "OR" andExpr )*
//   andExpr := unary ( ["AND"] unary )*        (implicit AND; `AND` is optional sugar)
//   unary   := "-" unary | primary             (`-` binds tightest)
//   primary := "(" orExpr ")" | term | word | "phrase"
// so `a b OR c` is `(a b) OR c`. Values are typed here (numbers, dates, ranges, `*` patterns) so
// a bad number or date is a parse error with a column, never a silent non-match; relative dates
// stay symbolic and are resolved against `today` when the query runs.
// Never throws on any input: errors are values, and nesting is bounded so a hostile query cannot
// overflow the stack.
import { LIFECYCLES } from '../computed';
import { type DateExpression, parseDateExpression } from '../dates';
import { t } from '../i18n';
import { isEmailToken, normalizeText, tokenize } from '../search/text';
import { lex, type RawValue, type Span, type Token } from './lexer';

/** Source position of a node: 0-based `start`/`end` (exclusive) and the 1-based `column` of `start`. */
export interface SourceSpan extends Span {
  column: number;
}

export type IsShortcut = 'stale' | 'overdue' | 'open' | 'archived';
export const IS_SHORTCUTS: readonly IsShortcut[] = ['stale', 'overdue', 'open', 'archived'];

export type CompareOp = '>' | '>=' | '<' | '<=' | '=';

export type Operand = SourceSpan & ({ type: 'number'; value: number } | { type: 'date'; date: DateExpression });

/** A field reference, normalized (NFC, lower case) with `tag` → `tags`, split on dots. */
export interface FieldRef {
  name: string;
  path: string[];
}

export type ValueNode =
  | (SourceSpan & {
      kind: 'equals';
      /** The value as written (quotes removed). */
      text: string;
      /** NFC, lower-cased, trimmed, `ё` → `е`: what field text is compared with. */
      normalized: string;
      quoted: boolean;
      /** Unquoted and contains `*`: a wildcard pattern over the normalized text. */
      pattern: boolean;
      /** The value read as a number, when it is one. */
      number?: number;
      /** The value read as a date (`2026-01-15`, `today-1w`), when it is one. */
      date?: DateExpression;
    })
  | (SourceSpan & { kind: 'compare'; op: CompareOp; operand: Operand })
  | (SourceSpan & { kind: 'range'; low?: Operand; high?: Operand });

export type QueryNode =
  | (SourceSpan & { type: 'all' })
  | (SourceSpan & { type: 'and'; children: QueryNode[] })
  | (SourceSpan & { type: 'or'; children: QueryNode[] })
  | (SourceSpan & { type: 'not'; child: QueryNode })
  | (SourceSpan & { type: 'field'; field: FieldRef; values: ValueNode[] })
  | (SourceSpan & { type: 'has'; present: boolean; fields: FieldRef[] })
  | (SourceSpan & { type: 'is'; shortcuts: IsShortcut[] })
  | (SourceSpan & {
      type: 'text';
      /** As written. */
      text: string;
      /** Normalized tokens that must match adjacent tokens of one field or the notes. */
      tokens: string[];
      quoted: boolean;
    });

export interface QueryError extends Span {
  /** 1-based column of the offending token (or of the point where something was expected). */
  column: number;
  /** `value:>=abc — expected a number at column 10`. */
  message: string;
  /** What would have been valid there: `a number`. */
  expected: string;
}

export type ParseResult = { ok: true; ast: QueryNode } | { ok: false; error: QueryError };

/** Deeper nesting than this is a parse error, not a stack overflow. Real queries nest 2–3 levels. */
export const MAX_NESTING = 64;

/** What an operand must be: a field's type, or a guess from how it looks. */
type OperandKind = 'date' | 'number' | 'either';

function expectedOperandText(kind: OperandKind): string {
  if (kind === 'date') return t('a date (YYYY-MM-DD or today±N(d|w|m|y))');
  if (kind === 'number') return t('a number');
  return t('a number or a date (YYYY-MM-DD or today±N(d|w|m|y))');
}

/** The same for a range written with nothing on either side of `..`. */
function expectedRangeText(kind: OperandKind): string {
  if (kind === 'date') return t('a date (YYYY-MM-DD or today±N(d|w|m|y)) on at least one side of ".."');
  if (kind === 'number') return t('a number on at least one side of ".."');
  return t('a number or a date (YYYY-MM-DD or today±N(d|w|m|y)) on at least one side of ".."');
}

const strayParen = (): string => t('a term, not a ")" without a matching "("');

// Fields whose comparisons must be dates or numbers; other fields accept either.
const DATE_FIELDS = new Set([
  'created',
  'last_contact',
  'birthday',
  'stage_since',
  'next_action.date',
  'consent.date',
  'last_purchase',
  'purchases.date',
  'date',
  'due',
  'paid_on',
]);
const NUMBER_FIELDS = new Set([
  'value',
  'orders',
  'revenue',
  'ltv',
  'avg_check',
  'days_since_contact',
  'days_in_stage',
  'days_to_birthday',
  'purchases.amount',
  'total',
  'tax',
]);

const NUMBER = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;

class ParseFailure {
  constructor(readonly error: QueryError) {}
}

function describe(text: string, span: Span): string {
  const snippet = text.slice(span.start, span.end).trim();
  return snippet === '' ? t('end of query') : snippet;
}

/** Builds the error value; `where` is the token named in the message, `at` the offset the column points at. */
export function queryError(text: string, where: Span, at: number, expected: string): QueryError {
  const column = at + 1;
  return { start: where.start, end: where.end, column, expected, message: t('{0} — expected {1} at column {2}', describe(text, where), expected, column) };
}

function span(start: number, end: number): SourceSpan {
  return { start, end, column: start + 1 };
}

export function fieldRef(raw: string): FieldRef {
  const name = normalizeText(raw);
  const path = name.split('.');
  if (path[0] === 'tag') path[0] = 'tags';
  return { name: path.join('.'), path };
}

/** A value read as a number: strictly decimal digits with an optional sign and fraction. */
export function parseNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
  ) {}

  private peek(): Token {
    // The token list always ends with `eof`, and `pos` never moves past it.
    return this.tokens[this.pos] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'eof') this.pos++;
    return token;
  }

  private fail(where: Span, at: number, expected: string): never {
    throw new ParseFailure(queryError(this.text, where, at, expected));
  }

  parse(): QueryNode {
    if (this.peek().type === 'eof') return { type: 'all', ...span(0, this.text.length) };
    const node = this.orExpr();
    const token = this.peek();
    if (token.type === 'rparen') this.fail(token, token.start, strayParen());
    if (token.type !== 'eof') this.fail(token, token.start, t('the end of the query'));
    return node;
  }

  private orExpr(): QueryNode {
    const first = this.peek();
    if (first.type === 'or') this.fail(first, first.start, t('a term before OR'));
    const children = [this.andExpr()];
    while (this.peek().type === 'or') {
      const or = this.next();
      const after = this.peek();
      if (!this.startsTerm(after)) this.fail(or, after.start, t('a term after OR'));
      children.push(this.andExpr());
    }
    return children.length === 1 ? (children[0] as QueryNode) : this.group('or', children);
  }

  private andExpr(): QueryNode {
    const children = [this.unary()];
    for (;;) {
      const token = this.peek();
      if (token.type === 'and') {
        this.next();
        const after = this.peek();
        if (!this.startsTerm(after)) this.fail(token, after.start, t('a term after AND'));
        continue;
      }
      if (!this.startsTerm(token)) break;
      children.push(this.unary());
    }
    return children.length === 1 ? (children[0] as QueryNode) : this.group('and', children);
  }

  private group(type: 'and' | 'or', children: QueryNode[]): QueryNode {
    const first = children[0] as QueryNode;
    const last = children[children.length - 1] as QueryNode;
    return { type, children, ...span(first.start, last.end) };
  }

  private startsTerm(token: Token): boolean {
    return token.type === 'not' || token.type === 'lparen' || token.type === 'word' || token.type === 'phrase' || token.type === 'term';
  }

  private nested<T>(token: Span, parse: () => T): T {
    if (++this.depth > MAX_NESTING) this.fail(token, token.start, t('at most {0} levels of nesting', MAX_NESTING));
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private unary(): QueryNode {
    const token = this.peek();
    if (token.type === 'not') {
      this.next();
      const after = this.peek();
      if (!this.startsTerm(after)) this.fail(token, after.start, t('a term after "-"'));
      return this.nested(token, () => {
        const child = this.unary();
        return { type: 'not' as const, child, ...span(token.start, child.end) };
      });
    }
    return this.primary();
  }

  private primary(): QueryNode {
    const token = this.next();
    switch (token.type) {
      case 'lparen': {
        if (this.peek().type === 'rparen') {
          const close = this.peek();
          this.fail({ start: token.start, end: close.end }, close.start, t('a term inside the parentheses'));
        }
        const inner = this.nested(token, () => this.orExpr());
        const close = this.peek();
        if (close.type !== 'rparen') {
          this.fail({ start: token.start, end: this.text.length }, close.start, t('a closing ")"'));
        }
        this.next();
        // The group's span covers its parentheses, so an editor highlights the whole group.
        return { ...inner, ...span(token.start, close.end) };
      }
      case 'word':
      case 'phrase':
        return this.textNode(token.text, token, token.type === 'phrase');
      case 'term':
        return this.term(token);
      case 'rparen':
        return this.fail(token, token.start, strayParen());
      default:
        return this.fail(token, token.start, t('a term'));
    }
  }

  private textNode(text: string, token: Span, quoted: boolean): QueryNode {
    const all = tokenize(text);
    // An unquoted e-mail address matches as one whole-address token; otherwise the address
    // tokens are dropped and its parts must be adjacent like any phrase.
    const email = !quoted && all.length > 0 && isEmailToken(all[0] as string) && normalizeText(text).startsWith(all[0] as string) ? all[0] : undefined;
    const tokens = email !== undefined ? [email] : all.filter((word) => !isEmailToken(word));
    return { type: 'text', text, tokens, quoted, ...span(token.start, token.end) };
  }

  private term(token: Token & { type: 'term' }): QueryNode {
    const where = span(token.start, token.end);
    const rawField = normalizeText(token.field);
    const valueStart = token.fieldEnd + 1;
    if (token.values.length === 0) this.fail(token, valueStart, t('a value after "{0}:"', token.field));
    for (const value of token.values) {
      if (value.text.trim() === '' && !value.quoted) this.fail(token, value.start, t('a value'));
    }

    if (rawField === 'is') {
      const shortcuts = token.values.map((value) => {
        const name = normalizeText(value.text.trim());
        if (value.quoted || !(IS_SHORTCUTS as readonly string[]).includes(name)) {
          this.fail(token, value.start, t('stale, overdue, open or archived'));
        }
        return name as IsShortcut;
      });
      return { type: 'is', shortcuts, ...where };
    }

    if (rawField === 'has' || rawField === 'no') {
      const fields = token.values.map((value) => {
        const name = value.text.trim();
        if (!/^[\p{L}_][\p{L}\p{M}\p{N}_]*(?:\.[\p{L}\p{M}\p{N}_]+)*$/u.test(name)) this.fail(token, value.start, t('a field name'));
        return fieldRef(name);
      });
      return { type: 'has', present: rawField === 'has', fields, ...where };
    }

    const field = fieldRef(token.field);
    if (field.name === 'lifecycle') {
      // A closed set of names: a typo is an error, and `>`/`..` make no sense for it.
      for (const value of token.values) {
        const name = normalizeText(value.text.trim());
        const ok = (!value.quoted && name.includes('*') && !/^[<>=]|\.\./.test(name)) || (LIFECYCLES as readonly string[]).includes(name);
        if (!ok) this.fail(token, value.start, t('none, new, active, sleeping or lost'));
      }
    }
    const values = token.values.map((value) => this.value(token, field, value));
    return { type: 'field', field, values, ...where };
  }

  private value(token: Span, field: FieldRef, raw: RawValue): ValueNode {
    const where = span(raw.start, raw.end);
    const text = raw.text;
    if (!raw.quoted) {
      const op = /^(>=|<=|>|<|=)/.exec(text)?.[1] as CompareOp | undefined;
      if (op !== undefined) {
        const operandStart = raw.start + op.length;
        const operand = this.operand(field, text.slice(op.length), operandStart);
        if (!operand) this.fail(token, operandStart, expectedOperandText(this.expectedOperand(field, text.slice(op.length))));
        return { kind: 'compare', op, operand, ...where };
      }
      const dots = text.indexOf('..');
      if (dots !== -1) {
        const lowText = text.slice(0, dots);
        const highText = text.slice(dots + 2);
        if (lowText === '' && highText === '') this.fail(token, raw.start, expectedRangeText(this.expectedOperand(field, '')));
        const low = lowText === '' ? undefined : this.operand(field, lowText, raw.start);
        if (lowText !== '' && !low) this.fail(token, raw.start, expectedOperandText(this.expectedOperand(field, lowText)));
        const highStart = raw.start + dots + 2;
        const high = highText === '' ? undefined : this.operand(field, highText, highStart);
        if (highText !== '' && !high) this.fail(token, highStart, expectedOperandText(this.expectedOperand(field, highText)));
        if (low && high && low.type !== high.type) this.fail(token, highStart, expectedOperandText(low.type === 'number' ? 'number' : 'date'));
        const node: ValueNode = { kind: 'range', ...where };
        if (low) node.low = low;
        if (high) node.high = high;
        return node;
      }
    }
    const trimmed = text.trim();
    const node: ValueNode = {
      kind: 'equals',
      text,
      normalized: normalizeText(trimmed),
      quoted: raw.quoted,
      pattern: !raw.quoted && trimmed.includes('*'),
      ...where,
    };
    const number = raw.quoted ? undefined : parseNumber(trimmed);
    if (number !== undefined) node.number = number;
    const date = raw.quoted ? undefined : parseDateExpression(trimmed);
    if (date) node.date = date;
    return node;
  }

  /** An operand of a comparison or range, typed against what the field holds. */
  private operand(field: FieldRef, text: string, start: number): Operand | undefined {
    const where = span(start, start + text.length);
    if (!DATE_FIELDS.has(field.name)) {
      const value = parseNumber(text);
      if (value !== undefined) return { type: 'number', value, ...where };
    }
    if (!NUMBER_FIELDS.has(field.name)) {
      const date = parseDateExpression(text);
      if (date) return { type: 'date', date, ...where };
    }
    return undefined;
  }

  /** What a bad operand should have been: the field's type, else a guess from how it looks. */
  private expectedOperand(field: FieldRef, text: string): OperandKind {
    if (DATE_FIELDS.has(field.name)) return 'date';
    if (NUMBER_FIELDS.has(field.name)) return 'number';
    // `15.10.2026`, `2026-02-30` and `today+x` are attempts at a date; anything else a number.
    if (/^today/i.test(text) || /^\d{4}-/.test(text) || /^\d{1,2}[./]\d{1,2}[./]\d{2,4}$/.test(text)) return 'date';
    return 'either';
  }
}

/** Parses a query line. Never throws: a bad query is `{ ok: false, error }` with a column. */
export function parseQuery(text: string): ParseResult {
  if (typeof text !== 'string') return { ok: false, error: queryError('', { start: 0, end: 0 }, 0, t('a query string')) };
  try {
    const lexed = lex(text);
    if (!lexed.ok) return { ok: false, error: queryError(text, lexed.error, lexed.error.at, lexed.error.expected) };
    return { ok: true, ast: new Parser(text, lexed.tokens).parse() };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, error: error.error };
    // A bug must not take the search box down with it: report it as an unreadable query.
    return { ok: false, error: queryError(text, { start: 0, end: text.length }, 0, t('a query this parser can read')) };
  }
}
