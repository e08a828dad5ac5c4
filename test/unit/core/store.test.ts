import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { lintWorkspace } from '../../../src/core/lint';
import { pipelineSummary } from '../../../src/core/pipeline';
import { computeStats } from '../../../src/core/stats';
import { WorkspaceStore } from '../../../src/core/store';
import { FIXTURES } from '../paths';

const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copyWorkspace(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-store-'));
  temps.push(dir);
  cpSync(path.join(FIXTURES, 'workspaces', name), dir, { recursive: true });
  return dir;
}

async function loaded(name = 'mixed'): Promise<WorkspaceStore> {
  const store = new WorkspaceStore(copyWorkspace(name));
  await store.load();
  return store;
}

const codesOf = (store: WorkspaceStore, file: string): string[] => store.problems().filter((p) => p.file === file).map((p) => p.code);

test('loads every record; a malformed one is reported and the rest still load', async () => {
  const store = await loaded();
  assert.deepEqual(store.clients().map((r) => r.id), ['anna-smirnova', 'bob-stone', 'eur-client', 'no-value', 'plain']);
  const broken = store.problems().filter((p) => p.file === 'clients/broken.md');
  assert.equal(broken.length, 1);
  assert.equal(broken[0]?.code, 'parse-error');
  assert.equal(broken[0]?.range.start.line, 3);
  assert.equal(store.byFile('clients/broken.md'), undefined);
});

test('archived records are loaded and flagged, and left out unless asked for', async () => {
  const store = await loaded();
  assert.equal(store.clients().some((r) => r.archived), false);
  const archived = store.clients({ includeArchived: true }).filter((r) => r.archived);
  assert.deepEqual(archived.map((r) => r.file), ['clients/archive/old-lead.md']);
});

test('records by id and by file; invoices apart from clients', async () => {
  const store = await loaded();
  assert.equal(store.get('anna-smirnova')?.data.company, 'ООО «Ромашка»');
  assert.equal(store.byFile('clients/plain.yaml')?.body, 'Paid in full.');
  assert.deepEqual(store.invoices().map((r) => r.data.number), ['INV-2026-0001']);
});

test('field problems point at the key: bad e-mail, unknown stage, bad date, non-numeric value', async () => {
  const store = await loaded();
  const problems = store.problems().filter((p) => p.file === 'clients/bob-stone.md');
  assert.deepEqual(
    problems.map((p) => [p.code, p.severity, p.range.start.line, p.range.start.column]).sort(),
    [
      ['invalid-date', 'error', 6, 1],
      ['invalid-email', 'error', 3, 1],
      ['unknown-stage', 'error', 4, 1],
    ],
  );
  assert.deepEqual(codesOf(store, 'clients/no-value.md'), ['schema']);
  const value = store.problems().find((p) => p.file === 'clients/no-value.md');
  assert.equal(value?.range.start.line, 4);
  // An invalid record is still a record: counted, shown and queryable.
  assert.ok(store.get('bob-stone'));
});

test('unknown config keys are a schema warning, and the config still applies', async () => {
  const store = await loaded();
  const config = store.problems().filter((p) => p.file === '.crm/config.yaml');
  assert.equal(config.length, 1);
  assert.equal(config[0]?.severity, 'warning');
  assert.equal(config[0]?.code, 'schema');
  assert.equal(config[0]?.range.start.line, 9);
  assert.equal(store.config.stale['lead'], 7);
  assert.equal(store.config.stages[1]?.label, 'Предложение');
});

test('segments in both forms, in file order', async () => {
  const store = await loaded();
  assert.deepEqual(store.segments, [
    { name: 'vip', query: 'tag:vip' },
    { name: 'moscow', query: 'city:Москва', description: 'Клиенты из Москвы' },
  ]);
});

test('stats: configured stages in order, unknown stages after, default-currency sums', async () => {
  const store = await loaded();
  const stats = computeStats(store, await lintWorkspace(store, { today: '2026-11-24' }));
  assert.equal(stats.records, 5);
  assert.equal(stats.archived, 1);
  assert.deepEqual(Object.keys(stats.stages), ['lead', 'proposal', 'won', 'lost', 'thinking']);
  assert.deepEqual(stats.stages['proposal'], { count: 1, value: 120000 });
  // EUR is not converted into the RUB sum; `договорная` is not a number.
  assert.deepEqual(stats.stages['won'], { count: 2, value: 1000 });
  assert.deepEqual(stats.stages['lead'], { count: 1, value: 0 });
  assert.deepEqual(stats.stages['lost'], { count: 0, value: 0 });
  assert.deepEqual(stats.stages['thinking'], { count: 1, value: 5000 });
  assert.equal(stats.problems.error, 5);
  assert.equal(stats.problems.warning, 3, 'an unknown config key, and a stale client with no next step');
});

