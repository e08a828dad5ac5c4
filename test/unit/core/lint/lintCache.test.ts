// Record problems kept between lint runs (src/core/lint/lintCache.ts): trusted for a file whose
// stamp is unchanged, under the same config, language and day; anything else is linted again.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { useLanguage } from '../../../../src/core/i18n';
import { LiveLint, lintWorkspace } from '../../../../src/core/lint';
import type { Problem } from '../../../../src/core/model';
import { WorkspaceStore } from '../../../../src/core/store';
import { ageAll, HOUR_AGO, write } from '../../agedFiles';
import { FIXTURES } from '../../paths';

const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const TODAY = '2026-12-05';

/** The `mixed` fixture plus records with record problems (time rules, secrets, tasks) and duplicates; every file an hour old. */
function workspace(): { root: string; cache: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'plain-crm-lint-cache-'));
  temps.push(root);
  cpSync(path.join(FIXTURES, 'workspaces', 'mixed'), root, { recursive: true });
  for (let i = 0; i < 12; i++) {
    write(
      root,
      `clients/c${i}.md`,
      `---\nname: Клиент ${i}\nemail: c${i % 6}@example.ru\nphone: "+7 912 345-67-8${i % 10}"\nstage: lead\nlast_contact: 2026-0${(i % 9) + 1}-01\nnext_action: { date: 2026-11-0${(i % 9) + 1}, what: позвонить }\n---\nЗаметки ${i}: пароль: hunter${i}\n\n- [ ] 2026-11-1${i % 10} счёт\n`,
    );
  }
  ageAll(root);
  return { root, cache: path.join(root, '.crm', '.cache', 'lint.json') };
}

async function lint(root: string, options: { cacheFile?: string; today?: string } = {}): Promise<Problem[]> {
  const store = new WorkspaceStore(root);
  await store.load();
  return lintWorkspace(store, { today: options.today ?? TODAY, ...(options.cacheFile !== undefined && { cacheFile: options.cacheFile }) });
}

type Rows = [string, string, Problem[]][];
/** The cache's rows: a header line, then one JSON line a file. */
const rowsOf = (cache: string): Rows =>
  readFileSync(cache, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => JSON.parse(line) as Rows[number]);
const rewrite = (cache: string, rows: Rows): void => writeFileSync(cache, [readFileSync(cache, 'utf8').split('\n')[0], ...rows.map((row) => JSON.stringify(row))].join('\n'));

test('lint cache: a warm lint gives exactly the problems of an uncached one, and reads them from the cache', async () => {
  const { root, cache } = workspace();
  const plain = await lint(root);
  assert.ok(plain.some((p) => p.code === 'stale') && plain.some((p) => p.code === 'secret') && plain.some((p) => p.code === 'overdue-task'));
  assert.ok(plain.some((p) => p.code === 'duplicate' || p.code === 'possible-duplicate'), 'a workspace rule too');
  assert.deepStrictEqual(await lint(root, { cacheFile: cache }), plain);
  const rows = rowsOf(cache);
  assert.ok(rows.length > 12, `${rows.length} files kept`);
  assert.deepStrictEqual(await lint(root, { cacheFile: cache }), plain);
  // As the extension runs it: read and written a row at a time between turns of the event loop.
  const store = new WorkspaceStore(root);
  await store.load();
  const live = new LiveLint(store);
  await live.runCached(TODAY, cache, 0);
  assert.equal(live.linted, 0, 'every file from the cache');
  assert.deepStrictEqual(live.problems(), plain);

  // Trusted: a planted problem comes back, which shows the rules did not run for that file.
  const planted = rows.map(([file, stamp, problems]): Rows[number] => [file, stamp, file === 'clients/c1.md' ? [{ ...problems[0]!, message: 'from the cache' }] : problems]);
  rewrite(cache, planted);
  const warm = await lint(root, { cacheFile: cache });
  assert.deepEqual(warm.filter((p) => p.file === 'clients/c1.md' && p.code !== 'duplicate' && p.code !== 'possible-duplicate').map((p) => p.message), ['from the cache']);
});

test('lint cache: a changed file, another day, another language or a damaged cache are linted again', async () => {
  const { root, cache } = workspace();
  await lint(root, { cacheFile: cache });
  const mark = (): void => rewrite(cache, rowsOf(cache).map(([file, stamp, problems]): Rows[number] => [file, stamp, problems.map((p) => ({ ...p, message: 'stale cache' }))]));
  const fromCache = (problems: Problem[]): string[] => [...new Set(problems.filter((p) => p.message === 'stale cache').map((p) => p.file))];

  mark();
  assert.ok(fromCache(await lint(root, { cacheFile: cache })).includes('clients/c2.md'));
  // The same size and a new mtime: linted again (and the entry rewritten).
  write(root, 'clients/c2.md', readFileSync(path.join(root, 'clients/c2.md'), 'utf8').replace('hunter2', 'hunter9'), new Date(Date.now() - 60_000));
  mark();
  const after = await lint(root, { cacheFile: cache });
  assert.ok(!fromCache(after).includes('clients/c2.md'));
  assert.ok(after.some((p) => p.file === 'clients/c2.md' && p.code === 'secret' && p.message !== 'stale cache'));
  assert.ok(fromCache(after).includes('clients/c3.md'), 'the others still from the cache');

  mark();
  assert.deepEqual(fromCache(await lint(root, { cacheFile: cache, today: '2026-12-06' })), [], 'another day: the time rules measure anew');
  mark();
  useLanguage('ru');
  try {
    assert.deepEqual(fromCache(await lint(root, { cacheFile: cache })), [], 'another language: other messages');
  } finally {
    useLanguage('en');
  }
  // Cut short: the header counts more rows than there are.
  writeFileSync(cache, readFileSync(cache, 'utf8').split('\n').slice(0, 5).join('\n'));
  assert.deepStrictEqual(await lint(root, { cacheFile: cache }), await lint(root));
  assert.ok(rowsOf(cache).length > 12, 'rewritten');
});

test('lint cache: a file changed within the racy window is not kept; an unchanged workspace is not rewritten', async () => {
  const { root, cache } = workspace();
  write(root, 'clients/fresh.md', '---\nname: Fresh\nstage: lead\n---\nпароль: x\n', new Date());
  await lint(root, { cacheFile: cache });
  const files = rowsOf(cache).map(([file]) => file);
  assert.ok(!files.includes('clients/fresh.md'));
  assert.ok(files.includes('clients/c0.md'));
  // Aged: the next run keeps it, and a run after that has nothing to write.
  utimesSync(path.join(root, 'clients/fresh.md'), HOUR_AGO, HOUR_AGO);
  await lint(root, { cacheFile: cache });
  assert.ok(rowsOf(cache).some(([file]) => file === 'clients/fresh.md'));
  const written = statSync(cache).mtimeMs;
  utimesSync(cache, HOUR_AGO, HOUR_AGO);
  await lint(root, { cacheFile: cache });
  assert.ok(Math.abs(statSync(cache).mtimeMs - HOUR_AGO.getTime()) < 1, `not rewritten (was ${written})`);
});
