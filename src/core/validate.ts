// Schema validation of records and workspace files with ajv against schemas/*.json, mapped to
// our problem codes. Positions are computed only for files that have a problem.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import clientSchema from '../../schemas/client.schema.json';
import configSchema from '../../schemas/config.schema.json';
import invoiceSchema from '../../schemas/invoice.schema.json';
import segmentsSchema from '../../schemas/segments.schema.json';
import { findStage } from './config';
import type { CrmConfig, CrmRecord, Problem, ProblemCode, Severity } from './model';
import { createKeyLocator, type FieldPath, type KeyLocator } from './parse/positions';

export type SchemaName = 'client' | 'config' | 'invoice' | 'segments';

/** A problem on a field, before it has a position in the file. */
export interface FieldIssue {
  path: FieldPath;
  code: ProblemCode;
  message: string;
  severity?: Severity;
  /** Point at the value rather than the key (e.g. a missing property points at its parent). */
  atValue?: boolean;
}

let ajv: Ajv | undefined;
const validators = new Map<SchemaName, ValidateFunction>();

function validator(name: SchemaName): ValidateFunction {
  let fn = validators.get(name);
  if (!fn) {
    if (!ajv) {
      // verbose: the parent schema tells a date field's type error from any other.
      ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
      addFormats(ajv);
    }
    const schema = { client: clientSchema, config: configSchema, invoice: invoiceSchema, segments: segmentsSchema }[name];
    fn = ajv.compile(schema);
    validators.set(name, fn);
  }
  return fn;
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
  return path.length === 0 ? 'the record' : path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
};

/** "a number", "a list or text": what a type error expected, without the `null` escape hatch. */
function expectedType(type: string | string[] | undefined): string {
  const types = (Array.isArray(type) ? type : [type ?? '']).filter((t) => t !== 'null');
  const names = types.map((t) => TYPE_NAMES[t] ?? t);
  return names.length === 0 ? 'empty' : names.join(' or ');
}

function issueFromAjv(error: ErrorObject): FieldIssue | undefined {
  const path = pathOf(error);
  const parent = error.parentSchema as { format?: string } | undefined;
  const format = error.keyword === 'format' ? String((error.params as { format?: string }).format) : parent?.format;
  const name = fieldName(path);
  if (format === 'email' || format === 'idn-email') {
    return { path, code: 'invalid-email', message: `${name}: ${describeValue(error.data)} is not a valid e-mail address` };
  }
  if (format === 'date') {
    return { path, code: 'invalid-date', message: `${name}: ${describeValue(error.data)} is not a date; write YYYY-MM-DD` };
  }
  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty?: string }).missingProperty);
      return { path, code: 'schema', message: `${name === 'the record' ? 'missing' : `${name}: missing`} required field "${missing}"`, atValue: true };
    }
    case 'additionalProperties': {
      const extra = String((error.params as { additionalProperty?: string }).additionalProperty);
      return { path: [...path, extra], code: 'schema', message: `unknown key "${fieldName([...path, extra])}"` };
    }
    case 'enum': {
      const allowed = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).map(String).join(', ');
      return { path, code: 'schema', message: `${name}: ${describeValue(error.data)} is not one of ${allowed}` };
    }
    case 'type':
      return { path, code: 'schema', message: `${name}: ${describeValue(error.data)} is not ${expectedType((error.params as { type?: string | string[] }).type)}` };
    // Subschema errors of oneOf/anyOf repeat their branches' errors; the branch errors say more.
    case 'oneOf':
    case 'anyOf':
    case 'if':
      return undefined;
    default:
      return { path, code: 'schema', message: `${name}: ${error.message ?? 'is not valid'}` };
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
    issues.push({ path: pathOf(first), code: 'schema', message: `${fieldName(pathOf(first))}: ${first.message ?? 'is not valid'}` });
  }
  return issues;
}

/** Checks of a client record beyond its schema: the stage must be a configured one. */
export function clientIssues(record: CrmRecord, config: CrmConfig): FieldIssue[] {
  const issues = schemaIssues('client', record.data);
  const stage = record.data.stage;
  if (typeof stage === 'string' && stage.trim() !== '') {
    const pipeline = typeof record.data.pipeline === 'string' ? record.data.pipeline : undefined;
    if (!findStage(config, stage, pipeline)) {
      const known = config.stages.map((s) => s.id).join(', ');
      issues.push({ path: ['stage'], code: 'unknown-stage', message: `unknown stage "${stage}"; configured stages: ${known}` });
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
    });
  }
  return problems;
}