test('pipeline summary keeps other currencies apart', async () => {
  const store = await loaded();
  const won = pipelineSummary(store.clientsByName(), store.config).find((g) => g.stage.id === 'won');
  assert.deepEqual(won?.otherCurrencies, { EUR: 3000 });
  assert.deepEqual(won?.records.map((r) => r.id), ['eur-client', 'plain']);
});

test('updateFile re-reads one file and tells listeners; removeFile drops it', async () => {
  const store = await loaded();
  const seen: string[][] = [];
  store.onDidChange((change) => seen.push(change.files));
  writeFileSync(path.join(store.root, 'clients', 'broken.md'), '---\nname: Fixed\nstage: lead\n---\n');
  await store.updateFile('clients/broken.md');
  assert.equal(store.get('broken')?.data.name, 'Fixed');
  assert.deepEqual(codesOf(store, 'clients/broken.md'), []);
  await store.updateFile('clients/anna-smirnova.md', '---\nname: Анна С.\nstage: won\n---\n');
  assert.equal(store.get('anna-smirnova')?.data.stage, 'won');
  store.removeFile('clients/plain.yaml');
  assert.equal(store.get('plain'), undefined);
  assert.equal(store.clients().length, 5);
  assert.deepEqual(seen, [['clients/broken.md'], ['clients/anna-smirnova.md'], ['clients/plain.yaml']]);
  await store.updateFile('README.md', 'not tracked');
  assert.equal(seen.length, 3);
});

test('the sorted lists follow each change: by file, and by name in the locale (ru: Cyrillic before Latin)', async () => {
  const store = await loaded();
  const names = (): string[] => store.clientsByName().map((r) => String(r.data.name));
  assert.deepEqual(names(), ['Анна Смирнова', 'Договорной Клиент', 'Bob Stone', 'Klaus Weber', 'Plain Yaml']);
  await store.updateFile('clients/anna-smirnova.md', '---\nname: Aaron Smirnov\nstage: lead\n---\n');
  await store.updateFile('clients/broken.md', '---\nname: Яков\nstage: lead\n---\n');
  store.removeFile('clients/plain.yaml');
  assert.deepEqual(names(), ['Договорной Клиент', 'Яков', 'Aaron Smirnov', 'Bob Stone', 'Klaus Weber']);
  assert.deepEqual(store.clients().map((r) => r.file), [...store.clients().map((r) => r.file)].sort());
  assert.ok(store.clients({ includeArchived: true }).length > store.clients().length, 'archived ones are kept apart');
  assert.ok(store.clientsByName().every((r) => !r.archived));
  await store.updateFiles(['clients/broken.md'], ['clients/bob-stone.md']);
  // broken.md on disk still does not parse: the editor's text is dropped, and so is the record.
  assert.deepEqual(names(), ['Договорной Клиент', 'Aaron Smirnov', 'Klaus Weber']);
});

test('retainTexts gives the same lint, positions included, and follows changes', async () => {
  for (const fixture of ['mixed', 'lint-time']) {
    const root = copyWorkspace(fixture);
    const plain = new WorkspaceStore(root);
    const retaining = new WorkspaceStore(root, undefined, { retainTexts: true });
    await plain.load();
    await retaining.load();
    assert.deepEqual(await lintWorkspace(retaining, { today: '2026-11-24' }), await lintWorkspace(plain, { today: '2026-11-24' }));
  }
  const store = new WorkspaceStore(copyWorkspace('mixed'), undefined, { retainTexts: true });
  await store.load();
  writeFileSync(path.join(store.root, 'clients', 'bob-stone.md'), '---\nname: Bob\n\n\nlast_contact: 2020-01-01\nstage: lead\n---\n');
  await store.updateFile('clients/bob-stone.md');
  // `stale` is positioned from the text afterwards (locate), unlike the loader's own problems.
  const stale = (await lintWorkspace(store, { today: '2026-11-24' })).find((p) => p.file === 'clients/bob-stone.md' && p.code === 'stale');
  assert.equal(stale?.range.start.line, 5, 'the new text, not the retained old one');
});

test('a change to the config reloads everything with the new stages', async () => {
  const store = await loaded();
  writeFileSync(path.join(store.root, '.crm', 'config.yaml'), 'stages: [lead, thinking, won, lost]\n');
  await store.updateFile('.crm/config.yaml');
  assert.deepEqual(codesOf(store, 'clients/bob-stone.md').sort(), ['invalid-date', 'invalid-email']);
});

test('a folder with no .crm/ still works with defaults', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-store-'));
  temps.push(dir);
  const store = new WorkspaceStore(dir);
  await store.load();
  assert.deepEqual(store.clients(), []);
  assert.equal(store.config.stages.length, 6);
});

