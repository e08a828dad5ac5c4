// Turns one file's text into a record, or into problems that say why it is not one
// (PRODUCT.md §9 "What is a record"). Never throws on any input.
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { currentLanguage, t } from '../i18n';
import type { ClientFields, CrmRecord, Problem, RecordKind, SourceFormat } from '../model';
import { splitFrontMatter, stripBom } from './frontMatter';

/** A record larger than this is not parsed: a CRM record is a few KB; 50 MB is a mistake or an attack. */
export const MAX_RECORD_BYTES = 5 * 1024 * 1024;

export interface ParsedFile {
  record?: CrmRecord;
  problems: Problem[];
  /** The front matter text and its first line, kept for positions of later problems. */
  yamlText?: string;
  yamlLine?: number;
}

export interface ParseOptions {
  kind: RecordKind;
  archived: boolean;
}

const CONFLICT_MARKER = /^(<{7}|={7}|>{7}|\|{7})(?: |\r?$)/;

function problem(file: string, line: number, column: number, code: Problem['code'], message: string): Problem {
  return {
    file,
    range: { start: { line, column }, end: { line, column: column + 1 } },
    severity: code === 'merge-conflict' || code === 'parse-error' ? 'error' : 'warning',
    code,
    message,
  };
}

/**
 * Lines (1-based) that hold git conflict markers, in a text whose first line is `firstLine`.
 * A lone `=======` is also a Markdown heading underline, so it counts only beside a `<<<<<<<` or
 * `>>>>>>>` marker.
 */
export function conflictMarkerLines(text: string, firstLine = 1): number[] {
  if (!text.includes('<<<<<<<') && !text.includes('>>>>>>>')) return [];
  const lines: number[] = [];
  let hasOuter = false;
  text.split('\n').forEach((line, i) => {
    if (CONFLICT_MARKER.test(line)) {
      lines.push(firstLine + i);
      if (line.startsWith('<') || line.startsWith('>')) hasOuter = true;
    }
  });
  return hasOuter ? lines : [];
}

export function slugOf(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

export function formatOf(file: string): SourceFormat | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.md')) return 'md';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  return undefined;
}

/**
 * js-yaml (and `yaml` too) mark an unclosed bracket or quote at the end of the text, which is
 * rarely where the mistake is. This finds the opening that was never closed. Runs only for files
 * that failed to parse.
 */
