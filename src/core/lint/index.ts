// Lint over the whole workspace: the loader's problems (parse, merge conflicts, schema and field
// checks) plus the rules in this folder, one rule a file.
import { currentLanguage } from '../i18n';
import type { Problem } from '../model';
import { runInSlices, slicer } from '../slices';
import type { WorkspaceStore } from '../store';
import { consentRule } from './consentRule';
import { duplicateRule } from './duplicateRule';
import { invoiceNumberRule } from './invoiceNumberRule';
import { cacheableProblems, type CachedProblems, lintCacheKey, readLintCache, writeLintCache } from './lintCache';
import { type FileLocator, locateFindings } from './locate';
import { missingFieldRule } from './missingFieldRule';
import { noNextStepRule } from './noNextStepRule';
import { overdueActionRule } from './overdueActionRule';
import { overdueInvoiceRule } from './overdueInvoiceRule';
import { overdueTaskRule } from './overdueTaskRule';
import { phoneRule } from './phoneRule';
import { possibleDuplicateRule } from './possibleDuplicateRule';
import { requisitesRule } from './requisitesRule';
import { dealIdRule } from './dealIdRule';
import { playbookTemplateRule } from './playbookTemplateRule';
import type { Finding, LintContext, LintRule } from './rule';
import { secretRule } from './secretRule';
import { staleRule } from './staleRule';

export interface LintOptions {
  /** ISO date that time rules measure against; never read from the clock in the core. */
  today: string;
  /**
   * Where record problems are kept between runs (the CLI's `.crm/.cache/lint.json`): an unchanged
   * file's are read back instead of linted. Undefined: no cache.
   */
  cacheFile?: string;
}

export const RULES: readonly LintRule[] = [phoneRule, duplicateRule, secretRule, staleRule, overdueActionRule, overdueTaskRule, overdueInvoiceRule, invoiceNumberRule, consentRule, requisitesRule, missingFieldRule, noNextStepRule, possibleDuplicateRule, dealIdRule, playbookTemplateRule];

/** Longest stretch of record rules before the event loop is served. */
const SLICE_MS = 10;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function compareProblems(a: Problem, b: Problem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.range.start.line !== b.range.start.line) return a.range.start.line - b.range.start.line;
  if (a.range.start.column !== b.range.start.column) return a.range.start.column - b.range.start.column;
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code);
}

export async function lintWorkspace(store: WorkspaceStore, options: LintOptions): Promise<Problem[]> {
  const live = new LiveLint(store);
  await (options.cacheFile === undefined ? live.run(options.today) : live.runCached(options.today, options.cacheFile));
  return live.problems();
}

/**
 * Lint kept up to date as files change: per-record rules re-run for the changed files only,
 * workspace rules (duplicates, collisions) re-run whole, and each file is read for positions once
 * until it changes. The loader's own problems (parse, schema) come from the store as they are.
 */
export class LiveLint {
  private readonly recordProblems = new Map<string, Problem[]>();
  private workspaceProblems: Problem[] = [];
  private readonly locators = new Map<string, FileLocator>();
  private today = '';
  /** Files whose record rules ran in the last `run` or `update` (the others came from a cache). */
  linted = 0;

  constructor(private readonly store: WorkspaceStore) {}

  /**
   * Lints everything (the first time, after a reload, and when the day changes). `cached`: record
   * problems from a cache written for this config, language and `today`; a file whose record has
   * the entry's stamp takes them instead of running the record rules.
   */
  async run(today: string, cached?: ReadonlyMap<string, CachedProblems>): Promise<void> {
    this.today = today;
    this.recordProblems.clear();
    this.locators.clear();
    const files = this.store.files().map((entry) => entry.file);
    await this.lintRecords(files, cached);
    await this.lintWorkspace();
  }

  /**
   * `run` with the record problems of `cacheFile` (when it was written for this config, language and
   * day), which is then rewritten if it would say something else: a file linted anew, or one gone
   * (and not written at all while every file is too new to keep). `sliceMs`: how long the host's
   * thread is held at a time.
   */
  async runCached(today: string, cacheFile: string, sliceMs = Number.POSITIVE_INFINITY): Promise<void> {
    const key = lintCacheKey(this.store.config, currentLanguage(), today);
    const cached = await readLintCache(cacheFile, key, sliceMs);
    await this.run(today, cached);
    const entries = this.cacheEntries(Date.now());
    if (cached ? this.linted > 0 || entries.size !== cached.size : entries.size > 0) await writeLintCache(cacheFile, key, entries, sliceMs);
  }

  /** Each record's problems that a cache may keep (see `cacheableProblems`), by file. */
  private cacheEntries(now: number): Map<string, CachedProblems> {
    const entries = new Map<string, CachedProblems>();
    for (const { file } of this.store.files()) {
      const stamp = this.store.byFile(file)?.stamp;
      const problems = this.recordProblems.get(file) ?? [];
      if (cacheableProblems(file, stamp, problems, now)) entries.set(file, { stamp: stamp!, problems });
    }
    return entries;
  }

  /** Follows changed, added or removed files. */
  async update(files: readonly string[]): Promise<void> {
    for (const file of files) {
      this.locators.delete(file);
      this.recordProblems.delete(file);
    }
    await this.lintRecords(files);
    await this.lintWorkspace();
  }

  /** Every problem, sorted by file and position. */
  problems(): Problem[] {
    const out = [...this.store.problems(), ...this.workspaceProblems];
    for (const list of this.recordProblems.values()) out.push(...list);
    return out.sort(compareProblems);
  }

  private context(): LintContext {
    return { store: this.store, config: this.store.config, today: this.today };
  }

  private async lintRecords(files: readonly string[], cached?: ReadonlyMap<string, CachedProblems>): Promise<void> {
    const ctx = this.context();
    const findings: Finding[] = [];
    const pause = slicer(SLICE_MS);
    this.linted = 0;
    for (const file of files) {
      const record = this.store.byFile(file);
      if (!record) continue;
      const known = cached?.get(file);
      if (known && record.stamp !== undefined && known.stamp === record.stamp) {
        if (known.problems.length > 0) this.recordProblems.set(file, [...known.problems]);
        continue;
      }
      this.linted++;
      for (const rule of RULES) if (rule.checkRecord) findings.push(...rule.checkRecord(record, ctx));
      // ~50 µs a record: 10k records would hold the extension host for half a second.
      const wait = pause();
      if (wait) await wait;
    }
    for (const problem of await locateFindings(this.store, findings, this.locators)) {
      const list = this.recordProblems.get(problem.file);
      if (list) list.push(problem);
      else this.recordProblems.set(problem.file, [problem]);
    }
  }

  private async lintWorkspace(): Promise<void> {
    const ctx = this.context();
    const findings: Finding[] = [];
    const pause = slicer(SLICE_MS);
    for (const rule of RULES) {
      // Each rule reads every record (duplicates, collisions): the host is served between rules,
      // and within the long ones.
      if (rule.checkSteps) findings.push(...(await runInSlices(rule.checkSteps(ctx), SLICE_MS)));
      else if (rule.check) findings.push(...rule.check(ctx));
      else continue;
      const wait = pause();
      if (wait) await wait;
    }
    this.workspaceProblems = await locateFindings(this.store, findings, this.locators);
  }
}
