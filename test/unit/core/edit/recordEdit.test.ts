// The edit API case by case: record text in, exact record text out (PRODUCT.md §6). Longer,
// realistic records are in recordEdit.fixtures.test.ts; random ones in recordEdit.property.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  appendLogLine,
  appendToList,
  editRecord,
  isEditError,
  removeField,
  setField,
  type EditOp,
  type RecordEditOptions,
} from '../../../../src/core/edit/recordEdit';
import { applyEdits, type TextEdit } from '../../../../src/core/edit/textEdit';

const md = (...lines: string[]): string => ['---', ...lines, '---', '## Notes', ''].join('\n');

/** The new text of `ops` on `text`, failing the test on an error value. */
function edit(text: string, ops: EditOp[], options?: RecordEditOptions): string {
  const result = editRecord(text, ops, options);
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  assert.equal(applyEdits(text, result.edits), result.text);
  return result.text;
}

const set = (path: (string | number)[], value: unknown): EditOp => ({ op: 'set', path, value });
const remove = (path: (string | number)[]): EditOp => ({ op: 'remove', path });
const append = (path: (string | number)[], item: unknown): EditOp => ({ op: 'append', path, item });

test('the single-operation functions return text edits', () => {
  const text = md('stage: lead  # comment', 'tags: [a]');
  const edits = setField(text, ['stage'], 'won');
  assert.ok(!isEditError(edits));
  assert.deepEqual(edits, [{ offset: 11, length: 4, newText: 'won' }]);
  assert.equal(applyEdits(text, edits), md('stage: won  # comment', 'tags: [a]'));
  assert.equal(applyEdits(text, removeField(text, ['tags']) as TextEdit[]), md('stage: lead  # comment'));
  assert.equal(applyEdits(text, appendToList(text, ['tags'], 'b') as TextEdit[]), md('stage: lead  # comment', 'tags: [a, b]'));
  assert.equal(
    applyEdits(text, appendLogLine(text, '2026-11-24 call') as TextEdit[]),
    md('stage: lead  # comment', 'tags: [a]').replace('## Notes\n', '## Notes\n\n## Log\n- 2026-11-24 call\n'),
  );
});

test('scalars: replaced in place, with the comment after them and the quoting of the field', () => {
  assert.equal(edit(md('stage: lead  # comment'), [set(['stage'], 'won')]), md('stage: won  # comment'));
  assert.equal(edit(md('phone: "+7 912"'), [set(['phone'], '+7 913')]), md('phone: "+7 913"'));
  assert.equal(edit(md("city: 'Москва'"), [set(['city'], "Нижний 'Н'")]), md("city: 'Нижний ''Н'''"));
  assert.equal(edit(md('name:    Anna   # aligned'), [set(['name'], 'Bob')]), md('name:    Bob   # aligned'));
  assert.equal(edit(md('value: 1000'), [set(['value'], 2500.5)]), md('value: 2500.5'));
  assert.equal(edit(md('value: 1000'), [set(['value'], '2500')]), md('value: "2500"'));
  assert.equal(edit(md('ok: false'), [set(['ok'], true)]), md('ok: true'));
  assert.equal(edit(md('stage: lead'), [set(['stage'], 'lead')]), md('stage: lead'), 'same value: no change');
});

test('null values: `key:`, `key: null`, `key: ~` and a comment after the colon', () => {
  assert.equal(edit(md('lost_reason:', 'x: 1'), [set(['lost_reason'], 'price')]), md('lost_reason: price', 'x: 1'));
  assert.equal(edit(md('lost_reason: null'), [set(['lost_reason'], 'spam')]), md('lost_reason: spam'));
  assert.equal(edit(md('lost_reason: ~  # why'), [set(['lost_reason'], 'spam')]), md('lost_reason: spam  # why'));
  assert.equal(edit(md('lost_reason:   # why'), [set(['lost_reason'], 'spam')]), md('lost_reason: spam   # why'));
  assert.equal(edit(md('stage: won'), [set(['lost_reason'], null)]), md('stage: won', 'lost_reason: null'));
  assert.equal(edit(md('consent:', 'x: 1'), [set(['consent', 'email'], true)]), md('consent: { email: true }', 'x: 1'));
});

