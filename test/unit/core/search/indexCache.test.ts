// The on-disk index: a warm start gives the same hits as a fresh build, re-indexes what changed,
// and a missing, truncated or foreign cache file is rebuilt rather than trusted.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { loadOrBuildIndex, writeIndexCache } from '../../../../src/core/search/indexCache';
import { SearchIndex } from '../../../../src/core/search/searchIndex';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import { loadFixtureRecords } from './searchFixtures';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const files = (hits: { file: string }[]): string[] => hits.map((h) => h.file);

test('write, then a warm start: same hits as a build, nothing to rewrite', async () => {
  const records = loadFixtureRecords();
  const cache = path.join(dir, 'a', 'search-index.json');
  assert.equal(await writeIndexCache(cache, new SearchIndex(records)), true);
  const { index, stale } = await loadOrBuildIndex(cache, records);
  assert.equal(stale, false);
  for (const q of ['москва', 'лендинг', 'proposal']) assert.deepEqual(files(index.search(q)), files(new SearchIndex(records).search(q)), q);
});

test('a record changed since the cache was written is re-indexed, and the cache marked stale', async () => {
  const records = loadFixtureRecords();
  const cache = path.join(dir, 'b', 'search-index.json');
  await writeIndexCache(cache, new SearchIndex(records));
  const first = records[0]!;
  const changed = parseRecordText(first.file, `---\nname: Зюзя Квакин\n---\nПривезти самовар\n`, { kind: 'client', archived: false }).record!;
  const { index, stale } = await loadOrBuildIndex(cache, [changed, ...records.slice(1)]);
  assert.equal(stale, true);
  assert.deepEqual(files(index.search('самовар')), [first.file]);
});

test('missing, truncated, garbled or another version: rebuilt, never trusted', async () => {
  const records = loadFixtureRecords();
  const good = JSON.stringify(new SearchIndex(records));
  const cases: Record<string, string | undefined> = {
    missing: undefined,
    truncated: good.slice(0, good.length >> 1),
    garbled: good.replace(/"/g, "'"),
    version: good.replace(/"version":\s*\d+/, '"version":0'),
    empty: '',
  };
  for (const [name, content] of Object.entries(cases)) {
    const cache = path.join(dir, `bad-${name}.json`);
    if (content !== undefined) writeFileSync(cache, content);
    const { index, stale } = await loadOrBuildIndex(cache, records);
    assert.equal(stale, true, name);
    assert.ok(index.search('москва').length > 0, name);
  }
  assert.equal(readFileSync(path.join(dir, 'bad-truncated.json'), 'utf8').length, good.length >> 1, 'the reader never writes');
});

test('an unwritable place is not an error', async () => {
  writeFileSync(path.join(dir, 'file'), 'x');
  assert.equal(await writeIndexCache(path.join(dir, 'file', 'search-index.json'), new SearchIndex([])), false);
});
