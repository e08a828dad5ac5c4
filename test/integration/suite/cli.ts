// The CLI's view of the same workspace, as an independent reference for the extension's figures:
// `plain-crm … --format json` run by the extension host's own Node. Asynchronous, so the
// extension host (which also runs the extension) never blocks while the CLI works.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { Stats } from '../../../src/core/stats';
import { EXTENSION_ID } from './helpers';

const run = promisify(execFile);

/** Runs `plain-crm <args> --workspace <workspace> --today <today> --format json` and parses its output. */
export async function cliJson<T>(workspace: string, today: string, args: readonly string[]): Promise<T> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} not found`);
  const cli = path.join(extension.extensionPath, 'bin', 'plain-crm.js');
  const { stdout } = await run(process.execPath, [cli, ...args, '--workspace', workspace, '--today', today, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  return JSON.parse(stdout) as T;
}

export function cliStats(workspace: string, today: string): Promise<Stats> {
  return cliJson<Stats>(workspace, today, ['stats']);
}
