// `plain-crm import csv` end to end on a copy of the sample workspace.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { writePlan } from '../../../src/cli/commands/import';
import { filesUnder, SAMPLE_WORKSPACE } from '../paths';
import { runCli } from './runCli';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-import-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ws = path.join(dir, 'ws');
cpSync(SAMPLE_WORKSPACE, ws, { recursive: true });
const cli = (...args: string[]): ReturnType<typeof runCli> => runCli([...args, '-w', ws, '--today', '2026-11-24']);
const sample = path.join(ws, 'examples', 'contacts-excel-1251.csv');
// The workspace's own files: `.crm/.cache/` holds caches any run may rewrite (git ignores them).
const snapshot = (): Map<string, string> =>
  new Map(filesUnder(ws).filter((f) => !path.relative(ws, f).startsWith(path.join('.crm', '.cache'))).map((f) => [path.relative(ws, f), readFileSync(f, 'latin1')]));

test('--dry-run prints the plan and writes nothing', () => {
  const before = snapshot();
  const run = cli('import', 'csv', sample, '--dry-run');
  assert.equal(run.code, 1, 'rows were skipped');
  assert.match(run.stderr, /windows-1251, ";"-separated, 8 rows; columns: ФИО=name, Телефон=phone, E-mail=email/);
  assert.match(run.stderr, /dry run, nothing written: created 3, updated 1, unchanged 1, skipped 2 \(1 invalid e-mail, 1 too many cells\); 1 conflict, existing values kept\n$/);
  assert.match(run.stdout, /^line 2: update clients\/anna-smirnova\.md \(Анна Смирнова\): position, tags \+интернет-магазин$/m);
  // A new lead fires the sample workspace's `created` playbook, into the new file.
  assert.match(run.stdout, /^lines 4, 11: create clients\/petr-vasilev\.md \(Пётр Васильев\), playbook Новый лид$/m);
  assert.match(run.stdout, /^line 6: skipped, invalid e-mail: "olga@@mail" is not an e-mail address$/m);
  assert.deepEqual(snapshot(), before);
});

test('the import writes the plan, touches nothing else, and a second run changes nothing', () => {
  const before = snapshot();
  const run = cli('import', 'csv', sample);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /^created 3, updated 1, unchanged 1, skipped 2/m);
  const after1 = snapshot();
  const changed = [...after1.keys()].filter((f) => after1.get(f) !== before.get(f)).sort();
  assert.deepEqual(changed, ['clients/anna-smirnova.md', 'clients/khaker-zlobnyi.md', 'clients/mariia-ivanova.md', 'clients/petr-vasilev.md'].map((f) => f.split('/').join(path.sep)));
  const lint = cli('lint', '--format', 'json');
  const problems = (JSON.parse(lint.stdout) as { file: string; code: string; severity: string }[]).filter((p) => /petr|khaker|mariia/.test(p.file));
  assert.deepEqual(problems.filter((p) => p.severity !== 'info'), [], 'the new records are valid');
  // The spreadsheet said nothing of consent: lint says so, as information.
  assert.deepEqual([...new Set(problems.map((p) => p.code))], ['no-consent']);
  assert.match(readFileSync(path.join(ws, 'clients', 'petr-vasilev.md'), 'utf8'), /^- \[ \] \d{4}-\d{2}-\d{2} Позвонить и квалифицировать заявку <!-- playbook:new-lead \d{4}-\d{2}-\d{2} -->$/m);
  const again = cli('import', 'csv', sample);
  assert.match(again.stderr, /^created 0, updated 0, unchanged 5, skipped 2/m);
  assert.deepEqual(snapshot(), after1);
});

test('--map, --delimiter and --encoding; bad arguments are exit 2 with a message', () => {
  const csv = path.join(dir, 'list.csv');
  writeFileSync(csv, 'Клиент|Почта\nЗоя|zoya@x.ru\n');
  assert.match(cli('import', 'csv', csv, '--dry-run', '--delimiter', '|').stderr, /--delimiter: "\|" is not/);
  writeFileSync(csv, 'Who,Mail,Skip me\nЗоя Петрова,zoya@x.ru,secret\n');
  const run = cli('import', 'csv', csv, '--dry-run', '--map', 'Who=name, Mail=email, Skip me=-', '--delimiter', ',', '--encoding', 'utf-8');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /columns: Who=name, Mail=email, Skip me=-/);
  assert.equal(run.stdout, 'line 2: create clients/zoia-petrova.md (Зоя Петрова), playbook Новый лид\n');
  assert.match(cli('import', 'csv', csv, '--encoding', 'koi8-r').stderr, /--encoding: "koi8-r" is not one of utf-8, windows-1251/);
  assert.match(cli('import', 'csv', csv, '--map', 'Nope=name').stderr, /no column "Nope"/);
  assert.equal(cli('import', 'csv', path.join(dir, 'missing.csv')).code, 2);
  writeFileSync(csv, 'Name,Email\n"Bob,b@x.ru\n');
  const broken = cli('import', 'csv', csv);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /line 2: a quoted cell starts here and is never closed/);
});

test('when a write fails, the files already written are put back', async () => {
  const root = path.join(dir, 'rollback');
  cpSync(SAMPLE_WORKSPACE, root, { recursive: true });
  const anna = path.join(root, 'clients', 'anna-smirnova.md');
  const before = readFileSync(anna, 'utf8');
  writeFileSync(path.join(root, 'clients', 'taken.md'), 'someone else');
  const plan = {
    warnings: [],
    outcomes: [
      { kind: 'create' as const, file: 'clients/fresh.md', name: 'Fresh', text: '---\nname: Fresh\n---\n', lines: [2], conflicts: [], playbooks: [] },
      { kind: 'update' as const, file: 'clients/anna-smirnova.md', name: 'Анна', text: 'changed', base: before, edits: [], lines: [3], filled: [], tags: [], notes: 0, conflicts: [] },
      { kind: 'create' as const, file: 'clients/taken.md', name: 'Taken', text: 'x', lines: [4], conflicts: [], playbooks: [] },
    ],
  };
  await assert.rejects(writePlan(root, plan), /clients\/taken\.md appeared while importing; nothing was imported/);
  assert.equal(readFileSync(anna, 'utf8'), before);
  assert.equal(existsSync(path.join(root, 'clients', 'fresh.md')), false);
  assert.equal(readFileSync(path.join(root, 'clients', 'taken.md'), 'utf8'), 'someone else');
});

test('a record saved by someone else after the plan was made is not overwritten', async () => {
  const root = path.join(dir, 'changed');
  cpSync(SAMPLE_WORKSPACE, root, { recursive: true });
  const anna = path.join(root, 'clients', 'anna-smirnova.md');
  const planned = readFileSync(anna, 'utf8');
  const theirs = planned.replace('city: Москва', 'city: Казань');
  writeFileSync(anna, theirs);
  const plan = {
    warnings: [],
    outcomes: [
      { kind: 'create' as const, file: 'clients/fresh.md', name: 'Fresh', text: '---\nname: Fresh\n---\n', lines: [2], conflicts: [], playbooks: [] },
      { kind: 'update' as const, file: 'clients/anna-smirnova.md', name: 'Анна', text: 'imported', base: planned, edits: [], lines: [3], filled: [], tags: [], notes: 0, conflicts: [] },
    ],
  };
  await assert.rejects(writePlan(root, plan), /clients\/anna-smirnova\.md changed on disk while importing/);
  assert.equal(readFileSync(anna, 'utf8'), theirs, 'their version wins');
  assert.equal(existsSync(path.join(root, 'clients', 'fresh.md')), false, 'and nothing else of the import stays');
});
