// `lint --format sarif` end to end: a SARIF 2.1.0 log that the official JSON Schema accepts, with
// rule metadata, levels, exact regions and repository-relative paths (what code scanning needs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { FIXTURES, REPO_ROOT as REPO } from '../paths';
import { runCli } from './runCli';

const SCHEMA = path.join(REPO, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const TIME = path.join(FIXTURES, 'workspaces', 'lint-time');

function sarifOf(workspace: string): { code: number | null; log: Sarif.Log } {
  const run = runCli(['lint', '-w', workspace, '--format', 'sarif', '--today', '2026-11-24']);
  assert.equal(run.stderr, '');
  return { code: run.code, log: JSON.parse(run.stdout) as Sarif.Log };
}

test('the SARIF log validates against the SARIF 2.1.0 JSON Schema', () => {
  // The schema's language-tag pattern is not valid with the `u` flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
  for (const workspace of [TIME, path.join(REPO, 'sample-workspace'), path.join(FIXTURES, 'workspaces', 'lint')]) {
    const { log } = sarifOf(workspace);
    assert.ok(validate(log), `${workspace}: ${ajv.errorsText(validate.errors)}`);
  }
});

test('results carry the code, level, message and exact region, paths from the repository root', () => {
  const { code, log } = sarifOf(TIME);
  assert.equal(code, 1, 'errors exit 1 in SARIF too');
  const run = log.runs[0]!;
  assert.equal(run.tool.driver.name, 'plain-crm');
  const rules = run.tool.driver.rules ?? [];
  assert.ok(rules.some((r) => r.id === 'stale' && r.defaultConfiguration?.level === 'warning'));
  assert.ok(rules.some((r) => r.id === 'overdue-invoice' && r.defaultConfiguration?.level === 'error'), 'config.lint applies to rule metadata');
  const overdue = run.results?.find((r) => r.ruleId === 'overdue-action');
  assert.ok(overdue);
  assert.equal(rules[overdue.ruleIndex!]?.id, 'overdue-action');
  assert.equal(overdue.level, 'warning');
  assert.equal(overdue.message.text, 'next action "Call back" was due 2026-11-23, 1 day ago');
  const location = overdue.locations?.[0]?.physicalLocation;
  assert.equal(location?.artifactLocation?.uri, 'test/fixtures/workspaces/lint-time/clients/overdue.md');
  assert.deepEqual(location?.region, { startLine: 6, startColumn: 3, endLine: 6, endColumn: 7 });
  const collision = run.results?.find((r) => r.ruleId === 'invoice-number-collision');
  assert.equal(collision?.relatedLocations?.length, 1);
  // 8, and `no-next-step` on the two leads measured from `created` (bad-contact, created-only).
  assert.equal(run.results?.length, 10);
});
