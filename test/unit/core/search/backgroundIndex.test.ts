// The index without blocking: built in a worker thread, the same index as one built here (in
// its cache form), the cache written by the worker and revived in slices at the next start, and
// a worker that cannot run costs speed, never the index.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { indexInBackground } from '../../../../src/core/search/backgroundIndex';
import { SearchIndex } from '../../../../src/core/search/searchIndex';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import { loadFixtureRecords } from './searchFixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-worker-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The cache is written after the index is handed back: wait for the worker to finish it. */
async function written(file: string): Promise<string> {
  for (let i = 0; i < 200 && !existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  return readFileSync(file, 'utf8');
}

test('built in the worker: the same index as a build on this thread, hits and snippets included', async () => {
  const records = loadFixtureRecords();
  const { index, stale, fallback, source } = await indexInBackground(undefined, records);
  assert.equal(fallback, undefined, 'the worker ran');
  assert.equal(source, 'worker');
  assert.equal(stale, true, 'no cache was written');
  const local = new SearchIndex(records);
  // Compared through a round trip on both sides: a revived index lists its terms in another order.
  assert.equal(JSON.stringify(index), JSON.stringify(SearchIndex.fromJSON(JSON.stringify(local))));
  for (const q of ['москва', 'лендинг', 'proposal', 'anna@']) assert.deepEqual(index.search(q), local.search(q), q);
  assert.ok(index.search('москва').some((hit) => hit.snippet.toLowerCase().includes('москв')), 'records attached for snippets');
});

test('the worker writes the cache; the next start revives it and re-indexes only what changed', async () => {
  const records = loadFixtureRecords();
  const cache = path.join(dir, 'a', 'search-index.json');
  const first = await indexInBackground(cache, records);
  assert.equal(first.stale, false, 'the worker took the write on');
  assert.equal(await written(cache), JSON.stringify(new SearchIndex(records)));
  const changed = parseRecordText(records[0]!.file, `---\nname: Зюзя Квакин\n---\nПривезти самовар\n`, { kind: 'client', archived: false }).record!;
  const same = await indexInBackground(cache, records);
  assert.deepEqual([same.source, same.stale], ['cache', false]);
  assert.deepEqual(same.index.search('москва'), new SearchIndex(records).search('москва'));
  const second = await indexInBackground(cache, [changed, ...records.slice(1)]);
  assert.deepEqual([second.source, second.stale], ['cache', true], 'one record re-indexed: the cache is to be rewritten');
  assert.deepEqual(second.index.search('самовар').map((hit) => hit.file), [records[0]!.file]);
  assert.equal(second.index.search('самовар')[0]?.snippet, 'Привезти самовар');
});

test('no worker to run: built on this thread, with the reason', async () => {
  const records = loadFixtureRecords();
  const { index, fallback, source } = await indexInBackground(undefined, records, { workerFile: path.join(dir, 'no-such-worker.js') });
  assert.equal(source, 'this thread');
  assert.match(fallback ?? '', /no-such-worker|Cannot find module/);
  assert.deepEqual(index.search('москва'), new SearchIndex(records).search('москва'));
});

test('a garbled cache is not trusted: the worker builds anew and rewrites it', async () => {
  const records = loadFixtureRecords();
  const cache = path.join(dir, 'garbled', 'search-index.json');
  mkdirSync(path.dirname(cache), { recursive: true });
  const good = JSON.stringify(new SearchIndex(records));
  writeFileSync(cache, good.replace(/"postings":"[A-Za-z]/, '"postings":"*'));
  const { source, index } = await indexInBackground(cache, records);
  assert.equal(source, 'worker');
  assert.deepEqual(index.search('москва'), new SearchIndex(records).search('москва'));
  for (let i = 0; i < 200 && readFileSync(cache, 'utf8') !== good; i++) await new Promise((resolve) => setTimeout(resolve, 25));
  assert.equal(readFileSync(cache, 'utf8'), good);
});
