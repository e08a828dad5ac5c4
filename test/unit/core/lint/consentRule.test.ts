// no-consent and consent-incomplete on single records.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../../../../src/core/config';
import { consentRule } from '../../../../src/core/lint/consentRule';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import type { WorkspaceStore } from '../../../../src/core/store';

const ctx = { store: undefined as unknown as WorkspaceStore, config: resolveConfig({}).config, today: '2026-11-24' };
const check = (front: string, file = 'clients/a.md'): string[] =>
  consentRule.checkRecord!(parseRecordText(file, `---\nname: A\n${front}\n---\n`, { kind: 'client', archived: file.includes('/archive/') }).record!, ctx).map((f) => `${f.code} ${'path' in f ? f.path.join('.') : ''}: ${f.message}`);

test('no-consent: an e-mail or a phone without consent.processing, on the consent block or the contact', () => {
  assert.deepEqual(check('email: a@x.ru'), ['no-consent email: personal data (email) without a recorded consent to processing: add consent.processing']);
  assert.deepEqual(check('phone: "+7 912 000-00-00"\nconsent: { email: false }'), ['no-consent consent: personal data (phone) without a recorded consent to processing: add consent.processing']);
  assert.deepEqual(check('city: Москва'), [], 'no personal contact, nothing to consent to');
  assert.deepEqual(check('email: a@x.ru\nconsent: { processing: false }'), [], 'a refusal is recorded consent information');
  assert.deepEqual(check('email: a@x.ru', 'clients/archive/a.md'), [], 'archived');
});

test('consent-incomplete: consent given without its date or source', () => {
  assert.deepEqual(check('email: a@x.ru\nconsent: { processing: true, email: true }'), ['consent-incomplete consent: consent without its date and source: record when and how it was given']);
  assert.deepEqual(check('email: a@x.ru\nconsent: { processing: true, source: form }'), ['consent-incomplete consent: consent without its date: record when it was given']);
  assert.match(check('email: a@x.ru\nconsent: { processing: true, date: 2026-01-01 }')[0]!, /without its source/);
  assert.deepEqual(check('email: a@x.ru\nconsent: { processing: true, date: 2026-01-01, source: contract }'), []);
});
