// Schema validation of records and workspace files with ajv against schemas/*.json, mapped to
// our problem codes. Positions are computed only for files that have a problem.
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as generated from './generated/validators';
import { findStage } from './config';
import { hasDealList } from './deals';
import { t } from './i18n';
import type { CrmConfig, CrmRecord, Problem, ProblemCode, Severity } from './model';
import { createKeyLocator, type FieldPath, type KeyLocator } from './parse/positions';

export type SchemaName = 'client' | 'config' | 'invoice' | 'segments' | 'template' | 'campaign';

/** A problem on a field, before it has a position in the file. */
export interface FieldIssue {
  path: FieldPath;
  code: ProblemCode;
  message: string;
  severity?: Severity;
  /** Point at the value rather than the key (e.g. a missing property points at its parent). */
  atValue?: boolean;
  /** Machine-readable details for quick fixes. */
  data?: Record<string, unknown>;
}

/**
 * Compiled from schemas/ at build time (scripts/build-validators.mjs, ajv's standalone output with
 * `allErrors`, `strict: false` and `verbose`, so that a date field's type error is told apart by
 * its parent schema): ajv's compile at run time cost every process ~260 ms on one block.
 */
const validators = generated as unknown as Record<SchemaName, ValidateFunction>;

function validator(name: SchemaName): ValidateFunction {
  return validators[name];
}

function pathOf(error: ErrorObject): (string | number)[] {
  if (error.instancePath === '') return [];
  return error.instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function fieldName(path: FieldPath): string {
  return path.length === 0 ? t('the record') : path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
}

/** What a value of a JSON Schema type is called in a message: "a number", "a list". */
function typeName(type: string): string {
  switch (type) {
    case 'string':
      return t('text');
    case 'number':
      return t('a number');
    case 'integer':
      return t('a whole number');
    case 'boolean':
      return t('true or false');
    case 'array':
      return t('a list');
    case 'object':
      return t('a mapping of fields');
    default:
      return type;
  }
}

/** "a number", "a list or text": what a type error expected, without the `null` escape hatch; undefined for `null` alone. */
function expectedType(type: string | string[] | undefined): string | undefined {
  const types = (Array.isArray(type) ? type : [type ?? '']).filter((name) => name !== 'null');
  const names = types.map(typeName);
  return names.length === 0 ? undefined : names.reduce((all, name) => t('{0} or {1}', all, name));
}

/** The rule a value breaks, as ajv words it (`must be <= 100`), in the user's language. */
function ruleMessage(error: ErrorObject): string {
  const params = error.params as { limit?: unknown; pattern?: unknown };
  const limit = String(params.limit);
  switch (error.keyword) {
    case 'minimum':
      return t('must be >= {0}', limit);
    case 'maximum':
      return t('must be <= {0}', limit);
    case 'exclusiveMinimum':
      return t('must be > {0}', limit);
    case 'exclusiveMaximum':
      return t('must be < {0}', limit);
    case 'minLength':
      return limit === '1' ? t('must NOT have fewer than 1 characters') : t('must NOT have fewer than {0} characters', limit);
    case 'maxLength':
      return t('must NOT have more than {0} characters', limit);
    case 'minItems':
      return limit === '1' ? t('must NOT have fewer than 1 items') : t('must NOT have fewer than {0} items', limit);
    case 'maxItems':
      return t('must NOT have more than {0} items', limit);
    case 'pattern':
      return t('must match pattern "{0}"', String(params.pattern));
    default:
      return error.message ?? t('is not valid');
  }
}

function issueFromAjv(error: ErrorObject): FieldIssue | undefined {
  const path = pathOf(error);
  const parent = error.parentSchema as { format?: string } | undefined;
  const format = error.keyword === 'format' ? String((error.params as { format?: string }).format) : parent?.format;
  const name = fieldName(path);
  if (format === 'email' || format === 'idn-email') {
    return { path, code: 'invalid-email', message: t('{0}: {1} is not a valid e-mail address', name, describeValue(error.data)) };
  }
  if (format === 'date') {
    return { path, code: 'invalid-date', message: t('{0}: {1} is not a date; write YYYY-MM-DD', name, describeValue(error.data)) };
  }
  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty?: string }).missingProperty);
      const message = path.length === 0 ? t('missing required field "{0}"', missing) : t('{0}: missing required field "{1}"', name, missing);
      return { path, code: 'schema', message, atValue: true };
    }
    case 'additionalProperties': {
      const extra = String((error.params as { additionalProperty?: string }).additionalProperty);
      return { path: [...path, extra], code: 'schema', message: t('unknown key "{0}"', fieldName([...path, extra])) };
    }
    case 'enum': {
      const allowed = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map(String).join(', ');
      return { path, code: 'schema', message: t('{0}: {1} is not one of {2}', name, describeValue(error.data), allowed) };
    }
    case 'type': {
      const expected = expectedType((error.params as { type?: string | string[] }).type);
      const message = expected === undefined ? t('{0}: {1} is not empty', name, describeValue(error.data)) : t('{0}: {1} is not {2}', name, describeValue(error.data), expected);
      return { path, code: 'schema', message };
    }
    // Subschema errors of oneOf/anyOf repeat their branches' errors; the branch errors say more.
    case 'oneOf':
    case 'anyOf':
    case 'if':
      return undefined;
    default:
      return { path, code: 'schema', message: t('{0}: {1}', name, ruleMessage(error)) };
  }
}

