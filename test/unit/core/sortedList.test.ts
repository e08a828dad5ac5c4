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
