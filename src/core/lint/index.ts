// Lint over the whole workspace: the loader's problems (parse, merge conflicts, schema and field
// checks) plus the rules in this folder, one rule a file.
import type { Problem } from '../model';
import type { WorkspaceStore } from '../store';
import { duplicateRule } from './duplicateRule';
import { invoiceNumberRule } from './invoiceNumberRule';
import { locateFindings } from './locate';
import { overdueActionRule } from './overdueActionRule';
import { overdueInvoiceRule } from './overdueInvoiceRule';
import { phoneRule } from './phoneRule';
import type { LintRule } from './rule';
import { secretRule } from './secretRule';
import { staleRule } from './staleRule';

export interface LintOptions {
  /** ISO date that time rules measure against; never read from the clock in the core. */
  today: string;
}

export const RULES: readonly LintRule[] = [phoneRule, duplicateRule, secretRule, staleRule, overdueActionRule, overdueInvoiceRule, invoiceNumberRule];

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function compareProblems(a: Problem, b: Problem): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.range.start.line !== b.range.start.line) return a.range.start.line - b.range.start.line;
  if (a.range.start.column !== b.range.start.column) return a.range.start.column - b.range.start.column;
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code);
}

export async function lintWorkspace(store: WorkspaceStore, options: LintOptions): Promise<Problem[]> {
  const ctx = { store, config: store.config, today: options.today };
  const findings = RULES.flatMap((rule) => rule.check(ctx));
  const problems = [...store.problems(), ...(await locateFindings(store, findings))];
  return problems.sort(compareProblems);
}
