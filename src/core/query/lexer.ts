// Splits a query line into tokens with their source offsets (PRODUCT.md §3/§9). The lexer knows
// the shape of a `field:value` term (quoted pieces, `a,b` alternatives) because a quoted value may
// hold spaces and parentheses; what a value means (number, date, range) is the parser's job.
// Never throws: the one lexical error (an unclosed quote) is returned as a value.
import { t } from '../i18n';

/** Offsets are 0-based UTF-16 indexes into the query; `end` is exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** One comma-separated alternative of a term's value, quotes removed. */
export interface RawValue extends Span {
  text: string;
  /** Any part was quoted: the value is literal text (no operators, ranges or `*`). */
  quoted: boolean;
}

export type Token =
  | (Span & { type: 'lparen' | 'rparen' | 'or' | 'and' | 'not' | 'eof' })
  | (Span & { type: 'word'; text: string })
  | (Span & { type: 'phrase'; text: string })
  | (Span & { type: 'term'; field: string; fieldEnd: number; values: RawValue[] });

export interface LexError extends Span {
  /** The offset where the problem is, for the column. */
  at: number;
  expected: string;
}

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; error: LexError };

// A field name: a letter or `_` first, then letters, digits and `_`, dot-separated for nesting
// (`consent.email`). `10:30` and `http://x` are therefore words, not terms.
const FIELD_NAME = /^[\p{L}_][\p{L}\p{M}\p{N}_]*(?:\.[\p{L}\p{M}\p{N}_]+)*$/u;

function isSpace(ch: string): boolean {
  // Includes no-break and other Unicode spaces pasted from documents.
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || /\s/u.test(ch);
}

function endsBareRun(ch: string): boolean {
  return ch === '(' || ch === ')' || isSpace(ch);
}

/**
 * Reads a quoted string starting at `text[start] === '"'`. `\"` and `\\` are escapes so a value
 * can contain a quote. Returns the content and the offset after the closing quote, or undefined
 * when the quote is never closed.
 */
function readQuoted(text: string, start: number): { content: string; end: number } | undefined {
  let content = '';
  let i = start + 1;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '\\' && (text.charAt(i + 1) === '"' || text.charAt(i + 1) === '\\')) {
      content += text.charAt(i + 1);
      i += 2;
    } else if (ch === '"') {
      return { content, end: i + 1 };
    } else {
      content += ch;
      i++;
    }
  }
  return undefined;
}

function unclosedQuote(text: string, start: number): { ok: false; error: LexError } {
  return { ok: false, error: { start, end: text.length, at: text.length, expected: t('a closing quote (")') } };
}

export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text.charAt(i);
    if (isSpace(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'lparen' : 'rparen', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (ch === '-' && i + 1 < n && !isSpace(text.charAt(i + 1)) && text.charAt(i + 1) !== ')') {
      // A `-` glued to what follows negates it. A lone `-` ("Smith - CEO") is punctuation: it
      // falls through to a word with no tokens, which matches everything.
      tokens.push({ type: 'not', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (ch === '"') {
      const quoted = readQuoted(text, i);
      if (!quoted) return unclosedQuote(text, i);
      tokens.push({ type: 'phrase', text: quoted.content, start: i, end: quoted.end });
      i = quoted.end;
      continue;
    }

    // A bare run: a `field:value` term, `OR`/`AND`, or a free-text word.
    const start = i;
    let j = i;
    while (j < n && !endsBareRun(text.charAt(j)) && text.charAt(j) !== '"' && text.charAt(j) !== ':') j++;
    if (j < n && text.charAt(j) === ':' && FIELD_NAME.test(text.slice(start, j))) {
      const term = readTermValue(text, start, j);
      if (!term.ok) return term;
      tokens.push(term.token);
      i = term.token.end;
      continue;
    }
    while (j < n && !endsBareRun(text.charAt(j)) && text.charAt(j) !== '"') j++;
    const word = text.slice(start, j);
    if (word === 'OR') tokens.push({ type: 'or', start, end: j });
    else if (word === 'AND') tokens.push({ type: 'and', start, end: j });
    else tokens.push({ type: 'word', text: word, start, end: j });
    i = j;
  }
  tokens.push({ type: 'eof', start: n, end: n });
  return { ok: true, tokens };
}

/** Reads the value after `field:` (the colon at `colon`): quoted pieces, split on commas. */
function readTermValue(
  text: string,
  start: number,
  colon: number,
): { ok: true; token: Token & { type: 'term' } } | { ok: false; error: LexError } {
  const values: RawValue[] = [];
  let i = colon + 1;
  let current: RawValue | undefined;
  const n = text.length;
  while (i < n) {
    const ch = text.charAt(i);
    if (endsBareRun(ch)) break;
    if (ch === ',') {
      // An empty alternative (`tag:vip,`) is kept so the parser can point at it.
      values.push(current ?? { text: '', quoted: false, start: i, end: i });
      current = undefined;
      i++;
      if (i >= n || endsBareRun(text.charAt(i))) values.push({ text: '', quoted: false, start: i, end: i });
      continue;
    }
    current ??= { text: '', quoted: false, start: i, end: i };
    if (ch === '"') {
      const quoted = readQuoted(text, i);
      if (!quoted) return unclosedQuote(text, i);
      current.text += quoted.content;
      current.quoted = true;
      i = quoted.end;
    } else {
      current.text += ch;
      i++;
    }
    current.end = i;
  }
  if (current) values.push(current);
  return { ok: true, token: { type: 'term', field: text.slice(start, colon), fieldEnd: colon, values, start, end: i } };
}
