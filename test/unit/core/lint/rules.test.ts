import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { lintWorkspace } from '../../../../src/core/lint';
import { findCardNumber, luhnValid } from '../../../../src/core/lint/secretRule';
import type { Problem } from '../../../../src/core/model';
import { WorkspaceStore } from '../../../../src/core/store';
import { FIXTURES } from '../../paths';

let problems: Problem[] = [];
before(async () => {
  const store = new WorkspaceStore(path.join(FIXTURES, 'workspaces', 'lint'));
  await store.load();
  problems = await lintWorkspace(store, { today: '2026-11-24' });
});

const of = (code: string, file?: string): Problem[] => problems.filter((p) => p.code === code && (file === undefined || p.file === file));
const at = (p: Problem): string => `${p.file}:${p.range.start.line}:${p.range.start.column}`;

test('duplicate: same e-mail after trimming and lower-casing, both records warned, each naming the other', () => {
  const emails = of('duplicate').filter((p) => p.data?.['field'] === 'email');
  assert.deepEqual(emails.map(at).sort(), ['clients/anna-duplicate.md:4:1', 'clients/anna-smirnova.md:3:1']);
  const dup = emails.find((p) => p.file === 'clients/anna-duplicate.md')!;
  assert.equal(dup.severity, 'warning');
  assert.match(dup.message, /clients\/anna-smirnova\.md/);
  assert.deepEqual(dup.related?.map((r) => `${r.file}:${r.line}`), ['clients/anna-smirnova.md:3']);
});

test('duplicate: the same phone in two spellings (E.164 in the RU region)', () => {
  const phones = of('duplicate').filter((p) => p.data?.['field'] === 'phone');
  assert.deepEqual(phones.map(at).sort(), ['clients/anna-smirnova.md:4:1', 'clients/phone-twin.md:4:1']);
  assert.equal(phones[0]?.data?.['value'], '+79123456789');
});

test('duplicate: same name alone is not a duplicate, and archived records are left out', () => {
  assert.deepEqual(of('duplicate', 'clients/same-name.md'), []);
  assert.deepEqual(of('duplicate', 'clients/archive/anna-old.md'), []);
});

test('invalid-phone: an error on the phone key', () => {
  const bad = of('invalid-phone');
  assert.deepEqual(bad.map(at), ['clients/bad-phone.md:4:1']);
  assert.equal(bad[0]?.severity, 'error');
});

test('secret: password field, card number, passport field, and the same in the notes', () => {
  const secrets = of('secret', 'clients/secrets.md').map((p) => `${p.range.start.line}:${p.range.start.column}`);
  assert.deepEqual(secrets, ['4:1', '5:1', '6:1', '14:15', '16:1', '17:1']);
  assert.ok(of('secret').every((p) => p.severity === 'warning'));
});

test('secret: requisites, phones and non-Luhn numbers are not cards', () => {
  assert.equal(findCardNumber('Not a card: 4111 1111 1111 1112.'), undefined);
  assert.equal(findCardNumber('ИНН 500100732259, тел. 89123456780'), undefined);
  assert.equal(findCardNumber('0000 0000 0000 0000'), undefined);
  assert.deepEqual(findCardNumber('card 4111-1111-1111-1111 ok'), { index: 5, length: 19 });
  assert.equal(luhnValid('79927398713'), true);
  assert.equal(luhnValid('79927398710'), false);
});
