import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SortedList } from '../../../src/core/sortedList';

interface Item {
  key: number;
  tag: number;
}
const byKey = (a: Item, b: Item): number => a.key - b.key;

test('inserts and removals keep the list equal to a fresh sort, equal keys in arrival order', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }),
      fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 20 }), fc.nat()), { maxLength: 60 }),
      (initial, steps) => {
        let tag = 0;
        const start = initial.map((key) => ({ key, tag: tag++ }));
        const list = new SortedList(byKey, start);
        const model = [...start].sort(byKey);
        for (const [add, key, pick] of steps) {
          if (add || model.length === 0) {
            const item = { key, tag: tag++ };
            list.insert(item);
            model.push(item);
            model.sort(byKey); // stable: the new item goes after its equals
          } else {
            const item = model[pick % model.length]!;
            assert.equal(list.remove(item), true);
            model.splice(model.indexOf(item), 1);
          }
          assert.deepEqual(list.items, model);
        }
      },
    ),
    { numRuns: 500 },
  );
});

test('remove finds the item by identity among equals, and says when it is absent', () => {
  const a = { key: 1, tag: 0 };
  const b = { key: 1, tag: 1 };
  const list = new SortedList(byKey, [a, b]);
  assert.equal(list.remove({ key: 1, tag: 0 }), false);
  assert.equal(list.remove(b), true);
  assert.deepEqual(list.items, [a]);
  assert.equal(list.remove(b), false);
});

test('replace keeps a total order equal to a fresh sort, in place or moved, and inserts what was absent', () => {
  // A total order (ties broken by tag), as the store's lists are: by file, or by name then file.
  const total = (a: Item, b: Item): number => a.key - b.key || a.tag - b.tag;
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 40 }),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 40 }), fc.boolean()), { maxLength: 40 }),
      (keys, steps) => {
        let tag = 0;
        const model = keys.map((key) => ({ key, tag: tag++ }));
        const list = new SortedList(total, model);
        for (const [pick, key, absent] of steps) {
          const next = { key, tag: tag++ };
          const previous = absent || model.length === 0 ? { key: -1, tag: -1 } : model[pick % model.length]!;
          list.replace(previous, next);
          const at = model.indexOf(previous);
          if (at >= 0) model.splice(at, 1);
          model.push(next);
          model.sort(total);
          assert.deepEqual(list.items, model);
        }
      },
    ),
    { numRuns: 500 },
  );
  const a = { key: 1, tag: 0 };
  const b = { key: 2, tag: 1 };
  const list = new SortedList(total, [a, b]);
  const same = list.items;
  const a2 = { key: 1, tag: 0 };
  list.replace(a, a2);
  assert.equal(list.items[0], a2, 'in place');
  assert.equal(list.items, same);
});
