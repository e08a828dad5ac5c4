// How new scalars are written: quoted only when needed, and always read back as the same value
// by js-yaml (CORE_SCHEMA, the loader) and by `yaml`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parse } from 'yaml';
import { canBeLiteral, stringifyScalar } from '../../../../src/core/edit/yamlScalar';
import { runs } from '../../fuzz';

const block = (value: string | number | boolean | null): string => stringifyScalar(value, 'block');
const flow = (value: string | number | boolean | null): string => stringifyScalar(value, 'flow');

test('plain when it reads back as the same string: dates, words, Cyrillic, emails, phones', () => {
  for (const text of ['lead', '2026-11-24', 'Анна Смирнова', 'ООО «Ромашка»', 'anna@romashka.ru', '+7 912 345-67-89', 'Send revised proposal', 'C++', 'a#b', 'a:b', 'ivan@example.com']) {
    assert.equal(block(text), text, text);
  }
  assert.equal(block(120000), '120000');
  assert.equal(block(0.5), '0.5');
  assert.equal(block(true), 'true');
  assert.equal(block(null), 'null');
});

test('quoted when it would read as something else or not parse', () => {
  const quoted: Record<string, string> = {
    '': '""',
    '123': '"123"',
    '1.5': '"1.5"',
    '0x1F': '"0x1F"',
    '1_000': '"1_000"',
    '10:30': '"10:30"',
    true: '"true"',
    yes: '"yes"',
    No: '"No"',
    on: '"on"',
    null: '"null"',
    '~': '"~"',
    '.inf': '".inf"',
    'a: b': '"a: b"',
    'ends:': '"ends:"',
    'x #y': '"x #y"',
    '#tag': '"#tag"',
    '- item': '"- item"',
    '@me': '"@me"',
    '*star': '"*star"',
    '&amp': '"&amp"',
    '!important': '"!important"',
    '%': '"%"',
    '|': '"|"',
    '>': '">"',
    "'quoted'": `"'quoted'"`,
    '"quoted"': '"\\"quoted\\""',
    '[x]': '"[x]"',
    '{x}': '"{x}"',
    '---': '"---"',
    ' leading': '" leading"',
    'trailing ': '"trailing "',
    'tab\there': '"tab\\there"',
    'line\nbreak': '"line\\nbreak"',
    'bell\u0007': '"bell\\x07"',
    'back\\slash "q"': 'back\\slash "q"',
  };
  for (const [text, expected] of Object.entries(quoted)) assert.equal(block(text), expected, JSON.stringify(text));
});

test('flow context also quotes `,[]{}`', () => {
  assert.equal(block('a, b'), 'a, b');
  assert.equal(flow('a, b'), '"a, b"');
  assert.equal(flow('x]'), '"x]"');
  assert.equal(flow('Send revised proposal'), 'Send revised proposal');
});

test('the quoting of the replaced value is kept', () => {
  assert.equal(stringifyScalar('lead', 'block', 'double'), '"lead"');
  assert.equal(stringifyScalar("O'Brien", 'block', 'single'), "'O''Brien'");
  assert.equal(stringifyScalar('two\nlines', 'block', 'single'), '"two\\nlines"', 'single quotes cannot hold a line break');
});

test('numbers: plain, and special values in YAML spelling', () => {
  assert.equal(block(-0), '-0.0');
  assert.equal(block(1e21), '1e+21');
  assert.equal(block(Number.NaN), '.nan');
  assert.equal(block(-Infinity), '-.inf');
});

test('literal blocks only where they read back exactly', () => {
  assert.equal(canBeLiteral('one\ntwo'), true);
  assert.equal(canBeLiteral('one\ntwo\n'), true);
  assert.equal(canBeLiteral('one'), false);
  assert.equal(canBeLiteral(' indented\ntwo'), false);
  assert.equal(canBeLiteral('\nleading'), false);
  assert.equal(canBeLiteral('two\n\n'), false);
  assert.equal(canBeLiteral('cr\r\nlf'), false);
});

test('any string and number reads back as itself in both parsers (property, 2000 runs)', () => {
  const value = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null));
  fc.assert(
    fc.property(value, fc.constantFrom<'block' | 'flow'>('block', 'flow'), (v, context) => {
      const text = stringifyScalar(v, context);
      const source = context === 'block' ? `k: ${text}\n` : `k: [${text}]\n`;
      const pick = (data: unknown): unknown => {
        const k = (data as { k: unknown }).k;
        return context === 'block' ? k : (k as unknown[])[0];
      };
      assert.deepEqual(pick(load(source, { schema: CORE_SCHEMA })), v);
      assert.deepEqual(pick(parse(source)), v);
    }),
    { numRuns: runs(2000) },
  );
});
