import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PackedPostings } from '../../../../src/core/search/packedPostings';

// A list in the middle of a shared slab, as the bulk build and the cache loader make them.
const slabDocs = Int32Array.from([1, 4, 2, 5, 9, 3]);
const slabFreqs = Uint16Array.from([9, 9, 1, 3, 7, 9]);
const make = (): PackedPostings => new PackedPostings(slabDocs, slabFreqs, 2, 3);

test('while packed it reads like the Map it stands for', () => {
  const p = make();
  assert.deepEqual(p.packed(), { docs: slabDocs, freqs: slabFreqs, start: 2, end: 5 });
  assert.equal(p.size, 3);
  assert.equal(p.get(5), 3);
  assert.equal(p.get(4), undefined);
  assert.ok(p.has(9) && !p.has(10));
  assert.deepEqual([...p], [[2, 1], [5, 3], [9, 7]]);
  assert.deepEqual([...p.keys()], [2, 5, 9]);
  assert.deepEqual([...p.values()], [1, 3, 7]);
  const seen: [number, number][] = [];
  p.forEach((freq, doc) => seen.push([doc, freq]));
  assert.deepEqual(seen, [[2, 1], [5, 3], [9, 7]]);
  assert.equal(Object.prototype.toString.call(p), '[object Map]');
});

test('a delete or an out-of-order insert unpacks it into an ordinary Map', () => {
  const p = make();
  p.set(4, 2);
  assert.equal(p.packed(), undefined);
  assert.deepEqual([...p], [[2, 1], [5, 3], [9, 7], [4, 2]]);
  assert.ok(p.delete(5));
  assert.equal(p.size, 3);
  assert.equal(p.get(5), undefined);
  const q = make();
  assert.ok(q.delete(2));
  assert.deepEqual([...q.keys()], [5, 9]);
  q.clear();
  assert.equal(q.size, 0);
});

test('appending a higher document id or updating an entry stays packed', () => {
  const p = make();
  p.set(12, 1);
  p.set(12, 2); // MiniSearch counts a term's occurrences one at a time
  p.set(5, 4);
  for (let doc = 13; doc < 40; doc++) p.set(doc, 1); // grows past its capacity
  assert.ok(p.packed());
  assert.equal(p.size, 31);
  assert.equal(p.get(12), 2);
  assert.equal(p.get(5), 4);
  assert.equal(p.get(39), 1);
  assert.deepEqual([...p.keys()].slice(0, 5), [2, 5, 9, 12, 13]);
  p.set(3, 1); // out of order: unpacks
  assert.equal(p.packed(), undefined);
  assert.equal(p.size, 32);
  assert.equal(p.get(3), 1);
  // The shared slab was never written through the list.
  assert.deepEqual([...slabDocs], [1, 4, 2, 5, 9, 3]);
  assert.deepEqual([...slabFreqs], [9, 9, 1, 3, 7, 9]);
});

test('updating an entry of a list in a shared slab copies the list out first', () => {
  const p = make();
  p.set(5, 6);
  assert.equal(p.get(5), 6);
  assert.equal(p.get(9), 7);
  assert.deepEqual([...slabFreqs], [9, 9, 1, 3, 7, 9]);
  assert.deepEqual(p.packed()?.start, 0);
});
