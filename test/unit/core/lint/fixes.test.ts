import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig } from '../../../../src/core/config';
import { applyEdits } from '../../../../src/core/edit/textEdit';
import { secretRemovalEdits, stageSuggestions } from '../../../../src/core/lint/fixes';

test('stageSuggestions: the closest configured stage first, by id or label', () => {
  const { stages } = defaultConfig();
  assert.equal(stageSuggestions('proposl', stages)[0]?.id, 'proposal');
  assert.equal(stageSuggestions('Qualifed', stages)[0]?.id, 'qualified');
  assert.equal(stageSuggestions('thinking', stages).length, stages.length);
  const labelled = [{ id: 'proposal', label: 'Предложение', closed: false }, { id: 'won', label: 'Выиграна', closed: true }];
  assert.equal(stageSuggestions('предложенье', labelled)[0]?.id, 'proposal');
});

test('secretRemovalEdits: a top-level field goes with nothing else touched; a notes line goes whole', () => {
  const text = '---\r\nname: Анна # клиент\r\npassword: hunter2\r\nstage: lead\r\n---\r\nNotes\r\nкарта 4111 1111 1111 1111\r\nend\r\n';
  const field = secretRemovalEdits(text, 'md', 3)!;
  assert.equal(applyEdits(text, field), '---\r\nname: Анна # клиент\r\nstage: lead\r\n---\r\nNotes\r\nкарта 4111 1111 1111 1111\r\nend\r\n');
  const line = secretRemovalEdits(text, 'md', 7)!;
  assert.equal(applyEdits(text, line), '---\r\nname: Анна # клиент\r\npassword: hunter2\r\nstage: lead\r\n---\r\nNotes\r\nend\r\n');
  assert.equal(secretRemovalEdits(text, 'md', 1), undefined, 'the fence is not a secret');
  const yaml = 'name: A\nconsent:\n  password: x\n';
  assert.equal(secretRemovalEdits(yaml, 'yaml', 3), undefined, 'a nested key is left to the user');
  assert.equal(applyEdits(yaml, secretRemovalEdits(yaml, 'yaml', 1)!), 'consent:\n  password: x\n');
});
