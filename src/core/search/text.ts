// Words as search sees them: one normalization, one tokenizer and one stemmer shared by the
// full-text index and the query language's free-text words (PRODUCT.md §9), so a word that
// matches in `search` matches the same way in `query`.
import { newStemmer, type Stemmer } from 'snowball-stemmers';

/**
 * Text made only of these characters is already in NFC (none of them is a combining mark or has
 * a canonical decomposition; checked for every code point by a unit test), so the costly
 * `normalize` call is skipped for the usual Latin/Cyrillic record text.
 */
const NEEDS_NFC = /[^\u0000-\u02ff\u0400-\u0482\u048a-\u052f\u2010-\u205e\u20a0-\u20c0\u2116\u2122]/;

/**
 * NFC, lower case and `ё`→`е`: Russian text is written with and without `ё` interchangeably,
 * and NFC makes a decomposed `й`/`ё` (pasted from macOS file names) equal to the composed one.
 */
export function normalizeText(s: string): string {
  const nfc = NEEDS_NFC.test(s) ? s.normalize('NFC') : s;
  const lower = nfc.toLowerCase();
  return lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower;
}

/**
 * Tokens longer than this are cut. Nobody types a 64-letter word, and a hostile record with a
 * 5 MB run of letters must not become a 5 MB dictionary key (or a 5 MB stemmer input). Both the
 * index and queries cut the same way, so matching stays consistent.
 */
export const MAX_TOKEN_LENGTH = 64;
/** A whole address is only useful whole, and RFC 5321 allows 254 characters: cut at 256. */
export const MAX_EMAIL_TOKEN_LENGTH = 256;

// A word is a run of letters, combining marks and digits; everything else separates words.
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/**
 * Per UTF-16 unit: 0 = not looked up yet, 1 = word character already in normalized case,
 * 2 = separator, 3 = word character that lower-casing (or the `ё` fold) changes. A table lookup
 * per character is several times faster than a Unicode-property regex over the text, and it
 * lets the tokenizer lower-case only the tokens that need it instead of the whole text (V8's
 * `toLowerCase` on Cyrillic text was the largest single cost of indexing).
 */
const charClass = new Uint8Array(0x10000);
const WORD = 1;
const SEPARATOR = 2;
const WORD_TO_FOLD = 3;
const astralWordChar = new Map<number, boolean>();

function classOf(code: number): number {
  let c = charClass[code] ?? SEPARATOR;
  if (c === 0) {
    const ch = String.fromCharCode(code);
    if (!WORD_CHAR.test(ch)) c = SEPARATOR;
    else c = ch.toLowerCase() !== ch || ch === 'ё' ? WORD_TO_FOLD : WORD;
    charClass[code] = c;
  }
  return c;
}

/** Lower case and `ё`→`е` of one token (already in NFC). */
function foldCase(token: string): string {
  const lower = token.toLowerCase();
  return lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower;
}

/** Letters outside the BMP (e.g. CJK extensions) are surrogate pairs: looked up by code point. */
function isAstralWordChar(codePoint: number): boolean {
  let word = astralWordChar.get(codePoint);
  if (word === undefined) {
    word = WORD_CHAR.test(String.fromCodePoint(codePoint));
    if (astralWordChar.size < 10_000) astralWordChar.set(codePoint, word);
  }
  return word;
}

const LOCAL_CHAR = /[\p{L}\p{M}\p{N}._%+-]/u;
const DOMAIN_CHAR = /[\p{L}\p{M}\p{N}.-]/u;
/** RFC 5321 caps an address at 254 characters; also bounds the scan around each `@`. */
const MAX_EMAIL_PART = 254;

/** True for the whole-email tokens `tokenize` adds; phrase matching skips them (see below). */
export function isEmailToken(token: string): boolean {
  return token.includes('@');
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Finds email addresses by scanning outwards from each `@` with a bounded walk. A regex such as
 * `[\w.]+@…` would retry from every start position and go quadratic on a long run of letters
 * without an `@` — exactly what a hostile record contains. Works on original or normalized
 * text alike (the character classes do not depend on case).
 */
export function emailSpans(s: string): Span[] {
  const spans: Span[] = [];
  let at = s.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > 0 && at - start < MAX_EMAIL_PART && LOCAL_CHAR.test(s.charAt(start - 1))) start--;
    let end = at + 1;
    while (end < s.length && end - at < MAX_EMAIL_PART && DOMAIN_CHAR.test(s.charAt(end))) end++;
    // Sentence punctuation around an address is not part of it: "write to anna@x.ru."
    while (start < at && s.charAt(start) === '.') start++;
    while (end > at + 1 && (s.charAt(end - 1) === '.' || s.charAt(end - 1) === '-')) end--;
    const domain = s.slice(at + 1, end);
    const dot = domain.lastIndexOf('.');
    const tld = dot === -1 ? '' : domain.slice(dot + 1);
    if (start < at && dot > 0 && /^\p{L}{2,}$/u.test(tld)) {
      spans.push({ start, end });
      at = s.indexOf('@', end);
    } else {
      at = s.indexOf('@', at + 1);
    }
  }
  return spans;
}

