// The CLI's V8 code cache (src/cli/codeCache.ts): used when it is this build's, rebuilt when V8
// refuses it, never in the way of the command.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { codeCacheDir, requireWithCodeCache } from '../../../src/cli/codeCache';
import { CLI, SAMPLE_WORKSPACE } from '../paths';

function bundleIn(dir: string, answer: number): string {
  writeFileSync(path.join(dir, 'dep.js'), 'exports.word = "Ёжик";\n');
  // A lazy require, as the real bundle's of `./pdfkit.js`: it must resolve beside the file.
  const file = path.join(dir, 'bundle.js');
  writeFileSync(file, `exports.answer = ${answer};\nexports.dep = () => Promise.resolve().then(() => require('./dep.js').word);\nexports.self = __filename;\n`);
  return file;
}

const cacheFiles = (dir: string): string[] => readdirSync(dir).filter((name) => name.startsWith('cli-code-'));

/**
 * Loads `file` in a process of its own, as the bin does (V8 also keeps compiled scripts in memory,
 * so a second load in one process would not even look at the cache), and saves the cache.
 */
function load(file: string, dir: string | undefined): { status: string; answer: number; self: string; word: string } {
  const script = `
    const { requireWithCodeCache } = require(${JSON.stringify(require.resolve('../../../src/cli/codeCache'))});
    const loaded = requireWithCodeCache(${JSON.stringify(file)}, ${dir === undefined ? 'undefined' : JSON.stringify(dir)});
    loaded.exports.dep().then((word) => {
      loaded.save();
      console.log(JSON.stringify({ status: loaded.status, answer: loaded.exports.answer, self: loaded.exports.self, word }));
    });`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as { status: string; answer: number; self: string; word: string };
}

test('code cache: compiled and saved on the first load, taken by V8 on the next, the same exports', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'plain-crm-code-'));
  try {
    const cacheDir = path.join(root, 'cache');
    const file = bundleIn(root, 41);
    assert.deepEqual(load(file, cacheDir), { status: 'compiled', answer: 41, self: file, word: 'Ёжик' });
    assert.equal(cacheFiles(cacheDir).length, 1);
    assert.deepEqual(load(file, cacheDir), { status: 'cached', answer: 41, self: file, word: 'Ёжик' });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('code cache: a damaged cache is refused and rewritten; a rebuilt bundle gets its own; three builds are kept', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'plain-crm-code-'));
  try {
    const cacheDir = path.join(root, 'cache');
    const file = bundleIn(root, 1);
    load(file, cacheDir);
    const [name] = cacheFiles(cacheDir);
    const junk = Buffer.alloc(4096, 0x5a);
    writeFileSync(path.join(cacheDir, name!), junk);
    const damaged = load(file, cacheDir);
    assert.equal(damaged.status, 'rejected');
    assert.equal(damaged.answer, 1);
    assert.notDeepEqual(readFileSync(path.join(cacheDir, name!)), junk);
    assert.equal(load(file, cacheDir).status, 'cached');

    // The same length and mtime (as every file of an npm package has), another content: V8 alone
    // would take the old code for it.
    const { mtime } = statSync(file);
    bundleIn(root, 2);
    utimesSync(file, mtime, mtime);
    const rebuilt = load(file, cacheDir);
    assert.equal(rebuilt.status, 'compiled');
    assert.equal(rebuilt.answer, 2);
    assert.equal(cacheFiles(cacheDir).length, 2);
    assert.equal(load(file, cacheDir).status, 'cached');

    // Two more builds: the three newest are kept, the first one's goes.
    for (const answer of [3, 4]) {
      bundleIn(root, answer);
      utimesSync(file, mtime, mtime);
      assert.equal(load(file, cacheDir).status, 'compiled');
    }
    assert.equal(cacheFiles(cacheDir).length, 3);
    assert.ok(!cacheFiles(cacheDir).includes(name!));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('code cache: off without a folder; a folder that cannot be written costs nothing but the cache', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'plain-crm-code-'));
  try {
    const file = bundleIn(root, 7);
    assert.equal(load(file, undefined).status, 'off');
    assert.equal(load(file, undefined).answer, 7);
    const blocked = path.join(root, 'a-file');
    writeFileSync(blocked, '');
    assert.deepEqual(load(file, path.join(blocked, 'cache')), { status: 'compiled', answer: 7, self: file, word: 'Ёжик' });
    // (the in-process form, for the types and the coverage of the module as the bin loads it)
    assert.equal((requireWithCodeCache(file, undefined).exports as { answer: number }).answer, 7);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('codeCacheDir: XDG_CACHE_HOME, else ~/.cache; none with PLAIN_CRM_NO_CACHE=1', { skip: process.platform === 'win32' }, () => {
  assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/x/cache' }), path.join('/x/cache', 'plain-crm'));
  assert.equal(codeCacheDir({}), path.join(os.homedir(), '.cache', 'plain-crm'));
  assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/x/cache', PLAIN_CRM_NO_CACHE: '1' }), undefined);
});

test('code cache: the bin writes it on its first run and prints the same with it', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'plain-crm-code-'));
  try {
    const workspace = path.join(root, 'workspace');
    // Without the caches other tests' runs left in the sample.
    cpSync(SAMPLE_WORKSPACE, workspace, { recursive: true, filter: (source) => !source.includes(`${path.sep}.cache`) });
    const env = { ...process.env, XDG_CACHE_HOME: root, PLAIN_CRM_TODAY: '2026-12-05' };
    const run = (): string => {
      const result = spawnSync(process.execPath, [CLI, 'stats', '--format', 'json', '-w', workspace], { encoding: 'utf8', env: { ...env, PLAIN_CRM_NO_CACHE: '' } });
      assert.equal(result.status, 0, result.stderr);
      return result.stdout;
    };
    const first = run();
    assert.equal(cacheFiles(path.join(root, 'plain-crm')).length, 1);
    // (and the workspace's own caches: the parsed model, libphonenumber's answers)
    assert.deepEqual(readdirSync(path.join(workspace, '.crm', '.cache')).sort(), ['.gitignore', 'model-cache.bin', 'phones.json']);
    assert.equal(run(), first);
    assert.ok(JSON.parse(first).records > 0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
