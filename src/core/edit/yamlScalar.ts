// How a new scalar is written, so that it reads back as the same value. Records are read with
// js-yaml's CORE_SCHEMA (parse/recordText.ts) and positioned with `yaml`; a written value must mean
// the same to both, and should not change type for the many YAML 1.1 tools people also use
// (`yes`, `on`, `1_000`, `10:30`). Quotes only when needed keeps diffs and files readable.
import { CORE_SCHEMA, load } from 'js-yaml';
import { parse } from 'yaml';

export type ScalarValue = string | number | boolean | null;

/** Where the scalar goes: a block value, a flow collection, or a mapping key in either. */
export type ScalarContext = 'block' | 'flow' | 'blockKey' | 'flowKey';

/** The quoting of the value being replaced; a quoted field stays quoted (the user chose that). */
export type QuotePreference = 'plain' | 'double' | 'single';

/**
 * Characters that plain and single-quoted scalars cannot hold as they are: C0/C1 controls, YAML 1.1
 * line breaks (NEL, LS, PS), the BOM, non-characters and lone surrogates.
 */
const NEEDS_ESCAPE =
  /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Characters that start another kind of YAML node when they begin a plain scalar. */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;

function readsBack(source: string, pick: (data: unknown) => unknown, expected: string): boolean {
  try {
    if (pick(load(source, { schema: CORE_SCHEMA })) !== expected) return false;
    return pick(parse(source, { uniqueKeys: false })) === expected;
  } catch {
    return false;
  }
}

const field = (name: string) => (data: unknown): unknown =>
  data !== null && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 1
    ? (data as Record<string, unknown>)[name]
    : undefined;
const firstItem = (data: unknown): unknown => (Array.isArray(data) && data.length === 1 ? data[0] : undefined);
const onlyKey = (data: unknown): unknown =>
  data !== null && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 1
    ? Object.keys(data)[0]
    : undefined;

/** True when YAML 1.1 reads the plain text as something other than a string (dates excepted). */
function yaml11Typed(text: string): boolean {
  try {
    const value: unknown = (parse(`k: ${text}`, { version: '1.1' }) as Record<string, unknown> | null)?.k;
    // ISO dates are the record format's own way to write dates (PRODUCT.md §2): keep them plain.
    return typeof value !== 'string' && !(value instanceof Date);
  } catch {
    return true;
  }
}

/**
 * Whether `text` can be written without quotes in `context` and read back as the same string.
 * Cheap syntactic rules first, then the real check: parse it with both parsers in that context.
 */
export function canBePlain(text: string, context: ScalarContext): boolean {
  if (text === '' || text !== text.trim() || /[\t\n\r]/.test(text) || NEEDS_ESCAPE.test(text)) return false;
  if (INDICATOR_START.test(text) || /^(?:---|\.\.\.)/.test(text)) return false;
  if (/: |:$| #/.test(text)) return false;
  const flow = context === 'flow' || context === 'flowKey';
  if (flow && /[,[\]{}]/.test(text)) return false;
  if (yaml11Typed(text)) return false;
  switch (context) {
    case 'block':
      return readsBack(`k: ${text}\n`, field('k'), text);
    case 'flow':
      return readsBack(`[${text}]`, firstItem, text) && readsBack(`{k: ${text}}`, field('k'), text);
    case 'blockKey':
      return readsBack(`${text}: 1\n`, onlyKey, text);
    case 'flowKey':
      return readsBack(`{${text}: 1}`, onlyKey, text);
  }
}

function escapeChar(char: string): string {
  switch (char) {
    case '\\':
      return '\\\\';
    case '"':
      return '\\"';
    case '\n':
      return '\\n';
    case '\t':
      return '\\t';
    case '\r':
      return '\\r';
    case '\0':
      return '\\0';
    default: {
      const code = char.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    }
  }
}

/** A double-quoted scalar: `\` escapes for what cannot appear as is; Cyrillic and emoji stay as is. */
export function doubleQuoted(text: string): string {
  const special = new RegExp(`[\\\\"\\t]|${NEEDS_ESCAPE.source}`, 'g');
  return `"${text.replace(special, escapeChar)}"`;
}

function canBeSingleQuoted(text: string): boolean {
  return !/[\t\n\r]/.test(text) && !NEEDS_ESCAPE.test(text);
}

export function stringifyString(text: string, context: ScalarContext, prefer: QuotePreference = 'plain'): string {
  if (prefer === 'single' && canBeSingleQuoted(text)) return `'${text.replace(/'/g, "''")}'`;
  if (prefer === 'plain' && canBePlain(text, context)) return text;
  return doubleQuoted(text);
}

export function stringifyNumber(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  // `String(-0)` is "0", and js-yaml reads the integer `-0` as +0; the float `-0.0` keeps the sign.
  if (Object.is(value, -0)) return '-0.0';
  return String(value);
}

/** One scalar on one line (multi-line strings are the renderer's business: see yamlRender.ts). */
export function stringifyScalar(value: ScalarValue, context: ScalarContext, prefer: QuotePreference = 'plain'): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return stringifyNumber(value);
  return stringifyString(value, context, prefer);
}

/**
 * Whether a multi-line string can be a literal block scalar (`|` or `|-`) and read back exactly.
 * Left to double quotes: carriage returns and control characters (a literal cannot escape them),
 * a first line that is empty or starts with whitespace (it would need an indentation indicator,
 * which parsers have disagreed on), and two or more trailing newlines (`|+` depends on what follows).
 */
export function canBeLiteral(text: string): boolean {
  if (!text.includes('\n') || text.includes('\r') || NEEDS_ESCAPE.test(text.replace(/\n/g, ''))) return false;
  if (/^[ \t\n]/.test(text) || text.endsWith('\n\n')) return false;
  return true;
}
