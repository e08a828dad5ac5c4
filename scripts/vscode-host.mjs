// Starts and stops the offline VS Code host (code-server on Node 24, see ensure-vscode-host.mjs)
// for `npm start` and the integration tests. Everything the host writes goes to one temp dir
// (user data, extensions, XDG dirs, TMPDIR) that is removed when it stops, also on Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** User settings that keep the host quiet and offline. */
export const HOST_SETTINGS = {
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'git.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'github.gitAuthentication': false,
};

// ---------------------------------------------------------------------------------------------
// Cleanup on Ctrl-C / SIGTERM: every registered step runs (newest first), then the process exits.

const cleanups = [];
let signalsHooked = false;
let shuttingDown = false;

/** Registers an async cleanup step run on SIGINT/SIGTERM; returns a function that unregisters it. */
export function onShutdown(step) {
  hookSignals();
  cleanups.push(step);
  return () => {
    const i = cleanups.indexOf(step);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

function hookSignals() {
  if (signalsHooked) return;
  signalsHooked = true;
  const handler = async (signal) => {
    if (shuttingDown) return;
    shuttingDown = true;
    process.stderr.write(`\n${signal}: stopping…\n`);
    for (const step of [...cleanups].reverse()) {
      try {
        await step();
      } catch {
        /* keep cleaning */
      }
    }
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  process.on('SIGHUP', handler);
}

// ---------------------------------------------------------------------------------------------

/** A free TCP port on 127.0.0.1 (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The workbench URL for a folder, with the extension under development (and its tests) passed in
 * the payload. Paths are absolute paths on this machine; the host sees them as vscode-remote URIs.
 */
export function workbenchUrl(origin, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const authority = new URL(origin).host;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${authority}${extensionDevelopmentPath}`]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${extensionTestsPath}`]);
  payload.push(['skipWelcome', 'true']);
  const query = [];
  if (folder) query.push(`folder=${encodeURIComponent(folder)}`);
  query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${origin}/?${query.join('&')}`;
}

async function healthy(origin, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return true;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  return false;
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts code-server on 127.0.0.1 (a free port unless `port` is given) and waits until it answers
 * /healthz. Options: `node`, `entry` (from ensureVscodeHost), `settings` (merged over HOST_SETTINGS),
 * `env` (extra environment for the host and its extension host), `logFile` (appends the host's
 * stdout/stderr), `onOutput(line)` (each line as it comes), `startupTimeoutMs`. The last lines are
 * kept in memory (`logTail()`) and shown when startup fails. `installExtensions`: .vsix files to
 * install first; `languagePack`: { locale, translations } registers a translations file as the
 * language pack for `locale`, which the workbench then uses when the browser asks for that language.
 * Returns { origin, port, tmp, pid, url(options), stop(), stopping(), exited, logTail() }.
 */
export async function startVscodeHost({ node, entry, port: fixedPort, settings = {}, env = {}, logFile, onOutput, startupTimeoutMs = 30000, installExtensions = [], languagePack } = {}) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'plain-crm-host-'));
  const dirs = {
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    config: path.join(tmp, 'xdg-config'),
    data: path.join(tmp, 'xdg-data'),
    cache: path.join(tmp, 'xdg-cache'),
    state: path.join(tmp, 'xdg-state'),
    tmp: path.join(tmp, 'tmp'),
  };
  await Promise.all(Object.values(dirs).map((d) => mkdir(d, { recursive: true })));
  await mkdir(path.join(dirs.userData, 'User'), { recursive: true });
  await writeFile(path.join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify({ ...HOST_SETTINGS, ...settings }, null, 2)}\n`);
  // What installing a language pack leaves behind; VS Code reads it when it builds the workbench.
  if (languagePack) {
    const pack = { hash: 'plain-crm-tests', label: languagePack.locale, extensions: [{ extensionIdentifier: { id: 'plain-crm-tests.language-pack' }, version: '1.0.0' }], translations: { vscode: languagePack.translations } };
    await writeFile(path.join(dirs.userData, 'languagepacks.json'), JSON.stringify({ [languagePack.locale]: pack }));
  }
  // Without an explicit config file code-server writes ~/.config/code-server/config.yaml.
  await writeFile(path.join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');

  const childEnv = {
    ...process.env,
    NO_COLOR: '1',
    EXTENSIONS_GALLERY: '{}',
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_STATE_HOME: dirs.state,
    ...env,
  };
  // An outer `npm run` must not leak into the host (its extension host is a Node 24 process).
  for (const key of Object.keys(childEnv)) if (/^npm_/i.test(key) || key === 'NODE_OPTIONS') delete childEnv[key];

  // As a user would: `code-server --install-extension x.vsix` into this host's extensions folder.
  for (const vsix of installExtensions) {
    const result = spawnSync(node, [entry, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix], { cwd: tmp, env: childEnv, encoding: 'utf8', timeout: 120000 });
    if (result.status !== 0) {
      await rm(tmp, { recursive: true, force: true });
      throw new Error(`installing ${vsix} failed (exit ${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
    }
  }

  let lastError = 'code-server did not start';
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = fixedPort ?? (await freePort());
    const origin = `http://127.0.0.1:${port}`;
    const args = [
      entry,
      '--config', path.join(tmp, 'config.yaml'),
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      // Trust stays off unless the caller turns it on (the Restricted Mode tests).
      ...(settings['security.workspace.trust.enabled'] === true ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
      '--ignore-last-opened',
      '--vscode-option', 'enable-smoke-test-driver',
      ...(languagePack ? ['--locale', languagePack.locale] : []),
    ];
    const child = spawn(node, args, { cwd: tmp, env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = [];
    const sink = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
    const onData = (chunk) => {
      sink?.write(chunk);
      for (const line of String(chunk).split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        onOutput?.(line);
      }
      if (tail.length > 60) tail.splice(0, tail.length - 60);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.on('error', (error) => tail.push(String(error)));

    let stopping;
    let stopRequested = false;
    const stop = () => {
      stopRequested = true;
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          killGroup(child.pid, 'SIGTERM');
          const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
          if (!done) {
            killGroup(child.pid, 'SIGKILL');
            await Promise.race([exited, sleep(2000)]);
          }
        }
        // Helpers the host spawned in its group (extension host, pty host) go with it.
        killGroup(child.pid, 'SIGKILL');
        sink?.end();
        unregister();
        process.off('exit', onExit);
        await rm(tmp, { recursive: true, force: true, maxRetries: 3 });
      })();
      return stopping;
    };
    // Last resort when the parent exits without stopping the host (an uncaught error).
    const onExit = () => {
      killGroup(child.pid, 'SIGKILL');
      rmSync(tmp, { recursive: true, force: true });
    };
    process.on('exit', onExit);
    const unregister = onShutdown(stop);

    if (await healthy(origin, child, startupTimeoutMs)) {
      return {
        origin,
        port,
        tmp,
        pid: child.pid,
        exited,
        stop,
        /** True once stop() was called (by the caller or on Ctrl-C): an exit then is expected. */
        stopping: () => stopRequested,
        url: (options) => workbenchUrl(origin, options),
        logTail: () => tail.join('\n'),
      };
    }
    lastError = `code-server did not become healthy on ${origin}:\n${tail.join('\n')}`;
    // Keep the temp dir for the next attempt: stop only the process.
    killGroup(child.pid, 'SIGKILL');
    await Promise.race([exited, sleep(2000)]);
    unregister();
    process.off('exit', onExit);
    sink?.end();
    if (fixedPort || !/EADDRINUSE/.test(lastError)) break;
  }
  await rm(tmp, { recursive: true, force: true });
  throw new Error(lastError);
}