test('a missing top-level key is appended at the end of the front matter', () => {
  assert.equal(edit(md('name: A', '# last comment'), [set(['owner'], 'ivan@example.com')]), md('name: A', '# last comment', 'owner: ivan@example.com'));
  assert.equal(edit('---\n---\nbody\n', [set(['name'], 'A')]), '---\nname: A\n---\nbody\n');
  assert.equal(edit('---\n# only a comment\n---\n', [set(['name'], 'A')]), '---\n# only a comment\nname: A\n---\n');
});

test('`after`: a new key goes right after its sibling (a block map), else where it would anyway', () => {
  const after = (path: (string | number)[], value: unknown, sibling: string): EditOp => ({ op: 'set', path, value, after: sibling });
  assert.equal(
    edit(md('unsubscribed: false   # asked', 'lost_reason: null'), [set(['unsubscribed'], true), after(['unsubscribed_on'], '2026-11-25', 'unsubscribed')]),
    md('unsubscribed: true   # asked', 'unsubscribed_on: 2026-11-25', 'lost_reason: null'),
  );
  assert.equal(
    edit(md('contacts:', '  - name: A', '    email: a@x.ru', '    consent: { email: true }', '  - name: B'), [after(['contacts', 0, 'email_status'], 'bounced', 'email')]),
    md('contacts:', '  - name: A', '    email: a@x.ru', '    email_status: bounced', '    consent: { email: true }', '  - name: B'),
  );
  assert.equal(edit(md('notes: |+', '  kept', '', 'x: 1'), [after(['z'], 2, 'notes')]), md('notes: |+', '  kept', '', 'z: 2', 'x: 1'), 'after the kept blank lines of a `|+` block');
  assert.equal(edit(md('name: A', 'x: 1'), [after(['z'], 2, 'missing')]), md('name: A', 'x: 1', 'z: 2'), 'no such sibling: at the end');
  assert.equal(edit(md('c: { a: 1, b: 2 }'), [after(['c', 'z'], 3, 'a')]), md('c: { a: 1, b: 2, z: 3 }'), 'a flow map: at its end');
  assert.equal(edit(md('x: 1', 'z: 2'), [after(['x'], 5, 'z')]), md('x: 5', 'z: 2'), 'an existing key stays where it is');
});

test('nested maps: a missing key goes in with the map indentation, or before `}` of a flow map', () => {
  const block = md('consent:', '    email: true   # yes', 'stage: lead');
  assert.equal(edit(block, [set(['consent', 'sms'], false)]), md('consent:', '    email: true   # yes', '    sms: false', 'stage: lead'));
  const flow = md('next_action: { date: 2026-11-25, what: Send }  # soon');
  assert.equal(edit(flow, [set(['next_action', 'date'], '2026-12-01')]), md('next_action: { date: 2026-12-01, what: Send }  # soon'));
  assert.equal(edit(flow, [set(['next_action', 'who'], 'Иван')]), md('next_action: { date: 2026-11-25, what: Send, who: Иван }  # soon'));
  assert.equal(edit(md('a: {x: 1, }'), [set(['a', 'z'], 2)]), md('a: {x: 1, z: 2, }'));
  assert.equal(edit(md('a: {}'), [set(['a', 'z'], 2)]), md('a: { z: 2 }'));
  assert.equal(edit(md('a: {}'), [set(['a', 'y'], 2)]), md('a: { "y": 2 }'), '`y` is true in YAML 1.1');
  assert.equal(edit(md('name: A'), [set(['consent', 'email'], true)]), md('name: A', 'consent: { email: true }'));
  assert.equal(
    edit(md('purchases:', '  - { date: 2026-04-10, amount: 45000 }'), [set(['purchases', 0, 'amount'], 50000)]),
    md('purchases:', '  - { date: 2026-04-10, amount: 50000 }'),
  );
});

