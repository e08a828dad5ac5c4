import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { useLanguage } from '../../../src/core/i18n';
import { RACY_MS } from '../../../src/core/fileStamp';
import { type CachedFile, modelCacheKey, readModelCache, writeModelCache } from '../../../src/core/modelCache';
import { statInWorker } from '../../../src/core/statWorker';
import { WorkspaceStore } from '../../../src/core/store';
import { ageAll, HOUR_AGO, write } from '../agedFiles';
import { FIXTURES } from '../paths';

const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));


/** The `mixed` fixture plus the cases a cache could get wrong; every file an hour old, so none is "racy". */
function workspace(): { root: string; cache: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'plain-crm-model-cache-'));
  temps.push(root);
  cpSync(path.join(FIXTURES, 'workspaces', 'mixed'), root, { recursive: true });
  for (let i = 0; i < 40; i++) {
    write(root, `clients/${String(i).padStart(2, '0')}-client.md`, `---\nname: Клиент ${i}\nemail: ${i % 7 === 0 ? 'not-an-email' : `c${i}@example.ru`}\nstage: ${i % 5 === 0 ? 'nowhere' : 'lead'}\nvalue: ${i * 100}\ntags: [vip, b2b]\n---\nЗаметки ${i}: Москва, 😀, «кавычки».\n\n- [ ] позвонить 2026-12-0${(i % 9) + 1}\n`);
  }
  write(root, 'clients/yaml-client.yaml', 'name: YAML Client\nstage: lead\nnotes: |\n  Line one\n  Line two\n');
  write(root, 'clients/odd-numbers.md', '---\nname: Odd Numbers\nstage: lead\nvalue: .nan\nscore: -0\n---\n');
  write(root, 'clients/conflict.md', '---\nname: Conflict\n<<<<<<< HEAD\nstage: lead\n=======\nstage: won\n>>>>>>> other\n---\n');
  write(root, 'clients/bad-yaml.yaml', 'name: [unclosed\nstage: lead\n');
  write(root, 'clients/a/shared.md', '---\nname: Shared A\nstage: lead\n---\n');
  write(root, 'clients/z/shared.md', '---\nname: Shared Z\nstage: lead\n---\n');
  write(root, '.crm/templates/letter.md', '---\nsubject: Hello {{name}}\n---\nDear {{name}},\n{{#unclosed}}\n');
  ageAll(root);
  return { root, cache: path.join(root, '.crm', '.cache', 'model-cache.bin') };
}

async function load(root: string, options: ConstructorParameters<typeof WorkspaceStore>[2] = {}): Promise<WorkspaceStore> {
  const store = new WorkspaceStore(root, undefined, options);
  await store.load();
  await store.cacheWritten();
  return store;
}

function assertSame(actual: WorkspaceStore, expected: WorkspaceStore): void {
  assert.ok(expected.files().length > 40);
  assert.deepStrictEqual(actual.files(), expected.files());
  assert.deepStrictEqual(actual.problems(), expected.problems());
  assert.deepStrictEqual(actual.clientsByName({ includeArchived: true }), expected.clientsByName({ includeArchived: true }));
  assert.equal(actual.get('shared')?.file, 'clients/a/shared.md');
}

test('a warm load takes every unchanged file from the cache and ends exactly as a parse of every file', async () => {
  const { root, cache } = workspace();
  const plain = await load(root);
  const cold = await load(root, { cacheFile: cache });
  const files = cold.cacheUse?.parsed ?? 0;
  assert.ok(files > 45, `${files} files parsed`);
  assert.equal(cold.cacheUse?.hits, 0);
  assert.ok(statSync(cache).size > 1024);
  assertSame(cold, plain);

  const warm = await load(root, { cacheFile: cache });
  // The one record with NaN and -0 cannot go through JSON unchanged: it is parsed every time.
  assert.deepEqual(warm.cacheUse, { hits: files - 1, parsed: 1 });
  assertSame(warm, plain);
  assert.ok(Number.isNaN(warm.byFile('clients/odd-numbers.md')?.data.value));
  assert.match(warm.byFile('clients/00-client.md')?.body ?? '', /Москва, 😀, «кавычки»/);
});