function unclosedOpening(yamlText: string): { line: number; column: number; what: string } | undefined {
  const stack: { line: number; column: number; char: string }[] = [];
  let quote: { line: number; column: number; char: string } | undefined;
  let line = 0;
  let column = 0;
  for (let i = 0; i < yamlText.length; i++, column++) {
    const c = yamlText[i]!;
    if (c === '\n') {
      line++;
      column = -1;
      continue;
    }
    if (quote) {
      if (c === quote.char) {
        if (c === "'" && yamlText[i + 1] === "'") {
          i++;
          column++;
        } else {
          quote = undefined;
        }
      } else if (c === '\\' && quote.char === '"') {
        i++;
        column++;
      }
      continue;
    }
    const prev = i === 0 ? '\n' : yamlText[i - 1]!;
    if (c === '#' && (prev === ' ' || prev === '\t' || prev === '\n')) {
      const eol = yamlText.indexOf('\n', i);
      if (eol < 0) break;
      column += eol - i - 1;
      i = eol - 1;
    } else if ((c === '"' || c === "'") && (stack.length > 0 || /[\s:[{,-]/.test(prev))) {
      quote = { line, column, char: c };
    } else if (c === '[' || c === '{') {
      stack.push({ line, column, char: c });
    } else if (c === ']' || c === '}') {
      stack.pop();
    }
  }
  if (quote) return { ...quote, what: quote.char === '"' ? t('the double quote opened here is never closed') : t('the single quote opened here is never closed') };
  const open = stack[0];
  if (open) return { ...open, what: t('the "{0}" opened here is never closed', open.char) };
  return undefined;
}

/** js-yaml's reason for a parse error in the user's language; reasons seldom met in front matter stay as js-yaml words them. */
export function yamlReason(reason: string): string {
  switch (reason) {
    case 'bad indentation of a mapping entry':
      return t('bad indentation of a mapping entry');
    case 'bad indentation of a sequence entry':
      return t('bad indentation of a sequence entry');
    case 'duplicated mapping key':
      return t('duplicated mapping key');
    case 'end of the stream or a document separator is expected':
      return t('end of the stream or a document separator is expected');
    case 'missed comma between flow collection entries':
      return t('missed comma between flow collection entries');
    case 'tab characters must not be used in indentation':
      return t('tab characters must not be used in indentation');
    case 'unexpected end of the stream within a double quoted scalar':
      return t('unexpected end of the stream within a double quoted scalar');
    case 'unexpected end of the stream within a single quoted scalar':
      return t('unexpected end of the stream within a single quoted scalar');
    case 'unexpected end of the stream within a flow collection':
      return t('unexpected end of the stream within a flow collection');
    case 'unexpected end of the document within a double quoted scalar':
      return t('unexpected end of the document within a double quoted scalar');
    case 'unexpected end of the document within a single quoted scalar':
      return t('unexpected end of the document within a single quoted scalar');
    case 'unknown escape sequence':
      return t('unknown escape sequence');
    case 'can not read an implicit mapping pair; a colon is missed':
      return t('can not read an implicit mapping pair; a colon is missed');
    case 'can not read a block mapping entry; a multiline key may not be an implicit key':
      return t('can not read a block mapping entry; a multiline key may not be an implicit key');
    case 'a whitespace character is expected after the key-value separator within a block mapping':
      return t('a whitespace character is expected after the key-value separator within a block mapping');
    case 'incomplete explicit mapping pair; a key node is missed; or followed by a non-tabulated empty line':
      return t('incomplete explicit mapping pair; a key node is missed; or followed by a non-tabulated empty line');
    case "expected the node content, but found ','":
      return t("expected the node content, but found ','");
    case 'the stream contains non-printable characters':
      return t('the stream contains non-printable characters');
    case 'directives end mark is expected':
      return t('directives end mark is expected');
    case 'cannot parse':
      return t('cannot parse');
  }
  const alias = /^unidentified alias "(.*)"$/s.exec(reason);
  if (alias) return t('unidentified alias "{0}"', alias[1]!);
  const tag = /^unknown tag !<(.*)>$/s.exec(reason);
  if (tag) return t('unknown tag !<{0}>', tag[1]!);
  const depth = /^nesting exceeded maxDepth \((\d+)\)$/.exec(reason);
  if (depth) return t('nesting exceeded maxDepth ({0})', depth[1]!);
  return reason;
}

function yamlError(file: string, error: unknown, firstLine: number, yamlText: string): Problem {
  if (error instanceof YAMLException) {
    const mark = error.mark as { line?: number; column?: number } | undefined;
    let line = mark?.line ?? 0;
    let column = mark?.column ?? 0;
    const original = error.reason || 'cannot parse';
    let reason = yamlReason(original);
    if (/end of the stream/.test(original)) {
      const opening = unclosedOpening(yamlText);
      if (opening && opening.line <= line) {
        ({ line, column } = opening);
        reason = t('{0}: {1}', reason, opening.what);
      }
    }
    return problem(file, firstLine + line, column + 1, 'parse-error', t('YAML: {0}', reason));
  }
  const message = error instanceof Error ? error.message : String(error);
  return problem(file, firstLine, 1, 'parse-error', t('YAML: {0}', message));
}

/** Values a record's fields may expand to, counting every use of a YAML alias; a record has hundreds. */
export const MAX_FIELD_VALUES = 100_000;
/** Nesting of lists and maps a record's fields may have; records use three or four levels. */
export const MAX_FIELD_DEPTH = 64;

/**
 * Why the parsed fields are too big to handle, or undefined. A YAML alias is one shared object
 * to the parser, but every walk over the fields (validation, search, exports) visits it once per
 * use, so nine lines of nested aliases ("billion laughs") would mean 10⁹ visits. The expanded
 * size is counted once per distinct object, memoized, and stops at the limit.
 */
export function shapeProblem(data: unknown): string | undefined {
  const sizes = new Map<object, number>();
  const size = (value: unknown, depth: number): number => {
    if (typeof value !== 'object' || value === null) return 1;
    if (depth > MAX_FIELD_DEPTH) return Number.POSITIVE_INFINITY;
    const known = sizes.get(value);
    if (known !== undefined) return known;
    sizes.set(value, Number.POSITIVE_INFINITY); // a cycle (a self-referencing alias) counts as too big
    let total = 1;
    for (const child of Object.values(value)) {
      total += size(child, depth + 1);
      if (total > MAX_FIELD_VALUES) break;
    }
    sizes.set(value, total);
    return total;
  };
  const total = size(data, 0);
  if (total <= MAX_FIELD_VALUES) return undefined;
  return Number.isFinite(total)
    ? t('the fields expand to more than {0} values (YAML aliases used over and over?); not loaded', MAX_FIELD_VALUES.toLocaleString(currentLanguage() === 'ru' ? 'ru-RU' : 'en-US'))
    : t('the fields are nested more than {0} levels deep, or an alias refers to itself; not loaded', MAX_FIELD_DEPTH);
}

function loadMapping(
  file: string,
  yamlText: string,
  firstLine: number,
): { data: ClientFields } | { problem: Problem } {
  let data: unknown;
  try {
    data = load(yamlText, { schema: CORE_SCHEMA, filename: file });
  } catch (error) {
    return { problem: yamlError(file, error, firstLine, yamlText) };
  }
  if (data === undefined || data === null) return { data: {} };
  const shape = shapeProblem(data);
  if (shape !== undefined) return { problem: problem(file, firstLine, 1, 'parse-error', shape) };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      problem: problem(file, firstLine, 1, 'parse-error', t('the fields must be a YAML mapping (`key: value` lines)')),
    };
  }
  return { data: data as ClientFields };
}