test('whole maps: updated key by key, so the untouched keys keep their comments', () => {
  const text = md('consent:', '  processing: true  # store', '  email: true      # mail', '  sms: false', 'x: 1');
  assert.equal(
    edit(text, [set(['consent'], { processing: true, email: false, date: '2026-03-01' })]),
    md('consent:', '  processing: true  # store', '  email: false      # mail', '  date: 2026-03-01', 'x: 1'),
  );
  assert.equal(edit(md('next_action: { date: 2026-11-25, what: Send }'), [set(['next_action'], { date: '2026-12-01', what: 'Call' })]), md('next_action: { date: 2026-12-01, what: Call }'));
  assert.equal(edit(text, [set(['consent'], {})]), md('consent: {}', 'x: 1'));
  assert.equal(edit(md('a: 1  # c', 'b: 2'), [set(['a'], { x: 1, z: 'two words' })]), md('a: { x: 1, z: two words }  # c', 'b: 2'));
});

test('new maps and lists: flow when small, block when not; indentation of the file', () => {
  assert.equal(edit(md('a: 1'), [set(['tags'], ['b2b', 'vip'])]), md('a: 1', 'tags: [b2b, vip]'));
  assert.equal(
    edit(md('a: 1'), [set(['purchases'], [{ date: '2026-04-10', amount: 45000, item: 'Landing page' }])]),
    md('a: 1', 'purchases:', '  - { date: 2026-04-10, amount: 45000, item: Landing page }'),
  );
  assert.equal(
    edit(md('a:', '    b: 1', 'list:', '- x'), [set(['deals'], [{ name: 'Big', items: [{ what: 'audit', qty: 1 }] }])]),
    md('a:', '    b: 1', 'list:', '- x', 'deals:', '- name: Big', '  items:', '  - { what: audit, qty: 1 }'),
  );
  assert.equal(edit(md('a: 1'), [set(['notes'], 'one\ntwo\n')]), md('a: 1', 'notes: |', '  one', '  two'));
  assert.equal(edit(md('a: 1'), [set(['notes'], 'one\ntwo')]), md('a: 1', 'notes: |-', '  one', '  two'));
  assert.equal(edit(md('a: 1'), [set(['notes'], ' indented\ntwo')]), md('a: 1', 'notes: " indented\\ntwo"'));
  assert.equal(edit(md('a: { b: 1 }'), [set(['a', 'c'], 'x\ny')]), md('a: { b: 1, c: "x\\ny" }'));
});

test('replacing values of another kind (scalar ↔ map ↔ list)', () => {
  assert.equal(edit(md('a: x  # c', 'b: 1'), [set(['a'], { long: 'x'.repeat(100) })]), md(`a:  # c`, `  long: ${'x'.repeat(100)}`, 'b: 1'));
  assert.equal(edit(md('a:  # c', '  - x', '  - y', 'b: 1'), [set(['a'], 'none')]), md('a: none  # c', 'b: 1'));
  assert.equal(edit(md('a:', '  k: v', 'b: 1'), [set(['a'], [1, 2])]), md('a: [1, 2]', 'b: 1'));
  assert.equal(edit(md('a: |', '  text', 'b: 1'), [set(['a'], 'short')]), md('a: short', 'b: 1'));
  assert.equal(edit(md('a:', '  value on the next line', 'b: 1'), [set(['a'], 'x')]), md('a: x', 'b: 1'));
});