test('records carry the stamp of the file they were read from, from the cache or not; an editor\'s text none', async () => {
  const { root, cache } = workspace();
  await load(root, { cacheFile: cache });
  const warm = await load(root, { cacheFile: cache });
  const file = 'clients/00-client.md';
  const { mtimeMs, size } = statSync(path.join(root, file));
  assert.match(warm.byFile(file)?.stamp ?? '', new RegExp(`^${mtimeMs}:${size}:[0-9a-f]{12}$`));
  assert.equal(warm.byFile(file)?.stamp, (await load(root)).byFile(file)?.stamp);
  await warm.updateFile(file, '---\nname: Несохранённый\n---\n');
  assert.equal(warm.byFile(file)?.data.name, 'Несохранённый');
  assert.equal(warm.byFile(file)?.stamp, undefined);
  await warm.updateFile(file);
  assert.equal(warm.byFile(file)?.stamp, (await load(root)).byFile(file)?.stamp);
});

test('a changed, an added and a removed file are read; the rest still come from the cache', async () => {
  const { root, cache } = workspace();
  await load(root, { cacheFile: cache });
  write(root, 'clients/03-client.md', '---\nname: Клиент 3 (renamed)\nstage: won\n---\n');
  write(root, 'clients/new-client.md', '---\nname: New Client\nstage: lead\n---\n');
  rmSync(path.join(root, 'clients/04-client.md'));
  const warm = await load(root, { cacheFile: cache });
  assertSame(warm, await load(root));
  assert.equal(warm.byFile('clients/03-client.md')?.data.name, 'Клиент 3 (renamed)');
  assert.equal(warm.byFile('clients/04-client.md'), undefined);
  assert.equal(warm.cacheUse?.parsed, 3); // the changed, the new, and the NaN one
  // The rewrite took the changes in: the next load parses only the NaN one.
  assert.equal((await load(root, { cacheFile: cache })).cacheUse?.parsed, 1);
});

test('an edit that keeps the size and only moves the mtime is read again', async () => {
  const { root, cache } = workspace();
  await load(root, { cacheFile: cache });
  const file = path.join(root, 'clients/05-client.md');
  const text = readFileSync(file, 'utf8');
  write(root, 'clients/05-client.md', text.replace('stage: nowhere', 'stage: newhere'), new Date(HOUR_AGO.getTime() + 1000));
  assert.equal(statSync(file).size, Buffer.byteLength(text));
  const warm = await load(root, { cacheFile: cache });
  assert.equal(warm.byFile('clients/05-client.md')?.data.stage, 'newhere');
});

test('a damaged cache is never trusted: every file is parsed and the cache rewritten', async () => {
  const { root, cache } = workspace();
  const plain = await load(root);
  await load(root, { cacheFile: cache });
  const good = readFileSync(cache);
  const damaged = [
    Buffer.concat([good.subarray(0, good.length - 10)]), // cut short
    Buffer.from(good).fill(0x41, good.length - 40, good.length - 38), // a note's bytes changed
    Buffer.from(good).fill(0x7b, 1030, 1040), // the JSON garbled
    Buffer.from('not a cache at all'),
  ];
  for (const bytes of damaged) {
    writeFileSync(cache, bytes);
    const store = await load(root, { cacheFile: cache });
    assert.equal(store.cacheUse?.hits, 0);
    assertSame(store, plain);
    assert.deepEqual(readFileSync(cache), good);
  }
});

test('a cache of another config or language is not used', async () => {
  const { root, cache } = workspace();
  await load(root, { cacheFile: cache });
  useLanguage('ru');
  try {
    const russian = await load(root, { cacheFile: cache });
    assert.equal(russian.cacheUse?.hits, 0);
    assertSame(russian, await load(root));
  } finally {
    useLanguage('en');
  }
  const config = path.join(root, '.crm', 'config.yaml');
  write(root, '.crm/config.yaml', `${readFileSync(config, 'utf8')}\nstale_after_days: 3\n`);
  assert.equal((await load(root, { cacheFile: cache })).cacheUse?.hits, 0);
});

test('files changed just now are left out of the cache (same size, same mtime tick), and read next time', async () => {
  const { root, cache } = workspace();
  write(root, 'clients/01-client.md', '---\nname: Fresh\nstage: lead\n---\n', new Date(Date.now() - RACY_MS / 2));
  await load(root, { cacheFile: cache });
  const warm = await load(root, { cacheFile: cache });
  assert.equal(warm.cacheUse?.parsed, 2); // the fresh one, and the NaN one
  assert.equal(warm.byFile('clients/01-client.md')?.data.name, 'Fresh');
});

