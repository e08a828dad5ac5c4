// Lint problems as a SARIF 2.1.0 log, the format GitHub code scanning and other CI tools read:
// one rule per problem code with its description and default level, one result per problem with
// its exact region, paths relative to the repository root.
import type * as Sarif from 'sarif';
import { severityOf } from '../config';
import { type CrmConfig, PROBLEM_CODES, type Problem, type Severity } from '../model';
import { CODE_DESCRIPTIONS } from './codes';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

function level(severity: Severity): Sarif.ReportingConfiguration.level {
  return severity === 'info' ? 'note' : severity;
}

/** A workspace path as a relative URI: each segment percent-encoded (Cyrillic file names). */
function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function location(prefix: string, file: string, line: number, column: number, endLine?: number, endColumn?: number): Sarif.Location {
  const region: Sarif.Region = { startLine: line, startColumn: column };
  if (endLine !== undefined) region.endLine = endLine;
  if (endColumn !== undefined) region.endColumn = endColumn;
  return { physicalLocation: { artifactLocation: { uri: fileUri(prefix + file) }, region } };
}

/**
 * `prefix` is the workspace's path inside the repository (`crm/`, or '' at the root): code
 * scanning resolves result paths against the repository root.
 */
export function toSarif(problems: readonly Problem[], config: CrmConfig, version: string, prefix = ''): Sarif.Log {
  const rules: Sarif.ReportingDescriptor[] = PROBLEM_CODES.map((code) => {
    const severity = severityOf(config, code);
    return {
      id: code,
      name: code.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase()),
      shortDescription: { text: CODE_DESCRIPTIONS[code] },
      defaultConfiguration: severity === 'off' ? { enabled: false } : { level: level(severity) },
    };
  });
  const ruleIndex = new Map(PROBLEM_CODES.map((code, i) => [code, i]));
  const results: Sarif.Result[] = problems.map((p) => {
    const result: Sarif.Result = {
      ruleId: p.code,
      ruleIndex: ruleIndex.get(p.code) ?? -1,
      level: level(p.severity),
      message: { text: p.message },
      locations: [location(prefix, p.file, p.range.start.line, p.range.start.column, p.range.end.line, p.range.end.column)],
    };
    if (p.related && p.related.length > 0) {
      result.relatedLocations = p.related.map((r, id) => ({ ...location(prefix, r.file, r.line, r.column), id, message: { text: r.message } }));
    }
    return result;
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'plain-crm', semanticVersion: version, rules } },
        results,
      },
    ],
  };
}
