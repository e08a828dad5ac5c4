// The CLI end to end: spawn the built bin, assert on its output and exit codes (PRODUCT.md §7).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLI, FIXTURES, SAMPLE_WORKSPACE } from '../paths';

const MIXED = path.join(FIXTURES, 'workspaces', 'mixed');

function cli(args: string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, PLAIN_CRM_TODAY: '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('the CLI is built', () => {
  assert.ok(existsSync(path.join(path.dirname(CLI), '..', 'dist', 'cli.js')), 'run `node esbuild.mjs cli` first');
});

test('stats --format json has the shape of PRODUCT.md §7', () => {
  const { code, stdout, stderr } = cli(['stats', '-w', MIXED, '--format', 'json', '--today', '2026-11-24']);
  assert.equal(stderr, '');
  assert.equal(code, 0);
  const stats = JSON.parse(stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(stats), ['records', 'archived', 'stages', 'problems']);
  assert.equal(stats['records'], 5);
  assert.equal(stats['archived'], 1);
  // Warnings: an unknown config key, and anna-smirnova is stale (53 days in proposal) and has no
  // next step (no next action, no task, 313 days in stage since `created`).
  assert.deepEqual(stats['problems'], { error: 5, warning: 3 });
});

test('stats prints a readable table by default', () => {
  const { code, stdout } = cli(['stats', '-w', MIXED]);
  assert.equal(code, 0);
  assert.match(stdout, /records: 5 \(archived: 1\)/);
  assert.match(stdout, /proposal\s+1\s+120,000/);
});

test('lint --format json: positions of the offending keys, exit 1 on errors', () => {
  const { code, stdout } = cli(['lint', '-w', MIXED, '--format', 'json']);
  assert.equal(code, 1);
  const problems = JSON.parse(stdout) as { file: string; line: number; column: number; severity: string; code: string; message: string }[];
  assert.deepEqual(Object.keys(problems[0]!), ['file', 'line', 'column', 'severity', 'code', 'message']);
  const bob = problems.filter((p) => p.file === 'clients/bob-stone.md').map((p) => `${p.code}@${p.line}:${p.column}`);
  assert.deepEqual(bob, ['invalid-email@3:1', 'no-consent@3:1', 'unknown-stage@4:1', 'invalid-date@6:1']);
  assert.ok(problems.some((p) => p.file === 'clients/broken.md' && p.code === 'parse-error'));
});

test('lint text names file:line:column and ends with a count', () => {
  const { code, stdout } = cli(['lint', '-w', MIXED, '--today', '2026-11-24']);
  assert.equal(code, 1);
  assert.match(stdout, /^clients\/bob-stone\.md:3:1 {2}error {2}invalid-email {2}/m);
  assert.match(stdout, /^clients\/anna-smirnova\.md:10:1 {2}warning {2}stale {2}no contact for 53 days/m);
  assert.match(stdout, /^clients\/anna-smirnova\.md:6:1 {2}warning {2}no-next-step {2}no next step: 313 days in stage "proposal"/m);
  assert.match(stdout, /5 errors, 3 warnings, 2 info\n$/);
});

test('usage errors exit 2 with one line on stderr and no stack trace', () => {
  for (const args of [
    ['stats', '--format', 'xml', '-w', MIXED],
    ['stats', '-w', path.join(MIXED, 'no-such-folder')],
    ['stats', '--today', '2026-13-45', '-w', MIXED],
    ['stats', '--bogus'],
    ['frobnicate'],
  ]) {
    const { code, stdout, stderr } = cli(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(stderr, /^plain-crm: /);
    assert.doesNotMatch(stderr, /\n\s+at /);
  }
});

test('a bad PLAIN_CRM_TODAY is a usage error too', () => {
  const { code, stderr } = cli(['stats', '-w', MIXED], { PLAIN_CRM_TODAY: 'tomorrow' });
  assert.equal(code, 2);
  assert.match(stderr, /PLAIN_CRM_TODAY/);
});

test('--help and --version exit 0', () => {
  const help = cli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /stats/);
  assert.match(help.stdout, /lint/);
  const statsHelp = cli(['stats', '--help']);
  assert.equal(statsHelp.code, 0);
  assert.match(statsHelp.stdout, /--format text\|json/);
  const version = cli(['--version']);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+/);
});

test('the sample workspace: stats shape and every record loads', { skip: !existsSync(SAMPLE_WORKSPACE) }, () => {
  const { code, stdout } = cli(['stats', '-w', SAMPLE_WORKSPACE, '--format', 'json', '--today', '2026-11-24']);
  assert.equal(code, 0);
  const stats = JSON.parse(stdout) as { records: number; stages: Record<string, { count: number; value: number }> };
  assert.ok(stats.records >= 35, `records: ${stats.records}`);
  assert.deepEqual(Object.keys(stats.stages).slice(0, 6), ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
  const lint = cli(['lint', '-w', SAMPLE_WORKSPACE, '--format', 'json', '--today', '2026-11-24']);
  const problems = JSON.parse(lint.stdout) as { code: string }[];
  assert.equal(problems.filter((p) => p.code === 'parse-error').length, 0);
});

test('the sample workspace: stats shows the completeness of required fields, lint the hygiene findings', { skip: !existsSync(SAMPLE_WORKSPACE) }, () => {
  const json = JSON.parse(cli(['stats', '-w', SAMPLE_WORKSPACE, '--format', 'json', '--today', '2026-11-24']).stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(json), ['records', 'archived', 'stages', 'problems', 'completeness']);
  assert.deepEqual(json['completeness'], { email: 95.2, value: 90.5, 'requisites.inn': 9.5 });
  const text = cli(['stats', '-w', SAMPLE_WORKSPACE, '--today', '2026-11-24']).stdout;
  assert.match(text, /completeness \(required fields\):\nemail {12}95\.2 %\nvalue {12}90\.5 %\nrequisites\.inn {4}9\.5 %\n$/);
  const problems = JSON.parse(cli(['lint', '-w', SAMPLE_WORKSPACE, '--format', 'json', '--today', '2026-11-24']).stdout) as { file: string; code: string; line: number }[];
  const of = (code: string): string[] => problems.filter((p) => p.code === code).map((p) => `${p.file}:${p.line}`);
  assert.deepEqual(of('missing-field'), ['clients/irina-vasilyeva.md:9', 'clients/konstantin-belov.yaml:6', 'clients/mikhail-orlov.md:7', 'clients/yulia-tarasova.md:7']);
  assert.deepEqual(of('no-next-step'), ['clients/igor-sokolov.md:7', 'clients/konstantin-belov.yaml:6', 'clients/oksana-melnikova.md:7', 'clients/pavel-romashkin.md:7']);
  assert.deepEqual(of('possible-duplicate'), [], 'the sample has none until examples/possible-duplicate.md is copied in');
});
