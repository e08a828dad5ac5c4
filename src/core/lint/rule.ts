// What a lint rule is: a function from the workspace to findings on fields or lines. Positions
// are resolved afterwards, once per file (locate.ts), so rules stay cheap and pure.
import type { CrmConfig, CrmRecord, ProblemCode, Severity } from '../model';
import type { FieldPath } from '../parse/positions';
import type { WorkspaceStore } from '../store';

export interface LintContext {
  store: WorkspaceStore;
  config: CrmConfig;
  /** ISO date the time rules measure against. */
  today: string;
}

/** Where a finding points: a field of the front matter, or a 1-based line of the file. */
export type FindingTarget = { path: FieldPath } | { line: number; column?: number; length?: number };

export type RelatedFinding = FindingTarget & { file: string; message: string };

export type Finding = FindingTarget & {
  file: string;
  code: ProblemCode;
  message: string;
  /** Overrides the code's configured severity (rare: the rule knows better). */
  severity?: Severity;
  related?: RelatedFinding[];
  data?: Record<string, unknown>;
};

export interface LintRule {
  /** The codes this rule can produce (for docs and SARIF rule metadata). */
  codes: readonly ProblemCode[];
  /**
   * A rule about one record at a time (any kind, archived included: the rule filters), so an
   * edit re-runs it for the changed file only.
   */
  checkRecord?(record: CrmRecord, ctx: LintContext): Finding[];
  /** A rule that compares records (duplicates, number collisions): re-run on every change. */
  check?(ctx: LintContext): Finding[];
  /**
   * `check` as steps, for the rules that take long over a large workspace (the duplicate rules:
   * 0.1–0.2 s at 10k clients): the extension's lint serves its host between them.
   */
  checkSteps?(ctx: LintContext): Generator<void, Finding[], void>;
}