/**
 * Parses one record file. `file` is the workspace-relative path with `/`. A file whose fields do
 * not parse yields only problems; a parsed file yields a record even with invalid field values.
 */
/**
 * Where a `.yaml` record's notes sit in its file, when they are a literal block (`notes: |`): the
 * 0-based line after the key and the block's indentation. Each line of such a block is one line
 * of the file, so tasks and search hits in the notes have file lines. Other forms (folded, quoted,
 * an indentation indicator) do not map line for line: undefined.
 */
function notesBlock(yamlText: string, notes: string): { line: number; indent: number } | undefined {
  const lines = yamlText.split('\n');
  const at = lines.findIndex((line) => /^notes:[ \t]*\|[+-]?[ \t]*(?:#.*)?\r?$/.test(line));
  if (at === -1) return undefined;
  const first = notes.split('\n').findIndex((line) => line.trim() !== '');
  const content = first === -1 ? undefined : lines[at + 1 + first];
  const indent = content === undefined ? 0 : (/^ */.exec(content)?.[0].length ?? 0);
  // The block's first non-blank line must be the notes' first non-blank line, indented.
  if (content === undefined || indent === 0 || content.slice(indent).replace(/\r$/, '') !== notes.split('\n')[first]) return undefined;
  return { line: at + 1, indent };
}

export function parseRecordText(file: string, input: string, options: ParseOptions): ParsedFile {
  const format = formatOf(file);
  if (!format) return { problems: [problem(file, 1, 1, 'parse-error', t('not a .md, .yaml or .yml file'))] };
  if (input.length > MAX_RECORD_BYTES) {
    const mb = (input.length / 1024 / 1024).toFixed(1);
    return {
      problems: [problem(file, 1, 1, 'parse-error', t('file is {0} MB, over the {1} MB limit for a record; not loaded', mb, MAX_RECORD_BYTES / 1024 / 1024))],
    };
  }
  if (input.includes('\u0000')) {
    return { problems: [problem(file, 1, 1, 'parse-error', t('binary content (NUL bytes): not a text record'))] };
  }

  let yamlText: string;
  let yamlLine: number;
  let body = '';
  let bodyLine = 0;
  let bodyIndent = 0;
  if (format === 'md') {
    const split = splitFrontMatter(input);
    if (!split.ok) {
      const problems = [problem(file, split.line, split.column, 'parse-error', split.message)];
      for (const line of conflictMarkerLines(stripBom(input).text)) {
        problems.push(problem(file, line, 1, 'merge-conflict', t('unresolved git merge conflict marker')));
      }
      return { problems };
    }
    yamlText = split.frontMatter;
    yamlLine = split.frontMatterLine;
    body = split.body;
    bodyLine = split.bodyLine;
  } else {
    yamlText = stripBom(input).text;
    yamlLine = 1;
  }

  const yamlConflicts = conflictMarkerLines(yamlText, yamlLine);
  if (yamlConflicts.length > 0) {
    // A half-merged front matter must not be silently half-parsed: it is not a record.
    const problems = [
      problem(file, yamlConflicts[0] ?? yamlLine, 1, 'parse-error', t('the fields contain a git merge conflict; resolve it to load the record')),
      ...yamlConflicts.map((line) => problem(file, line, 1, 'merge-conflict', t('unresolved git merge conflict marker'))),
      ...conflictMarkerLines(body, bodyLine).map((line) =>
        problem(file, line, 1, 'merge-conflict', t('unresolved git merge conflict marker')),
      ),
    ];
    return { problems };
  }

  const loaded = loadMapping(file, yamlText, yamlLine);
  if ('problem' in loaded) return { problems: [loaded.problem], yamlText, yamlLine };
  const data = loaded.data;
  if (format === 'yaml' && typeof data.notes === 'string') {
    body = data.notes;
    const block = notesBlock(yamlText, data.notes);
    if (block) {
      bodyLine = yamlLine + block.line;
      bodyIndent = block.indent;
    }
  }

  const problems = conflictMarkerLines(body, bodyLine).map((line) =>
    problem(file, line, 1, 'merge-conflict', t('unresolved git merge conflict marker')),
  );
  const record: CrmRecord = {
    kind: options.kind,
    id: slugOf(file),
    file,
    format,
    data,
    body,
    bodyLine,
    ...(bodyIndent > 0 && { bodyIndent }),
    archived: options.archived,
  };
  return { record, problems, yamlText, yamlLine };
}
