// invalid-requisites: on single records, and in a linted workspace with the positions of the keys.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { resolveConfig } from '../../../../src/core/config';
import { lintWorkspace } from '../../../../src/core/lint';
import { requisitesRule } from '../../../../src/core/lint/requisitesRule';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import { WorkspaceStore } from '../../../../src/core/store';
import { COMPANY_REQUISITES } from '../requisitesSample';

const ctx = { store: undefined as unknown as WorkspaceStore, config: resolveConfig({}).config, today: '2026-11-24' };
const check = (front: string, kind: 'client' | 'invoice' = 'client'): string[] =>
  requisitesRule.checkRecord!(parseRecordText('clients/a.md', `---\nname: A\n${front}\n---\n`, { kind, archived: false }).record!, ctx).map((f) => `${f.code} ${'path' in f ? f.path.join('.') : ''}: ${f.message}`);

test('valid requisites, a sole trader, and records without requisites have no finding', () => {
  assert.deepEqual(check(COMPANY_REQUISITES), []);
  assert.deepEqual(check('requisites: { inn: "771234567859", ogrn: "316770000123452", bik: "044525225", account: "40802810700000054321" }'), [], 'a sole trader: 12-digit INN, OGRNIP, no KPP');
  assert.deepEqual(check('requisites: { inn: 7707083893, kpp: 773601001, ogrn: 1027700132195 }'), [], 'numbers that keep every digit are accepted');
  assert.deepEqual(check('company: ООО «Ромашка»'), []);
  assert.deepEqual(check('requisites: { inn: "", kpp: null, bank: Сбербанк }'), [], 'empty values are not checked');
  assert.deepEqual(check('requisites: "ИНН 7707083894"'), [], 'not a mapping: the schema check says so');
  assert.deepEqual(check('requisites: { inn: "7707083894" }', 'invoice'), [], 'clients only');
});

test('each bad value is an error on its key, naming the field and why', () => {
  assert.deepEqual(check('requisites: { inn: "7707083894", kpp: "77360100", ogrn: "1027700132196" }'), [
    'invalid-requisites requisites.inn: requisites.inn: 7707083894 fails the INN check digit',
    'invalid-requisites requisites.kpp: requisites.kpp: must be 9 characters, not 8',
    'invalid-requisites requisites.ogrn: requisites.ogrn: 1027700132196 fails the OGRN check digit',
  ]);
  assert.deepEqual(check('requisites: { bik: "044525225", account: "40702810938000000000", corr_account: "30101810500000000225" }'), [
    'invalid-requisites requisites.account: requisites.account: does not match BIK 044525225 (control key)',
    'invalid-requisites requisites.corr_account: requisites.corr_account: does not match BIK 044525225 (control key)',
  ]);
  assert.deepEqual(check('requisites: { bik: "04452522", account: "40702810938000000000" }'), ['invalid-requisites requisites.bik: requisites.bik: 04452522 is not a BIK: 9 digits'], 'a bad BIK, so the account is not keyed');
});

test('YAML numbers that lost leading zeros or digits are reported with advice to quote them', () => {
  assert.deepEqual(check('requisites: { bik: 044525225, account: 40702810200000012345, inn: 274062111 }'), [
    'invalid-requisites requisites.inn: requisites.inn: 274062111 is a YAML number, which loses leading zeros: write it in quotes',
    'invalid-requisites requisites.bik: requisites.bik: 44525225 is a YAML number, which loses leading zeros: write it in quotes',
    'invalid-requisites requisites.account: requisites.account: 40702810200000010000 is too long for a YAML number, whose digits are then not exact: write it in quotes',
  ]);
});

test('in a workspace: errors at the nested keys, archived records included, counted by lint', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'plain-crm-requisites-'));
  try {
    mkdirSync(path.join(root, '.crm'));
    mkdirSync(path.join(root, 'clients', 'archive'), { recursive: true });
    writeFileSync(path.join(root, '.crm', 'config.yaml'), 'currency: RUB\n');
    writeFileSync(path.join(root, 'clients', 'good.md'), `---\nname: Good\ncompany: ООО «Хорошо»\n${COMPANY_REQUISITES}\n---\n`);
    writeFileSync(path.join(root, 'clients', 'bad.md'), '---\nname: Bad\nrequisites:\n  bank: Банк\n  inn: "7707083894"\n  bik: "044525225"\n  corr_account: "30101810500000000225"\n---\n');
    writeFileSync(path.join(root, 'clients', 'flow.yaml'), 'name: Flow\nrequisites: { kpp: "7736-1001" }\n');
    writeFileSync(path.join(root, 'clients', 'archive', 'old.md'), '---\nname: Old\nrequisites:\n  ogrn: "307760324100017"\n---\n');
    const store = new WorkspaceStore(root);
    await store.load();
    const problems = (await lintWorkspace(store, { today: '2026-11-24' })).filter((p) => p.code === 'invalid-requisites');
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.range.start.line}:${p.range.start.column} ${p.severity}`),
      ['clients/archive/old.md:4:3 error', 'clients/bad.md:5:3 error', 'clients/bad.md:7:3 error', 'clients/flow.yaml:2:15 error'],
    );
    assert.equal(problems.find((p) => p.file === 'clients/flow.yaml')?.message, 'requisites.kpp: 7736-1001 is not a KPP: 9 digits, places 5-6 may be letters A-Z');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
