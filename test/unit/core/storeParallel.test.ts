import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { readInParallel } from '../../../src/core/parallelRead';
import { WorkspaceStore } from '../../../src/core/store';
import { FIXTURES } from '../paths';

const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The `mixed` fixture (malformed record, archive, invoice) grown to a few hundred files with the cases a split read could reorder. */
function bigWorkspace(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-parallel-'));
  temps.push(dir);
  cpSync(path.join(FIXTURES, 'workspaces', 'mixed'), dir, { recursive: true });
  const write = (file: string, text: string): void => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };
  for (let i = 0; i < 300; i++) {
    const email = i % 7 === 0 ? 'not-an-email' : `c${i}@example.com`;
    write(`clients/${String(i).padStart(3, '0')}-client.md`, `---\nname: Client ${i}\nemail: ${email}\nstage: ${i % 5 === 0 ? 'nowhere' : 'lead'}\nvalue: ${i * 100}\n---\nNotes ${i}.\n`);
  }
  // One slug in two folders: the file that sorts first owns the id, as in a sequential load.
  write('clients/a/shared.md', '---\nname: Shared A\nstage: lead\n---\n');
  write('clients/z/shared.md', '---\nname: Shared Z\nstage: lead\n---\n');
  write('clients/conflict.md', '---\nname: Conflict\n<<<<<<< HEAD\nstage: lead\n=======\nstage: won\n>>>>>>> other\n---\n');
  write('clients/bad-yaml.yaml', 'name: [unclosed\nstage: lead\n');
  write('clients/archive/gone-lead.md', '---\nname: Gone Lead\nstage: lost\n---\n');
  write('.crm/templates/letter.md', '---\nsubject: Hello {{name}}\n---\nDear {{name}},\n{{#unclosed}}\n');
  return dir;
}

async function load(root: string, options: ConstructorParameters<typeof WorkspaceStore>[2]): Promise<WorkspaceStore> {
  const store = new WorkspaceStore(root, undefined, options);
  await store.load();
  return store;
}

async function assertSame(parallel: WorkspaceStore, sequential: WorkspaceStore): Promise<void> {
  assert.ok(sequential.files().length > 300);
  assert.deepEqual(parallel.files(), sequential.files());
  assert.deepEqual(parallel.problems(), sequential.problems());
  assert.deepEqual(parallel.clients({ includeArchived: true }).map((r) => r.id), sequential.clients({ includeArchived: true }).map((r) => r.id));
  assert.equal(parallel.get('shared')?.file, 'clients/a/shared.md');
  for (const record of sequential.clients({ includeArchived: true })) assert.deepEqual(parallel.get(record.id), sequential.get(record.id));
  for (const entry of sequential.files()) assert.equal(await parallel.textOf(entry.file), await sequential.textOf(entry.file));
}

test('a load shared with a worker ends exactly as a sequential one: entries, problems, ids, order', async () => {
  const root = bigWorkspace();
  const sequential = await load(root, { parallelFrom: Infinity });
  assert.ok(sequential.problems().some((p) => p.file === 'clients/conflict.md'));
  assert.ok(sequential.problems().some((p) => p.file === '.crm/templates/letter.md'));
  await assertSame(await load(root, { parallelFrom: 1 }), sequential);
});

test('retained texts come back from the worker', async () => {
  const root = bigWorkspace();
  // Delete the files after loading: textOf must answer from the retained texts, not the disk.
  const parallel = await load(root, { parallelFrom: 1, retainTexts: true });
  const sequential = await load(root, { parallelFrom: Infinity, retainTexts: true });
  const expected = await Promise.all(sequential.files().map((e) => sequential.textOf(e.file)));
  rmSync(path.join(root, 'clients'), { recursive: true });
  const texts = await Promise.all(sequential.files().map((e) => parallel.textOf(e.file)));
  assert.deepEqual(texts, expected);
  assert.match((await parallel.textOf('clients/100-client.md')) ?? '', /Client 100/);
});

test('a worker that cannot start loses nothing: this thread reads its share', async () => {
  const root = bigWorkspace();
  const sequential = await load(root, { parallelFrom: Infinity });
  await assertSame(await load(root, { parallelFrom: 1, loadWorker: path.join(root, 'no-such-worker.js') }), sequential);
  const failing = path.join(root, 'failing-worker.js');
  writeFileSync(failing, 'throw new Error("worker failed");\n');
  await assertSame(await load(root, { parallelFrom: 1, loadWorker: failing }), sequential);
});

test('a bulk update on two threads: changed files re-read, a vanished one removed', async () => {
  const root = bigWorkspace();
  const store = await load(root, { parallelFrom: 1 });
  writeFileSync(path.join(root, 'clients/001-client.md'), '---\nname: Renamed\nstage: lead\n---\n');
  rmSync(path.join(root, 'clients/002-client.md'));
  await store.updateFiles(['clients/001-client.md', 'clients/002-client.md']);
  assert.equal(store.byFile('clients/001-client.md')?.data.name, 'Renamed');
  assert.equal(store.entry('clients/002-client.md'), undefined);
  const byName = (entries: { file: string }[]): { file: string }[] => [...entries].sort((a, b) => (a.file < b.file ? -1 : 1));
  assert.deepEqual(byName(store.files()), byName((await load(root, { parallelFrom: Infinity })).files()));
});

test('the worker reads its share and its outcomes equal this thread\'s', async () => {
  const root = bigWorkspace();
  const store = await load(root, { parallelFrom: Infinity });
  const files = store.files().map((e) => e.file).sort();
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const here: number[] = [];
  // A slow main thread, so the worker surely starts while chunks are left.
  const outcomes = await readInParallel({ root, files, config: store.config, language: 'en', retainTexts: false }, (index) => {
    here.push(index);
    Atomics.wait(pause, 0, 0, 5);
    return store.readOutcome(files[index]!);
  }, { sliceMs: 20 });
  assert.ok(here.length < files.length, 'the worker read nothing');
  assert.deepEqual(outcomes, files.map((file) => store.readOutcome(file)));
});
