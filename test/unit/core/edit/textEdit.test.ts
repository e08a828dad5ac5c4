import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyEdits, composeEdits, tightenEdits, type TextEdit } from '../../../../src/core/edit/textEdit';
import { runs } from '../../fuzz';

test('applyEdits: any order; insertions at one offset keep their order, before a replacement there', () => {
  const text = 'stage: lead\n';
  assert.equal(
    applyEdits(text, [
      { offset: 7, length: 4, newText: 'won' },
      { offset: 0, length: 0, newText: '# a\n' },
      { offset: 12, length: 0, newText: 'x: 1\n' },
    ]),
    '# a\nstage: won\nx: 1\n',
  );
  assert.equal(
    applyEdits('ab', [
      { offset: 1, length: 1, newText: 'B' },
      { offset: 1, length: 0, newText: '1' },
      { offset: 1, length: 0, newText: '2' },
    ]),
    'a12B',
  );
  assert.equal(applyEdits('\uFEFFa', [{ offset: 1, length: 1, newText: 'b' }]), '\uFEFFb', 'offsets count the BOM');
});

test('applyEdits: overlapping or out-of-range edits are a bug and throw', () => {
  assert.throws(() => applyEdits('abc', [{ offset: 0, length: 2, newText: '' }, { offset: 1, length: 1, newText: '' }]), RangeError);
  assert.throws(() => applyEdits('abc', [{ offset: 2, length: 5, newText: '' }]), RangeError);
  assert.throws(() => applyEdits('abc', [{ offset: -1, length: 0, newText: '' }]), RangeError);
});

/** Random non-overlapping edits on `text`. */
const editsOn = (text: string): fc.Arbitrary<TextEdit[]> =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 8 })
    .chain((cuts) => {
      const points = [...cuts].sort((a, b) => a - b);
      const spans: Array<[number, number]> = [];
      for (let i = 0; i + 1 < points.length; i += 2) spans.push([points[i] as number, points[i + 1] as number]);
      if (points.length % 2 === 1) spans.push([points[points.length - 1] as number, points[points.length - 1] as number]);
      return fc.tuple(...spans.map(([from, to]) => fc.string({ maxLength: 4 }).map((newText) => ({ offset: from, length: to - from, newText }))));
    })
    .chain((edits) => fc.shuffledSubarray(edits, { minLength: edits.length }));

test('composeEdits: two rounds of edits compose into one round (property, 2000 runs)', () => {
  fc.assert(
    fc.property(
      fc.string({ maxLength: 30 }).chain((text) => editsOn(text).chain((first) => {
        const current = applyEdits(text, first);
        return editsOn(current).map((next) => ({ text, first, current, next }));
      })),
      ({ text, first, current, next }) => {
        const composed = composeEdits(first, next, current);
        assert.equal(applyEdits(text, composed), applyEdits(current, next));
        const tight = tightenEdits(text, composed);
        assert.equal(applyEdits(text, tight), applyEdits(current, next));
        for (const edit of tight) assert.notEqual(text.slice(edit.offset, edit.offset + edit.length), edit.newText);
      },
    ),
    { numRuns: runs(2000) },
  );
});

test('tightenEdits: only the characters that change, never half a CRLF or surrogate pair', () => {
  assert.deepEqual(tightenEdits('stage: lead\n', [{ offset: 0, length: 12, newText: 'stage: won\n' }]), [{ offset: 7, length: 4, newText: 'won' }]);
  assert.deepEqual(tightenEdits('a\r\nb', [{ offset: 0, length: 4, newText: 'a\nb' }]), [{ offset: 1, length: 2, newText: '\n' }]);
  assert.deepEqual(tightenEdits('x😀', [{ offset: 0, length: 3, newText: 'x😃' }]), [{ offset: 1, length: 2, newText: '😃' }]);
  assert.deepEqual(tightenEdits('same', [{ offset: 0, length: 4, newText: 'same' }]), []);
});
