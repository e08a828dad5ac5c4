// Round trips on real record files (test/fixtures/edit/): each case edits a fixture and must give
// exactly `<fixture>.<case>.expected.<ext>`; every line outside the edited field stays
// byte-identical; the result reads back (js-yaml, CORE_SCHEMA) with the edited path holding the
// new value and every other path its old one.
//
// To add a case: add it below, run once with UPDATE_EDIT_FIXTURES=1 to write the expected file,
// and read that file before committing it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { editRecord, type EditOp } from '../../../../src/core/edit/recordEdit';
import { applyEdits } from '../../../../src/core/edit/textEdit';
import { FIXTURES } from '../../paths';
import { assertLineEndings, assertUntouchedLinesKept, bodyPart, readFields, type Fields } from './editChecks';

const DIR = path.join(FIXTURES, 'edit');
const UPDATE = process.env.UPDATE_EDIT_FIXTURES === '1';

interface Case {
  fixture: string;
  name: string;
  ops: EditOp[];
  /** 1-based lines of the fixture that belong to the edited fields (may change). */
  touched: number[];
  /** The fields afterwards, from a copy of the fields before. */
  expect: (fields: Fields) => void;
}

const obj = (value: unknown): Fields => value as Fields;

const CASES: Case[] = [
  // commented.md: comments everywhere, flow and block styles, quoted values, a null value.
  {
    fixture: 'commented.md',
    name: 'set-stage',
    ops: [{ op: 'set', path: ['stage'], value: 'won' }],
    touched: [8],
    expect: (f) => (f.stage = 'won'),
  },
  {
    fixture: 'commented.md',
    name: 'set-next-action-date',
    ops: [{ op: 'set', path: ['next_action', 'date'], value: '2026-12-01' }],
    touched: [15],
    expect: (f) => (obj(f.next_action).date = '2026-12-01'),
  },
  {
    fixture: 'commented.md',
    name: 'set-next-action',
    ops: [{ op: 'set', path: ['next_action'], value: { date: '2026-12-01', what: 'Call: agree on the budget' } }],
    touched: [15],
    expect: (f) => (f.next_action = { date: '2026-12-01', what: 'Call: agree on the budget' }),
  },
  {
    fixture: 'commented.md',
    name: 'add-key',
    ops: [{ op: 'set', path: ['owner'], value: 'ivan@example.com' }],
    touched: [],
    expect: (f) => (f.owner = 'ivan@example.com'),
  },
  {
    fixture: 'commented.md',
    name: 'add-nested-block',
    ops: [{ op: 'set', path: ['consent', 'date'], value: '2026-03-01' }],
    touched: [],
    expect: (f) => (obj(f.consent).date = '2026-03-01'),
  },
  {
    fixture: 'commented.md',
    name: 'add-nested-flow',
    ops: [{ op: 'set', path: ['next_action', 'owner'], value: 'ivan' }],
    touched: [15],
    expect: (f) => (obj(f.next_action).owner = 'ivan'),
  },
  {
    fixture: 'commented.md',
    name: 'set-null',
    ops: [{ op: 'set', path: ['lost_reason'], value: 'no answer' }],
    touched: [20],
    expect: (f) => (f.lost_reason = 'no answer'),
  },
  {
    fixture: 'commented.md',
    name: 'set-quoted',
    ops: [
      { op: 'set', path: ['phone'], value: '+7 912 000-00-00' },
      { op: 'set', path: ['city'], value: 'Казань' },
    ],
    touched: [6, 7],
    expect: (f) => {
      f.phone = '+7 912 000-00-00';
      f.city = 'Казань';
    },
  },
  {
    fixture: 'commented.md',
    name: 'set-needs-quotes',
    ops: [
      { op: 'set', path: ['source'], value: 'yes' },
      { op: 'set', path: ['value'], value: '150000' },
      { op: 'set', path: ['company'], value: 'ООО «Ромашка» #2' },
    ],
    touched: [4, 10, 12],
    expect: (f) => {
      f.source = 'yes';
      f.value = '150000';
      f.company = 'ООО «Ромашка» #2';
    },
  },
  {
    fixture: 'commented.md',
    name: 'set-block-map',
    ops: [{ op: 'set', path: ['consent'], value: { processing: true, email: false } }],
    touched: [16, 17, 18, 19],
    expect: (f) => (f.consent = { processing: true, email: false }),
  },
  {
    fixture: 'commented.md',
    name: 'set-scalar-over-map',
    ops: [{ op: 'set', path: ['consent'], value: null }],
    touched: [16, 17, 18, 19],
    expect: (f) => (f.consent = null),
  },
  {
    fixture: 'commented.md',
    name: 'set-multiline',
    ops: [{ op: 'set', path: ['lost_reason'], value: 'Chose a cheaper agency.\nMay come back in spring.' }],
    touched: [20],
    expect: (f) => (f.lost_reason = 'Chose a cheaper agency.\nMay come back in spring.'),
  },
  {
    fixture: 'commented.md',
    name: 'remove-block',
    ops: [{ op: 'remove', path: ['consent', 'email'] }],
    touched: [18],
    expect: (f) => delete obj(f.consent).email,
  },
  {
    fixture: 'commented.md',
    name: 'remove-flow',
    ops: [{ op: 'remove', path: ['next_action', 'date'] }],
    touched: [15],
    expect: (f) => delete obj(f.next_action).date,
  },
  {
    fixture: 'commented.md',
    name: 'remove-top',
    ops: [
      { op: 'remove', path: ['source'] },
      { op: 'remove', path: ['lost_reason'] },
      { op: 'remove', path: ['tags', 1] },
    ],
    touched: [9, 12, 20],
    expect: (f) => {
      delete f.source;
      delete f.lost_reason;
      (f.tags as unknown[]).splice(1, 1);
    },
  },
  {
    fixture: 'commented.md',
    name: 'append-flow',
    ops: [{ op: 'append', path: ['tags'], item: 'hot' }],
    touched: [9],
    expect: (f) => (f.tags as unknown[]).push('hot'),
  },
  {
    fixture: 'commented.md',
    name: 'append-block',
    ops: [
      { op: 'append', path: ['purchases'], item: { date: '2026-11-24', amount: 30000, item: 'SEO audit' } },
      { op: 'append', path: ['contacts'], item: { name: 'Анна', role: 'CEO' } },
    ],
    touched: [],
    expect: (f) => {
      (f.purchases as unknown[]).push({ date: '2026-11-24', amount: 30000, item: 'SEO audit' });
      (f.contacts as unknown[]).push({ name: 'Анна', role: 'CEO' });
    },
  },
  {
    fixture: 'commented.md',
    name: 'create-list',
    ops: [{ op: 'append', path: ['segments'], item: 'q4-campaign' }],
    touched: [],
    expect: (f) => (f.segments = ['q4-campaign']),
  },
  {
    fixture: 'commented.md',
    name: 'log',
    ops: [{ op: 'log', line: '2026-11-24 call: agreed on the budget' }],
    touched: [],
    expect: () => undefined,
  },
  {
    fixture: 'commented.md',
    name: 'log-contact',
    ops: [
      { op: 'set', path: ['last_contact'], value: '2026-11-24' },
      { op: 'set', path: ['next_action'], value: { date: '2027-05-24', what: 'Call again' } },
      { op: 'log', line: '2026-11-24 meeting: signed the contract' },
      { op: 'set', path: ['stage'], value: 'won' },
      { op: 'set', path: ['stage_since'], value: '2026-11-24' },
    ],
    touched: [8, 14, 15],
    expect: (f) => {
      f.last_contact = '2026-11-24';
      f.next_action = { date: '2027-05-24', what: 'Call again' };
      f.stage = 'won';
      f.stage_since = '2026-11-24';
    },
  },
  // crlf-bom.md: a BOM, CRLF line endings, a block list, a flow map without inner spaces.
  {
    fixture: 'crlf-bom.md',
    name: 'set-stage',
    ops: [{ op: 'set', path: ['stage'], value: 'won' }],
    touched: [3],
    expect: (f) => (f.stage = 'won'),
  },
  {
    fixture: 'crlf-bom.md',
    name: 'edits',
    ops: [
      { op: 'append', path: ['tags'], item: 'vip' },
      { op: 'set', path: ['last_contact'], value: '2026-11-24' },
      { op: 'set', path: ['next_action', 'what'], value: 'Send the contract' },
      { op: 'set', path: ['consent', 'email'], value: true },
      { op: 'log', line: '2026-11-24 email: sent the contract' },
    ],
    touched: [8],
    expect: (f) => {
      (f.tags as unknown[]).push('vip');
      f.last_contact = '2026-11-24';
      obj(f.next_action).what = 'Send the contract';
      f.consent = { email: true };
    },
  },
  // record.yaml: the whole file is YAML, the notes are a literal block.
  {
    fixture: 'record.yaml',
    name: 'log',
    ops: [{ op: 'log', line: '2026-11-24 call: договорились о встрече' }],
    touched: [],
    expect: (f) => (f.notes = `${String(f.notes)}- 2026-11-24 call: договорились о встрече\n`),
  },
  {
    fixture: 'record.yaml',
    name: 'edits',
    ops: [
      { op: 'set', path: ['stage'], value: 'proposal' },
      { op: 'set', path: ['consent', 'email'], value: true },
      { op: 'set', path: ['last_contact'], value: '2026-11-24' },
      { op: 'remove', path: ['tags', 0] },
    ],
    touched: [5, 6, 8],
    expect: (f) => {
      f.stage = 'proposal';
      obj(f.consent).email = true;
      f.last_contact = '2026-11-24';
      (f.tags as unknown[]).shift();
    },
  },
  // cyrillic.md: Cyrillic keys and values, a quoted number in a block list.
  {
    fixture: 'cyrillic.md',
    name: 'edits',
    ops: [
      { op: 'set', path: ['город'], value: 'Казань' },
      { op: 'append', path: ['tags'], item: '2027' },
      { op: 'set', path: ['заметка'], value: 'Клиент: очень важный' },
      { op: 'set', path: ['ответственный'], value: 'Иван' },
    ],
    touched: [3, 8],
    expect: (f) => {
      f['город'] = 'Казань';
      (f.tags as unknown[]).push('2027');
      f['заметка'] = 'Клиент: очень важный';
      f['ответственный'] = 'Иван';
    },
  },
  {
    fixture: 'cyrillic.md',
    name: 'log',
    ops: [{ op: 'log', line: '2026-11-24 звонок: перезвонить в мае', heading: '## Журнал' }],
    touched: [],
    expect: () => undefined,
  },
];

