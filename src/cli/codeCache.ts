// Loads the CLI's bundle through a V8 code cache. Compiling the 3.4 MB bundle cost ~80 ms of
// every run, and the functions a command compiles lazily as it runs cost as much again; V8 can
// keep both from one run to the next (measured on 10k records: `lint` 2.40 → 2.20 s, `--version`
// 0.30 → 0.20 s). Node 22 has `module.enableCompileCache()`, Node 20 does not; the
// `v8-compile-cache` package keeps only what is compiled before the first line runs (measured:
// `lint` 2.30 s, `--version` 0.24 s).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

export type CodeCacheStatus = 'off' | 'compiled' | 'cached' | 'rejected';

export interface CodeCacheLoad {
  /** The bundle's `module.exports`. */
  readonly exports: unknown;
  /** `off`: loaded by `require`; `compiled`: no cache yet; `cached`: V8 took it; `rejected`: V8 did not. */
  readonly status: CodeCacheStatus;
  /** Writes the cache, with what this run compiled, unless V8 took the one there. Never throws. */
  save(): void;
}

/**
 * The folder for the CLI's compiled code: `$XDG_CACHE_HOME/plain-crm` (`~/.cache/plain-crm`),
 * `%LOCALAPPDATA%\plain-crm` on Windows; undefined with `PLAIN_CRM_NO_CACHE=1` or no such folder.
 * Per user, not the shared temp folder: what is read there is run.
 */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['PLAIN_CRM_NO_CACHE'] === '1') return undefined;
  const base = process.platform === 'win32' ? env['LOCALAPPDATA'] : env['XDG_CACHE_HOME'] || (os.homedir() ? path.join(os.homedir(), '.cache') : undefined);
  return base ? path.join(base, 'plain-crm') : undefined;
}

const PREFIX = 'cli-code-';
/** Caches kept, this build's included. */
const BUILDS_KEPT = 3;

/**
 * Runs the CommonJS file `file` (a bundle with no `node_modules` of its own) as `require` would,
 * compiled with the cache in `dir` when there is one for this very file and Node. The file must
 * not use `import()`: a `vm.Script` has no loader for it without an experimental flag (esbuild.mjs
 * turns the CLI's into `require`).
 */
export function requireWithCodeCache(file: string, dir: string | undefined): CodeCacheLoad {
  let bytes: Buffer | undefined;
  try {
    bytes = dir === undefined ? undefined : fs.readFileSync(file);
  } catch {
    bytes = undefined;
  }
  if (dir === undefined || bytes === undefined) return { exports: Module.createRequire(file)(file) as unknown, status: 'off', save: () => undefined };
  // V8 checks the source's length, not its content, and an npm package gives every file the same
  // mtime: the name is a hash of the bundle itself (~4 ms), with the Node and V8 it is for.
  const key = createHash('sha256').update(`${process.version} ${process.versions.v8} ${process.arch}\0`).update(bytes).digest('hex').slice(0, 24);
  const cacheFile = path.join(dir, `${PREFIX}${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(bytes.toString('utf8')), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const status: CodeCacheStatus = cachedData === undefined ? 'compiled' : script.cachedDataRejected ? 'rejected' : 'cached';
  const mod = new Module(file, module);
  mod.filename = file;
  require.cache[file] = mod;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  return {
    exports: mod.exports,
    status,
    save: () => {
      if (status === 'cached') return;
      // Made after the run, so it holds the functions this command compiled as it ran.
      writeCache(dir, cacheFile, script.createCachedData());
    },
  };
}

function writeCache(dir: string, cacheFile: string, data: Buffer): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(temp, data, { mode: 0o600 });
    fs.renameSync(temp, cacheFile);
    // Earlier builds' code: the newest few stay, for two installs used in turn (the .vsix's CLI
    // and an npm one) that would otherwise delete each other's at every run.
    const others = fs
      .readdirSync(dir)
      .filter((entry) => entry.startsWith(PREFIX) && entry.endsWith('.bin') && entry !== path.basename(cacheFile))
      .map((entry) => ({ file: path.join(dir, entry), mtime: fs.statSync(path.join(dir, entry)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const { file } of others.slice(BUILDS_KEPT - 1)) fs.rmSync(file, { force: true });
  } catch {
    // A cache that cannot be written costs the next run its compile time, nothing else.
  }
}
