// Faults around the files (PRODUCT.md §6): a file deleted while the store reads, a branch switch
// that changes 5,000 files at once, a truncated or outdated index cache, and a writer killed
// between its temp file and the rename. Each test fails if data were lost or a crash came out.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { SEARCH_INDEX_FORMAT_VERSION, SearchIndex } from '../../../src/core/search/searchIndex';
import { type StoreChange, WorkspaceStore } from '../../../src/core/store';
import { nodeFs, type WorkspaceFs } from '../../../src/core/workspaceFs';
import { REPO_ROOT } from '../paths';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-faults-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function workspace(name: string, count: number): string {
  const root = path.join(dir, name);
  mkdirSync(path.join(root, '.crm'), { recursive: true });
  mkdirSync(path.join(root, 'clients'), { recursive: true });
  writeFileSync(path.join(root, '.crm', 'config.yaml'), 'currency: RUB\n');
  for (let i = 0; i < count; i++) writeFileSync(path.join(root, 'clients', `c${String(i).padStart(5, '0')}.md`), `---\nname: Клиент ${i}\nstage: lead\nvalue: ${i}\n---\n`);
  return root;
}

test('a file deleted while the store is reading is left out, and the load finishes', async () => {
  const root = workspace('deleted', 200);
  const victims = new Set(['clients/c00100.md', 'clients/c00150.md']);
  // The file system of a user who deletes files while the extension loads: each victim goes just
  // before it is read.
  const racing: WorkspaceFs = {
    ...nodeFs,
    readSync(r, file, max) {
      if (victims.has(file)) unlinkSync(path.join(r, file));
      return nodeFs.readSync!(r, file, max);
    },
  };
  const store = new WorkspaceStore(root, racing);
  await store.load();
  assert.equal(store.clients().length, 198);
  assert.ok(!store.files().some((f) => victims.has(f.file)));
  assert.deepEqual(store.problems(), []);
});

test('a branch switch of 5,000 changed, 100 removed and 100 new files is one update with every change', async () => {
  const root = workspace('branch', 5100);
  const store = new WorkspaceStore(root);
  await store.load();
  const events: StoreChange[] = [];
  store.onDidChange((change) => events.push(change));
  const changed: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const file = `clients/c${String(i).padStart(5, '0')}.md`;
    writeFileSync(path.join(root, file), `---\nname: Клиент ${i}\nstage: proposal\nvalue: ${i * 2}\n---\n`);
    changed.push(file);
  }
  const removed: string[] = [];
  for (let i = 5000; i < 5100; i++) {
    const file = `clients/c${String(i).padStart(5, '0')}.md`;
    unlinkSync(path.join(root, file));
    removed.push(file);
  }
  for (let i = 0; i < 100; i++) {
    const file = `clients/new-${i}.md`;
    writeFileSync(path.join(root, file), `---\nname: Новый ${i}\nstage: won\n---\n`);
    changed.push(file);
  }
  await store.updateFiles(changed, removed);
  assert.equal(events.length, 1, 'one event for the whole switch');
  assert.equal(events[0]!.files.length, 5200);
  const stages = new Map<string, number>();
  for (const r of store.clients()) stages.set(String(r.data.stage), (stages.get(String(r.data.stage)) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(stages), { proposal: 5000, won: 100 });
  assert.equal(store.byFile('clients/c00042.md')?.data.value, 84);
});

test('a truncated, garbled or outdated index cache is refused, never trusted', () => {
  const index = new SearchIndex([]);
  const json = JSON.stringify(index);
  for (const bad of [json.slice(0, Math.floor(json.length / 2)), json.replace(/"version":\d+/, `"version":${SEARCH_INDEX_FORMAT_VERSION - 1}`), '', 'null', '[]', '{"format":1}']) {
    assert.equal(SearchIndex.fromJSON(bad), undefined, bad.slice(0, 40));
  }
  assert.ok(SearchIndex.fromJSON(json), 'the intact cache is read');
});

test('a CLI writer killed at any moment leaves the old file or the new one, never a mix', async () => {
  const target = path.join(dir, 'killed', 'record.md');
  mkdirSync(path.dirname(target), { recursive: true });
  const size = 8 * 1024 * 1024;
  writeFileSync(target, 'o'.repeat(size));
  const writer = `
    const { replaceFileAtomic } = require(${JSON.stringify(path.join(REPO_ROOT, 'out', 'src', 'cli', 'atomicWrite.js'))});
    (async () => { for (let i = 0; ; i++) await replaceFileAtomic(${JSON.stringify(target)}, (i % 2 ? 'a' : 'b').repeat(${size})); })();`;
  for (const delay of [5, 20, 40, 80, 120, 200, 300, 450]) {
    const child = spawn(process.execPath, ['-e', writer], { stdio: 'ignore' });
    await new Promise((resolve) => setTimeout(resolve, delay));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const text = readFileSync(target, 'latin1');
    assert.equal(text.length, size, `after ${delay} ms: whole length`);
    assert.ok(/^(o+|a+|b+)$/.test(text), `after ${delay} ms: one version, not a mix`);
  }
  // The killed writers may leave their temp files beside it; the record itself is never one.
  assert.ok(readdirSync(path.dirname(target)).includes('record.md'));
  assert.ok(existsSync(target));
});

test('during a reload the store keeps answering with the old records, then switches at once', async () => {
  const root = workspace('reload', 100);
  // A slow disk: every read waits, so the reload takes a while and queries run in the middle of it.
  const slow: WorkspaceFs = {
    read: async (r, file, max) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return nodeFs.read(r, file, max);
    },
    list: (r, folder) => nodeFs.list(r, folder),
    exists: (r, file) => nodeFs.exists(r, file),
  };
  const store = new WorkspaceStore(root, slow);
  await store.load();
  writeFileSync(path.join(root, 'clients', 'zz-new.md'), '---\nname: Новый\nstage: lead\n---\n');
  const seen = new Set<number>();
  let done = false;
  const reload = store.load().then(() => (done = true));
  while (!done) {
    seen.add(store.clients().length);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await reload;
  assert.deepEqual([...seen], [100], 'only the old state is visible while reading');
  assert.equal(store.clients().length, 101);
});