function expectedPath(fixture: string, name: string): string {
  const ext = path.extname(fixture);
  return path.join(DIR, `${path.basename(fixture, ext)}.${name}.expected${ext}`);
}

for (const c of CASES) {
  test(`${c.fixture}: ${c.name}`, () => {
    const format = c.fixture.endsWith('.yaml') ? 'yaml' : 'md';
    const before = readFileSync(path.join(DIR, c.fixture), 'utf8');
    const result = editRecord(before, c.ops, { format });
    assert.ok(!('error' in result), 'error' in result ? result.error : '');
    assert.equal(applyEdits(before, result.edits), result.text, 'the edits produce the returned text');

    const file = expectedPath(c.fixture, c.name);
    if (UPDATE) writeFileSync(file, result.text);
    assert.ok(existsSync(file), `missing ${path.relative(DIR, file)}: run with UPDATE_EDIT_FIXTURES=1 and review it`);
    assert.equal(result.text, readFileSync(file, 'utf8'));

    assertUntouchedLinesKept(before, result.text, new Set(c.touched.map((line) => line - 1)));
    assertLineEndings(before, result.text);
    const fields = structuredClone(readFields(before, format));
    c.expect(fields);
    assert.deepEqual(readFields(result.text, format), fields);
    if (format === 'md' && !c.ops.some((op) => op.op === 'log')) assert.equal(bodyPart(result.text), bodyPart(before));
  });
}

test('editing the fields never touches the Markdown body, byte for byte', () => {
  for (const fixture of ['commented.md', 'crlf-bom.md', 'cyrillic.md']) {
    const before = readFileSync(path.join(DIR, fixture), 'utf8');
    const result = editRecord(before, [
      { op: 'set', path: ['stage'], value: 'lost' },
      { op: 'set', path: ['lost_reason'], value: 'price' },
      { op: 'append', path: ['tags'], item: 'archive' },
      { op: 'remove', path: ['name'] },
    ]);
    assert.ok(!('error' in result));
    assert.equal(bodyPart(result.text), bodyPart(before), fixture);
    // The body is the file's tail: no edit reaches into it.
    const bodyStart = before.length - bodyPart(before).length;
    for (const edit of result.edits) assert.ok(edit.offset + edit.length <= bodyStart, `${fixture}: edit at ${edit.offset}`);
  }
});