test('with a worker sharing the misses, hits and parsed files are applied in file order', async () => {
  const { root, cache } = workspace();
  await load(root, { cacheFile: cache });
  for (const i of [1, 10, 20, 30]) write(root, `clients/${i}-client.md`.replace(/^clients\/(\d)-/, 'clients/0$1-'), `---\nname: Changed ${i}\nstage: lead\n---\n`, new Date(HOUR_AGO.getTime() + 5000));
  const warm = await load(root, { cacheFile: cache, parallelFrom: 1 });
  assert.equal(warm.cacheUse?.parsed, 5);
  assertSame(warm, await load(root, { parallelFrom: Infinity }));
});

test('an unwritable cache folder costs only the cache', async () => {
  const { root } = workspace();
  write(root, 'blocker', 'a file where the cache folder would be');
  const store = new WorkspaceStore(root, undefined, { cacheFile: path.join(root, 'blocker', 'model-cache.bin') });
  await store.load();
  assert.equal(await store.cacheWritten(), false);
  assertSame(store, await load(root));
});

test('two writes of the same cache at once (a reload during a write) leave one whole cache', async () => {
  const { root, cache } = workspace();
  const store = await load(root);
  const rows = store.files().map((entry): [string, CachedFile] => {
    const stat = statSync(path.join(root, entry.file));
    return [entry.file, { stamp: { mtimeMs: stat.mtimeMs, size: stat.size }, entry }];
  });
  const key = modelCacheKey(store.config, 'en');
  assert.deepEqual(await Promise.all([writeModelCache(cache, key, rows), writeModelCache(cache, key, rows.slice(1))]), [true, true]);
  const read = await readModelCache(cache, key);
  // Whole: every row but the NaN record (and the first one, if the second write won).
  assert.ok(read && read.size >= rows.length - 2 && read.size > 50, `a whole cache: ${read?.size} of ${rows.length} rows`);
  assert.deepEqual(readdirSync(path.dirname(cache)).filter((f) => f.endsWith('.tmp')), []);
});

test('stat worker: each file\'s mtime and size in the order given, none for a folder or a missing file', async () => {
  const { root } = workspace();
  const files = ['clients/05-client.md', 'clients/missing.md', 'clients', 'clients/yaml-client.yaml'];
  const stats = await statInWorker(root, files);
  const stamps = files.map((_, i) => stats?.at(i));
  assert.deepEqual(
    stamps,
    files.map((file) => {
      const stat = statSync(path.join(root, file), { throwIfNoEntry: false });
      return stat?.isFile() ? { mtimeMs: stat.mtimeMs, size: stat.size } : undefined;
    }),
  );
  assert.ok(Math.abs((stamps[0]?.mtimeMs ?? 0) - HOUR_AGO.getTime()) < 1);
  assert.equal(await statInWorker(root, ['clients/a\nb.md']), undefined, 'a name with a line break: the caller stats');
});

test('a warm load with the stats taken on another thread trusts and re-reads the same files as one that stats them itself', async () => {
  const { root, cache } = workspace();
  await load(root, { cacheFile: cache });
  // One file grows, one keeps its size with a new mtime: both must be parsed again.
  write(root, 'clients/03-client.md', readFileSync(path.join(root, 'clients/03-client.md'), 'utf8').replace('Клиент 3', 'Клиент 33'));
  write(root, 'clients/04-client.md', readFileSync(path.join(root, 'clients/04-client.md'), 'utf8').replace('Клиент 4', 'Клиент 5'), new Date(Date.now() - 60_000));
  const threaded = await load(root, { cacheFile: cache, parallelFrom: 1 });
  assert.equal(threaded.byFile('clients/03-client.md')?.data.name, 'Клиент 33');
  assert.equal(threaded.byFile('clients/04-client.md')?.data.name, 'Клиент 5');
  const parsed = threaded.cacheUse?.parsed ?? 0;
  assert.ok(parsed >= 3 && parsed < 10, `${parsed} parsed`);
  const sequential = await load(root, { cacheFile: cache, parallelFrom: Infinity });
  assert.deepStrictEqual(threaded.problems(), sequential.problems());
  assert.deepStrictEqual(threaded.clientsByName({ includeArchived: true }), sequential.clientsByName({ includeArchived: true }));
});
