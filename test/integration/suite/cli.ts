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

/**
 * Runs `plain-crm <args> --workspace <workspace> --today <today>` and gives its standard output.
 * An exit code outside `okCodes` fails (lint's findings and an import's skipped rows exit 1).
 */
export async function cliOutput(workspace: string, today: string, args: readonly string[], okCodes: readonly number[] = [0]): Promise<string> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} not found`);
  const cli = path.join(extension.extensionPath, 'bin', 'plain-crm.js');
  const result = await run(process.execPath, [cli, ...args, '--workspace', workspace, '--today', today], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' },
  }).then(
    ({ stdout }) => ({ stdout, code: 0 }),
    (error: { stdout?: string; stderr?: string; code?: number }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '', code: error.code ?? -1 }),
  );
  if (!okCodes.includes(result.code)) throw new Error(`plain-crm ${args.join(' ')} exited ${result.code}: ${'stderr' in result ? result.stderr : ''}`);
  return result.stdout;
}

/** The same with `--format json`, parsed. */
export async function cliJson<T>(workspace: string, today: string, args: readonly string[], okCodes: readonly number[] = [0]): Promise<T> {
  return JSON.parse(await cliOutput(workspace, today, [...args, '--format', 'json'], okCodes)) as T;
}

export function cliStats(workspace: string, today: string): Promise<Stats> {
  return cliJson<Stats>(workspace, today, ['stats']);
}