test('removing: whole lines in block style, the entry and one comma in flow style', () => {
  const text = md('# head', 'name: A  # c', 'stage: lead', '', 'tags: [a, b, c]  # t', 'z: 1');
  assert.equal(edit(text, [remove(['stage'])]), md('# head', 'name: A  # c', '', 'tags: [a, b, c]  # t', 'z: 1'));
  assert.equal(edit(text, [remove(['tags', 0])]), md('# head', 'name: A  # c', 'stage: lead', '', 'tags: [b, c]  # t', 'z: 1'));
  assert.equal(edit(text, [remove(['tags', 2])]), md('# head', 'name: A  # c', 'stage: lead', '', 'tags: [a, b]  # t', 'z: 1'));
  assert.equal(edit(md('n: { a: 1, b: 2 }'), [remove(['n', 'b'])]), md('n: { a: 1 }'));
  assert.equal(edit(md('n: { a: 1 }'), [remove(['n', 'a'])]), md('n: {}'));
  assert.equal(edit(md('consent:', '  email: true', 'x: 1'), [remove(['consent', 'email'])]), md('consent: {}', 'x: 1'));
  assert.equal(edit(md('tags:', '  - a', 'x: 1'), [remove(['tags', 0])]), md('tags: []', 'x: 1'));
  assert.equal(edit(md('notes: |', '  a', '  b', 'x: 1'), [remove(['notes'])]), md('x: 1'));
  assert.equal(edit(md('p:', '  - date: 1', '    amount: 2'), [remove(['p', 0, 'date'])]), md('p:', '  -', '    amount: 2'));
  assert.equal(edit(md('x: 1'), [remove(['missing', 'deeper'])]), md('x: 1'), 'nothing to remove: no change');
});

test('appending: same indentation and dash style; flow lists; empty and missing lists', () => {
  assert.equal(edit(md('tags:', '-   a   # first', 'x: 1'), [append(['tags'], 'b')]), md('tags:', '-   a   # first', '-   b', 'x: 1'));
  assert.equal(edit(md('tags:', '    - a', 'x: 1'), [append(['tags'], 'b')]), md('tags:', '    - a', '    - b', 'x: 1'));
  assert.equal(edit(md('tags: [a, b]'), [append(['tags'], 'c')]), md('tags: [a, b, c]'));
  assert.equal(edit(md('tags: [ a, b ]'), [append(['tags'], 'c')]), md('tags: [ a, b, c ]'));
  assert.equal(edit(md('tags: []'), [append(['tags'], 'vip')]), md('tags: [vip]'));
  assert.equal(edit(md('tags:'), [append(['tags'], 'vip')]), md('tags: [vip]'));
  assert.equal(edit(md('a: 1'), [append(['tags'], 'vip')]), md('a: 1', 'tags: [vip]'));
  assert.equal(edit(md('tags: [a]'), [append(['tags'], 'x, y')]), md('tags: [a, "x, y"]'));
  assert.equal(
    edit(md('purchases:', '  - date: 2026-01-01', '    amount: 1'), [append(['purchases'], { date: '2026-02-01', amount: 2 })]),
    md('purchases:', '  - date: 2026-01-01', '    amount: 1', '  - { date: 2026-02-01, amount: 2 }'),
  );
});

test('CRLF, a BOM and a missing final line break are kept', () => {
  const crlf = '\uFEFF---\r\nstage: lead\r\ntags:\r\n  - a\r\n---\r\nbody\r\n';
  assert.equal(
    edit(crlf, [set(['stage'], 'won'), append(['tags'], 'b'), set(['x'], 'one\ntwo')]),
    '\uFEFF---\r\nstage: won\r\ntags:\r\n  - a\r\n  - b\r\nx: |-\r\n  one\r\n  two\r\n---\r\nbody\r\n',
  );
  assert.equal(edit('name: A\nstage: lead', [set(['stage'], 'won')], { format: 'yaml' }), 'name: A\nstage: won');
  assert.equal(edit('name: A\nstage: lead', [set(['x'], 1)], { format: 'yaml' }), 'name: A\nstage: lead\nx: 1');
  assert.equal(edit('name: A\nstage: lead', [remove(['stage'])], { format: 'yaml' }), 'name: A\n');
  assert.equal(edit('name: A\nnotes: x', [set(['notes'], 'a\nb\n')], { format: 'yaml' }), 'name: A\nnotes: |\n  a\n  b\n');
});

test('`.yaml` records: a `...` end marker stays last; the format is detected or given', () => {
  assert.equal(edit('name: A\n...\n', [set(['x'], 1)], { format: 'yaml' }), 'name: A\nx: 1\n...\n');
  assert.equal(edit('name: A\n', [set(['x'], 1)]), 'name: A\nx: 1\n');
  assert.equal(edit('---\nname: A\n', [set(['x'], 1)]), '---\nname: A\nx: 1\n', 'no closing fence: a YAML document');
});

