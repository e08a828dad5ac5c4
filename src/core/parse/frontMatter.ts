// Splits a Markdown record into its YAML front matter and body. Our own small function rather
// than gray-matter (PRODUCT.md §8): it keeps exact line numbers for diagnostics and has no cache.
import { t } from '../i18n';

export interface FrontMatterSplit {
  ok: true;
  /** The YAML between the two `---` lines, with its original line endings. */
  frontMatter: string;
  /** 1-based line of the front matter's first line in the file. */
  frontMatterLine: number;
  /** Offset of the front matter in the text after the BOM was removed. */
  frontMatterOffset: number;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
  bom: boolean;
  eol: '\n' | '\r\n';
}

export interface FrontMatterError {
  ok: false;
  message: string;
  line: number;
  column: number;
}

const BOM = '\uFEFF';

function isFence(line: string, closing: boolean): boolean {
  const trimmed = line.replace(/[ \t]+$/, '');
  return trimmed === '---' || (closing && trimmed === '...');
}

export function stripBom(text: string): { text: string; bom: boolean } {
  return text.startsWith(BOM) ? { text: text.slice(1), bom: true } : { text, bom: false };
}

export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

export function splitFrontMatter(input: string): FrontMatterSplit | FrontMatterError {
  const { text, bom } = stripBom(input);
  const eol = detectEol(text);
  const firstEnd = text.indexOf('\n');
  const firstLine = (firstEnd === -1 ? text : text.slice(0, firstEnd)).replace(/\r$/, '');
  if (!isFence(firstLine, false)) {
    return {
      ok: false,
      message: t('no front matter: a record starts with a line "---", then YAML fields, then "---"'),
      line: 1,
      column: 1,
    };
  }
  if (firstEnd === -1) {
    return { ok: false, message: t('front matter is not closed: no "---" line after line 1'), line: 1, column: 1 };
  }
  const start = firstEnd + 1;
  let pos = start;
  let line = 2;
  while (pos <= text.length) {
    const end = text.indexOf('\n', pos);
    // Only a line that starts with `---` or `...` can close it: the others are not sliced and
    // trimmed (a 20-line front matter, for every record of a load).
    const candidate = text.startsWith('---', pos) || text.startsWith('...', pos);
    if (candidate && isFence((end === -1 ? text.slice(pos) : text.slice(pos, end)).replace(/\r$/, ''), true)) {
      const bodyStart = end === -1 ? text.length : end + 1;
      return {
        ok: true,
        frontMatter: text.slice(start, pos),
        frontMatterLine: 2,
        frontMatterOffset: start,
        body: text.slice(bodyStart),
        bodyLine: line + 1,
        bom,
        eol,
      };
    }
    if (end === -1) break;
    pos = end + 1;
    line++;
  }
  return { ok: false, message: t('front matter is not closed: no "---" line after line 1'), line: 1, column: 1 };
}