/**
 * Lower-cased, normalized tokens of `text`: runs of Unicode letters and digits, each normalized
 * on its own (`normalizeText` of the word, so its case folding never depends on the words
 * around it). An email address
 * yields its parts (`anna@romashka.ru` → `anna`, `romashka`, `ru`, so any part finds it) and,
 * just before them, the whole address as one extra token (so a search for the full address
 * ranks its owner first). Callers that check word adjacency ("two words") should skip the
 * whole-address tokens (`isEmailToken`); the parts keep their order.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  forEachToken(text, (token) => tokens.push(token));
  return tokens;
}

/**
 * `tokenize` without the array: the index's bulk build counts terms as they come. NFC for the
 * whole text only when it has characters outside the always-NFC ranges, and case folding only
 * for the tokens that contain a character it changes.
 */
export function forEachToken(text: string, visit: (token: string) => void): void {
  const s = NEEDS_NFC.test(text) ? text.normalize('NFC') : text;
  const emails = s.includes('@') ? emailSpans(s) : [];
  let nextEmail = 0;
  const emit = (start: number, end: number, fold: boolean): void => {
    while (nextEmail < emails.length) {
      const email = emails[nextEmail];
      if (email === undefined || email.start > start) break;
      // Folding never shortens text, so cutting the source at twice the limit is enough.
      visit(foldCase(s.slice(email.start, Math.min(email.end, email.start + 2 * MAX_EMAIL_TOKEN_LENGTH))).slice(0, MAX_EMAIL_TOKEN_LENGTH));
      nextEmail++;
    }
    if (!fold) visit(s.slice(start, Math.min(end, start + MAX_TOKEN_LENGTH)));
    else visit(foldCase(s.slice(start, Math.min(end, start + 2 * MAX_TOKEN_LENGTH))).slice(0, MAX_TOKEN_LENGTH));
  };
  const n = s.length;
  let start = -1;
  let fold = false;
  for (let i = 0; i < n; i++) {
    const code = s.charCodeAt(i);
    let c: number;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < n) {
      const codePoint = s.codePointAt(i) ?? code;
      if (codePoint > 0xffff) {
        // Outside the BMP: looked up by code point, and always case-folded (rare, and some fold).
        if (isAstralWordChar(codePoint)) {
          if (start < 0) start = i;
          fold = true;
        } else if (start >= 0) {
          emit(start, i, fold);
          start = -1;
          fold = false;
        }
        i++; // the low surrogate belongs to this character
        continue;
      }
      c = SEPARATOR; // a lone high surrogate
    } else {
      c = classOf(code);
    }
    if (c !== SEPARATOR) {
      if (start < 0) start = i;
      if (c === WORD_TO_FOLD) fold = true;
    } else if (start >= 0) {
      emit(start, i, fold);
      start = -1;
      fold = false;
    }
  }
  if (start >= 0) emit(start, n, fold);
}

// One stemmer per language, created lazily: the Snowball tables are not free to build.
let russian: Stemmer | undefined;
let english: Stemmer | undefined;

/**
 * Stems of words are cached: real text repeats a small vocabulary, and the Snowball stemmers
 * cost microseconds a call. Numbers, codes and emails are not cached (nothing to save, and they
 * are most of a workspace's distinct tokens). The cache is bounded so a workspace of unique junk
 * words cannot grow it without limit; when full, the oldest entry goes (Map keeps insertion order).
 */
const STEM_CACHE_LIMIT = 200_000;
const stemCache = new Map<string, string>();

const CYRILLIC_WORD = /^[\p{Script=Cyrillic}\p{M}]+$/u;
const LATIN_WORD = /^[\p{Script=Latin}\p{M}]+$/u;

/**
 * The Snowball stem of a normalized token: Russian for Cyrillic words, English for Latin ones.
 * Numbers, mixed tokens (`b2b`, `inv2026`), emails, words of one or two letters and other
 * scripts are returned unchanged.
 */
export function stem(token: string): string {
  if (token.length <= 2) return token;
  const cached = stemCache.get(token);
  if (cached !== undefined) return cached;
  let result: string;
  if (CYRILLIC_WORD.test(token)) {
    russian ??= newStemmer('russian');
    result = russian.stem(token);
  } else if (LATIN_WORD.test(token)) {
    english ??= newStemmer('english');
    result = english.stem(token);
  } else {
    return token;
  }
  if (stemCache.size >= STEM_CACHE_LIMIT) {
    const oldest = stemCache.keys().next();
    if (oldest.done !== true) stemCache.delete(oldest.value);
  }
  stemCache.set(token, result);
  return result;
}
