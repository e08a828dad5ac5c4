// Resolves findings to file positions: one read and one `yaml` parse per file that has findings,
// none for the thousands that have none.
import { severityOf } from '../config';
import type { Position, Problem, RelatedLocation } from '../model';
import { splitFrontMatter, stripBom } from '../parse/frontMatter';
import { createKeyLocator, type KeyLocator } from '../parse/positions';
import { formatOf } from '../parse/recordText';
import { slicer } from '../slices';
import type { WorkspaceStore } from '../store';
import type { Finding, FindingTarget } from './rule';

/** Longest stretch of work before the event loop is served (the extension lints on its host's thread). */
const SLICE_MS = 10;

export interface FileLocator {
  at(target: FindingTarget): { start: Position; length: number };
}

/** Positions of keys and lines in one file's text (`text` undefined: every key at 1:1). */
export function fileLocator(file: string, text: string | undefined): FileLocator {
  let locator: KeyLocator | undefined;
  const keys = (): KeyLocator | undefined => {
    if (locator || text === undefined) return locator;
    if (formatOf(file) === 'md') {
      const split = splitFrontMatter(text);
      if (split.ok) locator = createKeyLocator(split.frontMatter, split.frontMatterLine);
    } else {
      locator = createKeyLocator(stripBom(text).text, 1);
    }
    return locator;
  };
  return {
    at(target) {
      if ('line' in target) return { start: { line: target.line, column: target.column ?? 1 }, length: target.length ?? 1 };
      const start = keys()?.keyPosition(target.path) ?? { line: 1, column: 1 };
      const last = target.path[target.path.length - 1];
      return { start, length: typeof last === 'string' ? Math.max(last.length, 1) : 1 };
    },
  };
}

/**
 * `locators` may be kept between calls (a live lint keeps them, dropping the changed files'), so
 * a file is read and scanned once, not once per lint.
 */
export async function locateFindings(store: WorkspaceStore, findings: readonly Finding[], locators = new Map<string, FileLocator>()): Promise<Problem[]> {
  const files = new Set<string>();
  for (const f of findings) {
    if (!locators.has(f.file)) files.add(f.file);
    for (const r of f.related ?? []) if (!locators.has(r.file)) files.add(r.file);
  }
  // Keys are found in the front matter: the notes after it are neither needed nor decoded.
  for (const [file, text] of await store.textsOf(files, { frontMatterOnly: true })) locators.set(file, fileLocator(file, text));
  const problems: Problem[] = [];
  // Positions parse YAML (~0.1 ms a file): the extension host is served between slices.
  const pause = slicer(SLICE_MS);
  for (const finding of findings) {
    const wait = pause();
    if (wait) await wait; // not on every finding: an await costs a turn of the microtask queue
    const severity = finding.severity ?? severityOf(store.config, finding.code);
    if (severity === 'off') continue;
    const { start, length } = locators.get(finding.file)!.at(finding);
    const problem: Problem = {
      file: finding.file,
      range: { start, end: { line: start.line, column: start.column + length } },
      severity,
      code: finding.code,
      message: finding.message,
    };
    if (finding.related) {
      problem.related = finding.related.map((r): RelatedLocation => {
        const at = locators.get(r.file)!.at(r).start;
        return { file: r.file, line: at.line, column: at.column, message: r.message };
      });
    }
    if (finding.data) problem.data = finding.data;
    problems.push(problem);
  }
  return problems;
}
