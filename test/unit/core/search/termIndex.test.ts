import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toDoc } from '../../../../src/core/search/indexedFields';
import { TermIndex } from '../../../../src/core/search/termIndex';
import { stem } from '../../../../src/core/search/text';
import { loadFixtureRecords } from './searchFixtures';

const BOOST = { name: 3, company: 2, tags: 2 };

test('the top-k scorer gives MiniSearch\'s own BM25 scores and order', () => {
  const index = new TermIndex();
  index.bulkLoad(loadFixtureRecords().map(toDoc));
  for (const word of ['смирнова', 'москва', 'proposal', 'ромашка', '2026', 'b2b', 'design']) {
    const s = stem(word);
    const ours = index.query([{ word, stem: s, prefix: false, fuzzy: 0 }], 100).hits;
    const theirs = index.search({ queries: [s], tokenize: (t) => [t], processTerm: (t) => t }, { boost: BOOST });
    assert.deepEqual(ours.map((h) => h.file).sort(), theirs.map((h) => String(h.id)).sort(), word);
    for (const hit of ours) {
      const same = theirs.find((t) => t.id === hit.file);
      assert.ok(same && Math.abs(same.score - hit.score) < 1e-9, `${word}: ${hit.file}`);
    }
  }
});

test('discarded documents are skipped and do not count in document frequencies', () => {
  const records = loadFixtureRecords();
  const index = new TermIndex();
  index.bulkLoad(records.map(toDoc));
  const first = records[0];
  assert.ok(first);
  index.discard(first.file);
  const fresh = new TermIndex();
  fresh.bulkLoad(records.slice(1).map(toDoc));
  const q = [{ word: 'смирнова', stem: stem('смирнова'), prefix: false, fuzzy: 0 }];
  const a = index.query(q, 10).hits;
  const b = fresh.query(q, 10).hits;
  assert.deepEqual(a.map((h) => h.file), b.map((h) => h.file));
  a.forEach((hit, i) => assert.ok(Math.abs(hit.score - (b[i]?.score ?? 0)) < 1e-9));
});

test('limit keeps the best hits; ties are ordered by file', () => {
  const index = new TermIndex();
  index.bulkLoad(loadFixtureRecords().map(toDoc));
  const q = [{ word: 'ооо', stem: stem('ооо'), prefix: false, fuzzy: 0 }];
  const all = index.query(q, 100).hits;
  const two = index.query(q, 2).hits;
  assert.deepEqual(two, all.slice(0, 2));
  for (let i = 1; i < all.length; i++) {
    const prev = all[i - 1];
    const cur = all[i];
    assert.ok(prev && cur && (prev.score > cur.score || (prev.score === cur.score && prev.file < cur.file)));
  }
});

test('MiniSearch add, discard and vacuum work on a bulk-built (packed) index', async () => {
  const records = loadFixtureRecords();
  const [first, second, ...rest] = records;
  assert.ok(first && second);
  const index = new TermIndex();
  index.bulkLoad([first, ...rest].map(toDoc));
  index.add(toDoc(second));
  index.discard(first.file);
  await index.vacuum();
  const fresh = new TermIndex();
  fresh.bulkLoad([...rest, second].map(toDoc));
  for (const word of ['смирнова', 'москва', 'proposal', 'ромашка']) {
    const q = [{ word, stem: stem(word), prefix: true, fuzzy: 1 }];
    const a = index.query(q, 100).hits;
    const b = fresh.query(q, 100).hits;
    assert.deepEqual(a.map((h) => h.file), b.map((h) => h.file), word);
    a.forEach((hit, i) => assert.ok(Math.abs(hit.score - (b[i]?.score ?? 0)) < 1e-9, word));
  }
});
