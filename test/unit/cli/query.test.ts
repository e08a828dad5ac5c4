// `plain-crm query` and `plain-crm search` end to end on sample-workspace/ (PRODUCT.md §7).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SAMPLE_WORKSPACE } from '../paths';
import { runCli } from './runCli';

const TODAY = '2026-11-24';

function json<T>(args: string[]): T {
  const { code, stdout, stderr } = runCli([...args, '-w', SAMPLE_WORKSPACE, '--today', TODAY, '--format', 'json']);
  assert.equal(stderr, '');
  assert.equal(code, 0);
  return JSON.parse(stdout) as T;
}

type Row = Record<string, unknown> & { id: string; file: string; name: string };

test('query --format json: {id, file, …front matter, …computed}, sorted by name', () => {
  const rows = json<Row[]>(['query', 'tag:vip']);
  assert.ok(rows.length >= 3);
  assert.deepEqual(Object.keys(rows[0]!).slice(0, 3), ['id', 'file', 'name']);
  for (const row of rows) {
    assert.ok((row['tags'] as string[]).map((t) => t.toLowerCase()).includes('vip'));
    assert.equal(row.file, `clients/${row.id}.${row.file.endsWith('.yaml') ? 'yaml' : 'md'}`);
    assert.ok('lifecycle' in row && 'orders' in row && 'revenue' in row);
  }
  const names = rows.map((r) => r.name);
  assert.deepEqual(names, [...names].sort(new Intl.Collator(['ru', 'en'], { sensitivity: 'base', numeric: true }).compare));
});

test('query --sort -value: biggest first; a segment name runs the saved query', () => {
  const rows = json<Row[]>(['query', 'hot-deals', '--sort', '-value']);
  // A client with `deals:` has no top-level value: it sorts last and matches through its deals.
  const values = rows.filter((r) => !('deals' in r)).map((r) => r['value'] as number);
  assert.ok(values.length > 0);
  assert.deepEqual(values, [...values].sort((a, b) => b - a));
  assert.deepEqual(rows.filter((r) => 'deals' in r).map((r) => r.id), ['ooo-meridian']);
  assert.equal(rows.at(-1)!.id, 'ooo-meridian');
  for (const row of rows) {
    const deals = (row['deals'] as Row[] | undefined) ?? [row];
    assert.ok(deals.some((deal) => ['proposal', 'negotiation'].includes(deal['stage'] as string) && (deal['value'] as number) >= 100000), row.id);
  }
  assert.deepEqual(json<Row[]>(['query', 'stage:proposal,negotiation value:>=100000', '--sort', '-value']), rows);
});

test('archived clients appear only with is:archived; nothing found is exit 0 and []', () => {
  const all = json<Row[]>(['query', '']);
  assert.ok(all.every((r) => !r.file.includes('/archive/')));
  const archived = json<Row[]>(['query', 'is:archived']);
  assert.ok(archived.length > 0 && archived.every((r) => r.file.startsWith('clients/archive/')));
  assert.deepEqual(json<Row[]>(['query', 'city:Атлантида']), []);
});

test('query --format csv: header, CRLF rows, lists joined, formula cells neutralized', () => {
  const { code, stdout } = runCli(['query', 'city:Москва', '-w', SAMPLE_WORKSPACE, '--today', TODAY, '--format', 'csv', '--columns', 'name,company,tags']);
  assert.equal(code, 0);
  const lines = stdout.split('\r\n');
  assert.equal(lines[0], 'name,company,tags');
  assert.equal(lines.at(-1), '');
  assert.ok(lines.some((l) => l.startsWith('Анна Смирнова,ООО «Ромашка»,')));
  // The sample's hostile company "@Home Interiors Ltd" must not reach a spreadsheet as a formula.
  assert.ok(lines.some((l) => l.includes(",'@Home Interiors Ltd,")), stdout);
});

test('query table: aligned columns and a count', () => {
  const { code, stdout } = runCli(['query', 'tag:vip', '-w', SAMPLE_WORKSPACE, '--today', TODAY]);
  assert.equal(code, 0);
  assert.match(stdout, /^name +stage +company +city +value\n/);
  assert.match(stdout, /\n\d+ records\n$/);
});

test('a bad query exits 2 with the column and what was expected, on one line', () => {
  for (const [query, column] of [
    ['value:>=abc', 9],
    ['stage:', 7],
    ['(tag:vip', 9],
    ['tag:vip OR', 11],
    ['is:sleepy', 4],
  ] as const) {
    const { code, stdout, stderr } = runCli(['query', query, '-w', SAMPLE_WORKSPACE]);
    assert.equal(code, 2, query);
    assert.equal(stdout, '');
    assert.match(stderr, new RegExp(`^plain-crm: column ${column}: expected .+\\n$`), `${query}: ${stderr}`);
  }
  const bad = runCli(['query', 'tag:vip', '--sort', 'value desc', '-w', SAMPLE_WORKSPACE]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^plain-crm: --sort: /);
});

test('search --format json: [{id, file, score, snippet}], best first; word forms agree', () => {
  type Hit = { id: string; file: string; score: number; snippet: string };
  const hits = json<Hit[]>(['search', 'Москва']);
  assert.ok(hits.length > 3);
  assert.deepEqual(Object.keys(hits[0]!), ['id', 'file', 'score', 'snippet']);
  const scores = hits.map((h) => h.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  assert.match(hits[0]!.snippet, /Москв/i);
  const ids = (h: Hit[]): string[] => h.map((x) => x.id).sort();
  assert.deepEqual(ids(json<Hit[]>(['search', 'Москве'])), ids(hits));
  const filtered = json<Hit[]>(['search', 'лендинг stage:proposal']);
  assert.deepEqual(filtered.map((h) => h.id), ['anna-smirnova']);
});

test('search text output names the record and where the match is; a bad query exits 2', () => {
  const { code, stdout } = runCli(['search', 'лендинг', '-w', SAMPLE_WORKSPACE]);
  assert.equal(code, 0);
  assert.match(stdout, /Анна Смирнова {2}clients\/anna-smirnova\.md:\d+\n {4}notes: .*лендинг/);
  const bad = runCli(['search', 'лендинг value:..', '-w', SAMPLE_WORKSPACE]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^plain-crm: column \d+: expected /);
});
