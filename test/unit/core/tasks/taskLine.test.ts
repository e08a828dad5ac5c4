// The task line grammar: `- [ ] 2026-11-25 Send the proposal @ivan@example.com`, done with ✓ date.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTaskLine, parseTaskLine, setTaskDone, type TaskLine } from '../../../../src/core/tasks/taskLine';
import { runs } from '../../fuzz';

test('an open task with a date and an owner', () => {
  assert.deepEqual(parseTaskLine('- [ ] 2026-11-25 Send the revised proposal @ivan@example.com'), {
    indent: '',
    bullet: '-',
    done: false,
    due: '2026-11-25',
    text: 'Send the revised proposal',
    owner: 'ivan@example.com',
  });
});

test('date, time and owner are optional; a mid-text address is text', () => {
  assert.deepEqual(parseTaskLine('- [ ] Позвонить Анне'), { indent: '', bullet: '-', done: false, text: 'Позвонить Анне' });
  assert.deepEqual(parseTaskLine('  * [ ] 2026-11-25 14:30 Созвон'), { indent: '  ', bullet: '*', done: false, due: '2026-11-25', time: '14:30', text: 'Созвон' });
  assert.equal(parseTaskLine('- [ ] Write to anna@example.com today')?.owner, undefined);
  assert.equal(parseTaskLine('- [ ] Write to anna@example.com today')?.text, 'Write to anna@example.com today');
  assert.equal(parseTaskLine('- [ ]')?.text, '');
});

test('a checked task is done, with the date after ✓ and the key comment', () => {
  assert.deepEqual(parseTaskLine('- [x] 2026-11-20 Call back @anna ✓ 2026-11-21 <!-- playbook:won-review 2026-11-06 -->'), {
    indent: '',
    bullet: '-',
    done: true,
    due: '2026-11-20',
    text: 'Call back',
    owner: 'anna',
    doneOn: '2026-11-21',
    key: 'playbook:won-review 2026-11-06',
  });
  assert.equal(parseTaskLine('- [X] Done')?.done, true);
});

test('not a task: plain list items, links, headings', () => {
  for (const line of ['- item', '[ ] no bullet', '- [] empty', '-[ ] no space', '# [ ] heading', '- [y] other mark', '']) {
    assert.equal(parseTaskLine(line), undefined, line);
  }
});

test('a first word that looks like a date but is none is reported, never guessed', () => {
  const task = parseTaskLine('- [ ] 2026-13-40 Call');
  assert.equal(task?.due, undefined);
  assert.deepEqual(task?.badDate, { value: '2026-13-40', column: 7 });
  assert.equal(task?.text, '2026-13-40 Call');
  assert.deepEqual(parseTaskLine('  - [ ] 25.11.2026 Позвонить')?.badDate, { value: '25.11.2026', column: 9 });
  assert.equal(parseTaskLine('- [ ] 2026-02-29 Leap?')?.badDate?.value, '2026-02-29');
  assert.equal(parseTaskLine('- [ ] 2028-02-29 Leap')?.due, '2028-02-29');
  assert.equal(parseTaskLine('- [ ] 2026-11-25 25:00 Late')?.due, undefined);
});

test('completing sets ✓ today; reopening drops it; the rest of the line stays', () => {
  const task = parseTaskLine('- [ ] 2026-11-25 Send @ivan <!-- k -->')!;
  const done = formatTaskLine(setTaskDone(task, true, '2026-11-24'));
  assert.equal(done, '- [x] 2026-11-25 Send @ivan ✓ 2026-11-24 <!-- k -->');
  assert.equal(formatTaskLine(setTaskDone(parseTaskLine(done)!, false, '2026-11-30')), '- [ ] 2026-11-25 Send @ivan <!-- k -->');
});

test('property: any task round-trips through its line; a checked task parses as done', async () => {
  const fc = await import('fast-check');
  const date = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const word = fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.replace(/[\s\u0085\u2028\u2029]/g, '') || 'x');
  // Text: words that neither start like a date nor end like an owner, a ✓ mark or a comment.
  const text = fc
    .array(word, { maxLength: 6 })
    .map((words) => words.join(' '))
    .filter((s) => !/^\d{1,4}[-./]\d/.test(s) && !/(^|\s)@\S*$/.test(s) && !s.includes('✓') && !s.includes('<!--') && !s.includes('-->') && s.trim() === s);
  const task = fc.record(
    {
      indent: fc.constantFrom('', '  ', '    '),
      bullet: fc.constantFrom('-' as const, '*' as const, '+' as const),
      done: fc.boolean(),
      due: date,
      time: fc.constantFrom('09:00', '14:30', '23:59'),
      text,
      owner: fc.constantFrom('ivan@example.com', 'anna', 'ольга'),
      doneOn: date,
      key: fc.constantFrom('playbook:new-lead 2026-11-24', 'k'),
    },
    { requiredKeys: ['indent', 'bullet', 'done', 'text'] },
  ).filter((t) => t.time === undefined || t.due !== undefined);
  fc.assert(
    fc.property(task, (t) => {
      const line = formatTaskLine(t as TaskLine);
      const back = parseTaskLine(line);
      assert.deepEqual(back, { ...t }, line);
      assert.equal(back?.done, t.done);
    }),
    { numRuns: runs(1000) },
  );
});

test('property: the parser never throws and never loses a checked box', async () => {
  const fc = await import('fast-check');
  fc.assert(
    fc.property(fc.string({ maxLength: 80 }), fc.constantFrom('x', 'X', ' '), (rest, mark) => {
      const line = `- [${mark}] ${rest}`.replace(/[\r\n]/g, ' ');
      const task = parseTaskLine(line);
      assert.ok(task);
      assert.equal(task.done, mark !== ' ');
    }),
    { numRuns: runs(1000) },
  );
});