test('`|+` blocks keep their trailing blank lines', () => {
  const text = 'a: |+\n  text\n\nb: 1\nc: 2\n';
  assert.equal(edit(text, [remove(['b'])], { format: 'yaml' }), 'a: |+\n  text\n\nc: 2\n');
  assert.equal(edit('m:\n  a: |+\n    text\n\nz: 1\n', [set(['m', 'b'], 1)], { format: 'yaml' }), 'm:\n  a: |+\n    text\n\n  b: 1\nz: 1\n');
  assert.equal(edit('a: |+\n  text\n\nb: 1\n\nc: 2\n', [remove(['b'])], { format: 'yaml' }), 'a: |+\n  text\n\nc: 2\n');
});

test('an entry after a block scalar goes with its own trailing comments, which the block would read as its text', () => {
  // Found by the property test (seed 446877910): the comment left after the removed item, as deep
  // as the `|` block's text, read back as that text's last line, and the edit was refused.
  const text = 'consent:\n  - |\n    Send\n  - a: 1\n    # about a\n  - KE\nb: 2\n';
  assert.equal(edit(text, [remove(['consent', 1])], { format: 'yaml' }), 'consent:\n  - |\n    Send\n  - KE\nb: 2\n');
  const two = 'consent:\n  - |\n    Send\n  - a: 1\n    # about c\n    c: 3\n  - KE\n';
  assert.equal(edit(two, [remove(['consent', 1, 'c']), remove(['consent', 1])], { format: 'yaml' }), 'consent:\n  - |\n    Send\n  - KE\n');
  // A comment at the list's own depth belongs to what follows: it stays.
  assert.equal(edit('l:\n  - |\n    Send\n  - a: 1\n  # next\n  - KE\n', [remove(['l', 1])], { format: 'yaml' }), 'l:\n  - |\n    Send\n  # next\n  - KE\n');
});

test('several operations are one change: edits sorted, disjoint, against the original text', () => {
  const text = md('stage: lead', 'last_contact: 2026-10-02', 'next_action: { date: 2026-11-25, what: Send }');
  const result = editRecord(text, [
    set(['stage'], 'won'),
    set(['last_contact'], '2026-11-24'),
    remove(['next_action', 'what']),
    set(['next_action', 'date'], '2027-05-24'),
    { op: 'log', line: '2026-11-24 call: won' },
  ]);
  assert.ok(!('error' in result));
  assert.equal(result.text, md('stage: won', 'last_contact: 2026-11-24', 'next_action: { date: 2027-05-24 }').replace('## Notes\n', '## Notes\n\n## Log\n- 2026-11-24 call: won\n'));
  for (let i = 1; i < result.edits.length; i++) {
    const a = result.edits[i - 1] as TextEdit;
    assert.ok(a.offset + a.length <= (result.edits[i] as TextEdit).offset);
  }
  assert.deepEqual(editRecord(text, [set(['stage'], 'won'), set(['stage'], 'lead')]), { edits: [], text });
});

test('the log: last line of the section, or a new section at the end of the body', () => {
  const body = (...lines: string[]): string => `---\na: 1\n---\n${lines.join('\n')}`;
  const log = (text: string, heading?: string): string => edit(text, [{ op: 'log', line: 'new', ...(heading ? { heading } : {}) }]);
  assert.equal(log(body('## Log', '- old', '', '## Next', 'x', '')), body('## Log', '- old', '- new', '', '## Next', 'x', ''));
  assert.equal(log(body('## Log', '- old', '### Detail', '- d', '# Top', '')), body('## Log', '- old', '### Detail', '- d', '- new', '# Top', ''));
  assert.equal(log(body('## Log', '', '', '## Next', '')), body('## Log', '- new', '', '', '## Next', ''));
  assert.equal(log(body('## Log', '- old')), body('## Log', '- old', '- new'), 'no final line break: still none');
  assert.equal(log(body('## Notes', 'text', '')), body('## Notes', 'text', '', '## Log', '- new', ''));
  assert.equal(log(body('```', '## Log', '```', '')), body('```', '## Log', '```', '', '## Log', '- new', ''), 'a heading in code is not one');
  assert.equal(log(body('')), body('## Log', '- new', ''));
  assert.equal(log('---\na: 1\n---'), '---\na: 1\n---\n## Log\n- new\n');
  assert.equal(log(body('## Журнал', '- старое', ''), '## Журнал'), body('## Журнал', '- старое', '- new', ''));
  assert.equal(log('\uFEFF---\r\na: 1\r\n---\r\ntext\r\n'), '\uFEFF---\r\na: 1\r\n---\r\ntext\r\n\r\n## Log\r\n- new\r\n');
});