/** Validates plain data against one of our schemas; one issue per field path and code. */
export function schemaIssues(name: SchemaName, data: unknown): FieldIssue[] {
  const fn = validator(name);
  if (fn(data)) return [];
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const error of fn.errors ?? []) {
    const issue = issueFromAjv(error);
    if (!issue) continue;
    const key = `${issue.code}|${issue.path.join('.')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  // oneOf/anyOf alone may leave nothing more specific: keep one general message then.
  if (issues.length === 0 && fn.errors && fn.errors.length > 0) {
    const first = fn.errors[0]!;
    issues.push({ path: pathOf(first), code: 'schema', message: t('{0}: {1}', fieldName(pathOf(first)), ruleMessage(first)) });
  }
  return issues;
}

/**
 * Checks of a client record beyond its schema: each stage (top-level, or each deal's) must be a
 * configured one; a top-level `stage` beside `deals:` is ignored, which the user should know.
 */
export function clientIssues(record: CrmRecord, config: CrmConfig): FieldIssue[] {
  const issues = schemaIssues('client', record.data);
  const withDeals = hasDealList(record);
  const stageIssue = (fields: Record<string, unknown>, path: FieldPath): void => {
    const stage = fields.stage;
    if (typeof stage !== 'string' || stage.trim() === '') return;
    const pipeline = typeof fields.pipeline === 'string' ? fields.pipeline : undefined;
    if (!findStage(config, stage, pipeline)) {
      const known = config.stages.map((s) => s.id).join(', ');
      issues.push({ path: [...path, 'stage'], code: 'unknown-stage', message: t('unknown stage "{0}"; configured stages: {1}', stage, known) });
    }
  };
  if (!withDeals) stageIssue(record.data, []);
  else {
    (record.data.deals as unknown[]).forEach((deal, index) => {
      if (typeof deal === 'object' && deal !== null && !Array.isArray(deal)) stageIssue(deal as Record<string, unknown>, ['deals', index]);
    });
    if (record.data.stage !== undefined && record.data.stage !== null) {
      issues.push({
        path: ['stage'],
        code: 'schema',
        severity: 'warning',
        message: t('the record has deals: each deal\'s stage counts and this top-level stage is ignored; move it into a deal or remove it'),
        data: { fix: 'split-into-deals' },
      });
    }
  }
  return issues;
}

/** Gives field issues their positions in the file and the configured severities. */
export function positionIssues(
  file: string,
  issues: readonly FieldIssue[],
  yamlText: string,
  yamlLine: number,
  severity: (code: ProblemCode) => Severity | 'off',
): Problem[] {
  if (issues.length === 0) return [];
  let locator: KeyLocator | undefined;
  const problems: Problem[] = [];
  for (const issue of issues) {
    const level = issue.severity ?? severity(issue.code);
    if (level === 'off') continue;
    locator ??= createKeyLocator(yamlText, yamlLine);
    const start = issue.atValue ? (locator.valuePosition(issue.path) ?? locator.keyPosition(issue.path)) : locator.keyPosition(issue.path);
    const last = issue.path[issue.path.length - 1];
    const width = typeof last === 'string' ? last.length : 1;
    problems.push({
      file,
      range: { start, end: { line: start.line, column: start.column + Math.max(width, 1) } },
      severity: level,
      code: issue.code,
      message: issue.message,
      ...(issue.data ? { data: issue.data } : {}),
    });
  }
  return problems;
}
