// Limits on what a record's fields may expand to: aliases are counted once per use, memoized.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_FIELD_DEPTH, MAX_FIELD_VALUES, parseRecordText, shapeProblem } from '../../../src/core/parse/recordText';

test('ordinary records pass; shared aliases count per use; deep or cyclic data is refused', () => {
  const shared = { a: 1, b: [1, 2, 3] };
  assert.equal(shapeProblem({ x: shared, y: shared, tags: ['a', 'b'] }), undefined);
  let layer: unknown = Array.from({ length: 10 }, () => 'lol');
  for (let i = 0; i < 6; i++) layer = Array.from({ length: 10 }, () => layer); // 10^7 values through 7 shared arrays
  assert.match(shapeProblem({ bomb: layer })!, new RegExp(`more than ${MAX_FIELD_VALUES.toLocaleString('en-US')} values`));
  let deep: unknown = 'x';
  for (let i = 0; i <= MAX_FIELD_DEPTH + 1; i++) deep = [deep];
  assert.match(shapeProblem({ deep })!, /nested more than/);
  const cycle: Record<string, unknown> = {};
  cycle['self'] = cycle;
  assert.match(shapeProblem(cycle)!, /refers to itself/);
});

test('a record of 9 nested alias levels is a parse error, not a hang', () => {
  const lines = ['---', 'name: Bomb', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  lines.push('---', '');
  const parsed = parseRecordText('clients/bomb.md', lines.join('\n'), { kind: 'client', archived: false });
  assert.equal(parsed.record, undefined);
  assert.deepEqual(parsed.problems.map((p) => [p.code, p.range.start.line]), [['parse-error', 2]]);
});