test('two files with one id: the first by path owns it through edits of either; when it goes, the other takes over', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'plain-crm-same-id-'));
  try {
    mkdirSync(path.join(root, 'clients', 'b'), { recursive: true });
    mkdirSync(path.join(root, 'clients', 'a'), { recursive: true });
    writeFileSync(path.join(root, 'clients', 'a', 'anna.md'), '---\nname: Анна A\n---\n');
    writeFileSync(path.join(root, 'clients', 'b', 'anna.md'), '---\nname: Анна B\n---\n');
    const store = new WorkspaceStore(root);
    await store.load();
    assert.equal(store.get('anna')?.file, 'clients/a/anna.md');
    await store.updateFile('clients/a/anna.md', '---\nname: Анна A2\n---\n');
    assert.equal(store.get('anna')?.data.name, 'Анна A2', 'an edit in place keeps the id on the new record');
    await store.updateFile('clients/b/anna.md', '---\nname: Анна B2\n---\n');
    assert.equal(store.get('anna')?.data.name, 'Анна A2', 'an edit of the other file does not take the id');
    rmSync(path.join(root, 'clients', 'a', 'anna.md'));
    await store.updateFiles([], ['clients/a/anna.md']);
    assert.equal(store.get('anna')?.data.name, 'Анна B2', 'the owner deleted: the other file takes the id');
    await store.updateFile('clients/b/anna.md', '---\nname: Анна B3\n---\n');
    assert.equal(store.get('anna')?.data.name, 'Анна B3');
    rmSync(path.join(root, 'clients', 'b', 'anna.md'));
    await store.updateFiles([], ['clients/b/anna.md']);
    assert.equal(store.get('anna'), undefined);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('textsOf: an editor’s unsaved text wins, the disk gives the rest, a missing file is undefined', async () => {
  const store = await loaded();
  const onDisk = readFileSync(path.join(store.root, 'clients', 'bob-stone.md'), 'utf8');
  await store.updateFile('clients/anna-smirnova.md', '---\nname: Анна (unsaved)\n---\n');
  const texts = await store.textsOf(['clients/anna-smirnova.md', 'clients/bob-stone.md', 'clients/nobody.md']);
  assert.deepEqual([...texts.keys()], ['clients/anna-smirnova.md', 'clients/bob-stone.md', 'clients/nobody.md']);
  assert.equal(texts.get('clients/anna-smirnova.md'), '---\nname: Анна (unsaved)\n---\n');
  assert.equal(texts.get('clients/bob-stone.md'), onDisk);
  assert.equal(texts.get('clients/nobody.md'), undefined);
});

test('textsOf with frontMatterOnly: a Markdown file through its closing line, whatever the notes hold; anything else whole', async () => {
  const store = await loaded();
  const write = (file: string, bytes: Buffer | string): void => writeFileSync(path.join(store.root, file), bytes);
  const head = '\uFEFF---\r\nname: Ёжик\r\ncity: Москва\r\n---  \r\n';
  // A BOM, CRLF, a fence with trailing spaces, and notes that are not even UTF-8.
  write('clients/head.md', Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from('Заметки: ', 'utf8'), Buffer.from([0xff, 0xfe, 0x80])]));
  write('clients/unclosed.md', '---\nname: Открыт\nЗаметки\n');
  write('clients/plain.yaml', 'name: YAML\nnotes: |\n  ---\n  Текст\n');
  const texts = await store.textsOf(['clients/head.md', 'clients/unclosed.md', 'clients/plain.yaml', 'clients/bob-stone.md'], { frontMatterOnly: true });
  assert.equal(texts.get('clients/head.md'), head.slice(1)); // the BOM dropped, as a whole read drops it
  assert.equal(texts.get('clients/unclosed.md'), '---\nname: Открыт\nЗаметки\n');
  assert.equal(texts.get('clients/plain.yaml'), 'name: YAML\nnotes: |\n  ---\n  Текст\n');
  const bob = readFileSync(path.join(store.root, 'clients', 'bob-stone.md'), 'utf8');
  assert.equal(texts.get('clients/bob-stone.md'), bob.slice(0, bob.indexOf('\n---', 4) + 5));
});

test('textsOf with frontMatterOnly: lines that only look like the closing one, a `...` close, a close at the end of the file', async () => {
  const store = await loaded();
  const write = (file: string, text: string): void => writeFileSync(path.join(store.root, file), text);
  // `----` and `--- x` come first and do not close it; the real closing line is later.
  const lookalikes = '---\nname: Ёж\nrule: |\n  ----\n--- x\n---\n';
  write('clients/lookalikes.md', `${lookalikes}Заметки\n---\nещё\n`);
  write('clients/dots.md', '---\nname: Точки\n...\nЗаметки ---\n');
  write('clients/last.md', '---\nname: Конец\n---');
  const texts = await store.textsOf(['clients/lookalikes.md', 'clients/dots.md', 'clients/last.md'], { frontMatterOnly: true });
  assert.equal(texts.get('clients/lookalikes.md'), lookalikes);
  assert.equal(texts.get('clients/dots.md'), '---\nname: Точки\n...\n');
  assert.equal(texts.get('clients/last.md'), '---\nname: Конец\n---');
});
