// Spawns the built CLI the way a user or a CI job would, with "today" unpinned unless a test pins it.
import { spawnSync } from 'node:child_process';
import { CLI } from '../paths';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, PLAIN_CRM_TODAY: '', LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
