// What every command needs: the workspace folder, "today", the output format, a loaded store.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isIsoDate, localIsoDate } from '../core/dates';
import { t } from '../core/i18n';
import type { LintOptions } from '../core/lint';
import type { CrmRecord } from '../core/model';
import { readPhoneCache, writePhoneCache } from '../core/phoneCache';
import { WorkspaceStore } from '../core/store';
import { UsageError } from './usageError';

/** Set by esbuild from package.json. */
declare const PLAIN_CRM_VERSION: string | undefined;

export function cliVersion(): string {
  return typeof PLAIN_CRM_VERSION === 'string' ? PLAIN_CRM_VERSION : '0.0.0-dev';
}

export interface GlobalOptions {
  workspace?: string;
  today?: string;
  format?: string;
}

export interface CliContext {
  root: string;
  today: string;
  format: string | undefined;
  loadStore(): Promise<WorkspaceStore>;
  /** How the commands that lint do it: as of `today`, with the record problems cached between runs. */
  lintOptions(): LintOptions;
}

export function resolveToday(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const value = option ?? env['PLAIN_CRM_TODAY'];
  if (value === undefined || value === '') return localIsoDate(new Date());
  if (!isIsoDate(value)) {
    const from = option !== undefined ? '--today' : 'PLAIN_CRM_TODAY';
    throw new UsageError(t('{0}: "{1}" is not a date; expected YYYY-MM-DD', from, value));
  }
  return value;
}

/** The nearest folder upwards that holds `.crm/`, else the current folder. */
export function findWorkspace(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, '.crm'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

export function resolveWorkspace(option: string | undefined, cwd: string = process.cwd()): string {
  if (option === undefined) return findWorkspace(cwd);
  const dir = path.resolve(cwd, option);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new UsageError(t('--workspace: folder not found: {0}', option));
  }
  if (!stat.isDirectory()) throw new UsageError(t('--workspace: not a folder: {0}', option));
  return dir;
}

/**
 * Where the CLI keeps a cache (the search index, the parsed model): `.crm/.cache/`, which ignores
 * itself in git (its own `.gitignore` holds `*`), so no one has to edit the repository's
 * `.gitignore`. Undefined without a `.crm/` folder, in a read-only checkout, or with
 * `PLAIN_CRM_NO_CACHE=1`: then uncached.
 */
export function cliCacheFile(root: string, name: string): string | undefined {
  if (process.env['PLAIN_CRM_NO_CACHE'] === '1') return undefined;
  const crm = path.join(root, '.crm');
  if (!fs.existsSync(crm)) return undefined;
  const dir = path.join(crm, '.cache');
  try {
    fs.mkdirSync(dir, { recursive: true });
    const ignore = path.join(dir, '.gitignore');
    if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '# Plain CRM caches: rebuilt when missing, never committed.\n*\n');
  } catch {
    return undefined;
  }
  return path.join(dir, name);
}

export function createContext(options: GlobalOptions): CliContext {
  const root = resolveWorkspace(options.workspace);
  const today = resolveToday(options.today);
  let store: Promise<WorkspaceStore> | undefined;
  return {
    root,
    today,
    format: options.format,
    loadStore() {
      store ??= (async () => {
        const cacheFile = cliCacheFile(root, 'model-cache.bin');
        const phones = cliCacheFile(root, 'phones.json');
        if (phones !== undefined) {
          const known = readPhoneCache(phones);
          process.once('exit', () => writePhoneCache(phones, known));
        }
        const s = new WorkspaceStore(root, undefined, { retainTexts: true, ...(cacheFile !== undefined && { cacheFile }) });
        await s.load();
        return s;
      })();
      return store;
    },
    lintOptions() {
      const cacheFile = cliCacheFile(root, 'lint.json');
      return { today, ...(cacheFile !== undefined && { cacheFile }) };
    },
  };
}

/** Validates `--format` for a command that supports `allowed` (the first is the default). */
export function chooseFormat<T extends string>(format: string | undefined, allowed: readonly T[], command: string): T {
  if (format === undefined) return allowed[0]!;
  if ((allowed as readonly string[]).includes(format)) return format as T;
  throw new UsageError(t('--format: "{0}" is not supported by {1}; use {2}', format, command, allowed.join(', ')));
}

/** The line under a command's --help that lists its formats; the first is the default. */
export function formatsHelp(allowed: readonly string[]): string {
  return `\n${t('Formats: --format {0} (default: {1})', allowed.join('|'), allowed[0] ?? '')}`;
}

/** The client a command names by id (or file); a usage error when there is none. */
export function clientRecord(store: WorkspaceStore, id: string): CrmRecord {
  const record = store.get(id) ?? store.byFile(id);
  if (!record || record.kind !== 'client') throw new UsageError(t('no client "{0}" (give its id, the file name without .md)', id));
  return record;
}
