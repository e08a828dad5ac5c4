#!/usr/bin/env node
// `npm start`: the extension in a real VS Code (code-server, offline) on the sample workspace.
// Builds with esbuild, makes sure the host is installed (once, ~2-3 minutes; then cached), starts it
// on 127.0.0.1 and prints the URL to open. Runs until Ctrl-C, which stops the host and removes its
// temp dirs. The workspace is opened in place: edits you make there are real.
//
// Usage: npm start [-- [--watch] [--port N] [folder]]
//   folder    another Plain CRM workspace to open (default: sample-workspace/)
//   --watch   rebuild the extension on change (then run "Developer: Reload Window")
//   --port N  a fixed port instead of a free one
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER_VERSION, ensureVscodeHost } from './ensure-vscode-host.mjs';
import { onShutdown, startVscodeHost } from './vscode-host.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const options = { watch: false, port: undefined, folder: path.join(REPO, 'sample-workspace') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--watch') options.watch = true;
    else if (arg === '--port') options.port = Number(argv[++i]);
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm start [-- [--watch] [--port N] [folder]]');
      process.exit(0);
    } else if (arg.startsWith('-')) {
      console.error(`start: unknown option ${arg}`);
      process.exit(2);
    } else options.folder = path.resolve(arg);
  }
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port > 0 && options.port < 65536)) {
    console.error('start: --port needs a number between 1 and 65535');
    process.exit(2);
  }
  return options;
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(options.folder)) throw new Error(`${options.folder} not found`);

  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: REPO, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed (node esbuild.mjs)');
  if (options.watch) {
    const watcher = spawn(process.execPath, ['esbuild.mjs', '--watch', 'extension'], { cwd: REPO, stdio: 'inherit' });
    onShutdown(() => watcher.kill('SIGTERM'));
  }

  const { node, entry } = await ensureVscodeHost();
  const host = await startVscodeHost({ node, entry, ...(options.port ? { port: options.port } : {}) });
  const url = host.url({ folder: options.folder, extensionDevelopmentPath: REPO });

  console.log(`
Plain CRM is running in VS Code (code-server ${CODE_SERVER_VERSION}) on ${options.folder}

  ${url}

Open the URL in a browser on this machine (it listens on 127.0.0.1 only, without a password).
Press Ctrl-C to stop.`);
  if (onPath('code')) {
    console.log(`With desktop VS Code you can also run:\n  code --extensionDevelopmentPath=${REPO} ${options.folder}`);
  }
  if ((process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && onPath('xdg-open')) {
    spawn('xdg-open', [url], { stdio: 'ignore', detached: true }).unref();
  }

  const { code, signal } = await host.exited;
  if (host.stopping()) return; // Ctrl-C: the shutdown handler finishes and exits.
  console.error(`code-server exited (${signal ?? `code ${code}`}):\n${host.logTail()}`);
  await host.stop();
  process.exit(1);
}

main().catch((error) => {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