test('the log of a `.yaml` record goes into `notes:`', () => {
  const opts: RecordEditOptions = { format: 'yaml' };
  const log = (text: string): string => edit(text, [{ op: 'log', line: 'new' }], opts);
  assert.equal(log('notes: |\n  ## Log\n  - old\n\n  ## Next\n  x\nz: 1\n'), 'notes: |\n  ## Log\n  - old\n  - new\n\n  ## Next\n  x\nz: 1\n');
  assert.equal(log('notes: |-\n    text\nz: 1\n'), 'notes: |-\n    text\n\n    ## Log\n    - new\nz: 1\n');
  assert.equal(log('name: A\n'), 'name: A\nnotes: |\n  ## Log\n  - new\n');
  assert.equal(log('name: A\nnotes:\n'), 'name: A\nnotes: |\n  ## Log\n  - new\n');
  assert.equal(log('notes: "one line"\n'), 'notes: |-\n  one line\n\n  ## Log\n  - new\n');
  assert.equal(log('notes: |\r\n  ## Log\r\n  - old\r\n'), 'notes: |\r\n  ## Log\r\n  - old\r\n  - new\r\n');
});

test('errors are values, never exceptions', () => {
  const error = (text: string, ops: EditOp[], options?: RecordEditOptions): string => {
    const result = editRecord(text, ops, options);
    if (!('error' in result)) return assert.fail(`expected an error, got ${JSON.stringify(result.text)}`);
    return result.error;
  };
  assert.match(error('---\nname: [unclosed\n---\n', [set(['a'], 1)]), /do not parse/);
  assert.match(error('---\na: 1\na: 2\n---\n', [set(['b'], 1)]), /do not parse/, 'duplicate keys');
  assert.match(error('---\na: 1\n', [set(['b'], 1)], { format: 'md' }), /not closed/);
  assert.match(error('---\n- a\n---\n', [set(['b'], 1)]), /mapping/);
  assert.match(error(md('stage: lead'), [set(['stage', 'x'], 1)]), /stage is a value/);
  assert.match(error(md('tags: [a]'), [set(['tags', 'x'], 1)]), /tags is a list/);
  assert.match(error(md('tags: [a]'), [set(['tags', 5], 'x')]), /has 1 items/);
  assert.match(error(md('stage: lead'), [append(['stage'], 'x')]), /not a list/);
  assert.match(error(md('a: 1'), [set([], 1)]), /at least one key/);
  assert.match(error(md('a: 1'), [set(['a'], new Date())]), /YYYY-MM-DD/);
  assert.match(error(md('a: 1'), [set(['a'], () => 1)]), /cannot write a function/);
  assert.match(error(md('a: 1'), [{ op: 'log', line: 'two\nlines' }]), /one line/);
  assert.match(error(md('a: &x 1', 'b: *x'), [set(['b'], 2)]), /alias/);
  assert.match(error('notes: [a]\n', [{ op: 'log', line: 'x' }], { format: 'yaml' }), /not text/);
  for (const junk of ['\u0000\u0001binary', '<<<<<<< HEAD\na: 1\n=======\na: 2\n>>>>>>> x\n', '---\n: : :\n---\n', 'a: b: c\n']) {
    assert.doesNotThrow(() => editRecord(junk, [set(['x'], 1)]));
  }
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.match(error(md('a: 1'), [set(['a'], cyclic)]), /refers to itself/);
});
