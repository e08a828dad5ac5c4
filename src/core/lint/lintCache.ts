// Each file's record problems kept between runs of `plain-crm lint` (`.crm/.cache/lint.json`).
// Record rules and the positions they point at cost ~80 µs a record (half of a warm `lint` at 10k:
// the rules, then reading each flagged file's front matter to place the problem); a record rule
// sees only its record, the config and the day, so its answer for an unchanged file is known.
// Workspace rules (duplicates, collisions) compare files and always run.
import { createHash } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { RACY_MS, stampMtime } from '../fileStamp';
import type { Language } from '../i18n';
import type { CrmConfig, Problem } from '../model';
import { buildHash } from '../modelCache';
import { slicer } from '../slices';
import { tempPathFor } from '../workspaceFs';

/** One file's record problems, as of the file's `stamp` (`CrmRecord.stamp`). */
export interface CachedProblems {
  stamp: string;
  problems: readonly Problem[];
}

/** Bumped whenever the layout or the meaning of an entry changes. */
const FORMAT = 'plain-crm-lint/1';

/**
 * Everything a record rule's answer depends on besides the file: the build (the rules and their
 * messages), the language of the messages, the config (stages, thresholds, severities) and the day
 * the time rules measure against. Another key: every file is linted again.
 */
export function lintCacheKey(config: CrmConfig, language: Language, today: string): string {
  return createHash('sha1').update(JSON.stringify({ format: FORMAT, build: buildHash(), language, today, config })).digest('hex');
}

/**
 * The entries in `file` when it holds `key`'s; undefined when missing, damaged or another key's.
 * One JSON line a file after a header line, so the extension parses it between slices.
 */
export async function readLintCache(file: string, key: string, sliceMs = Number.POSITIVE_INFINITY): Promise<Map<string, CachedProblems> | undefined> {
  try {
    const lines = (await fsp.readFile(file, 'utf8')).split('\n');
    const header = JSON.parse(lines[0]!) as { format?: unknown; key?: unknown; files?: unknown };
    if (header.format !== FORMAT || header.key !== key || header.files !== lines.length - 1) return undefined;
    const entries = new Map<string, CachedProblems>();
    const pause = slicer(sliceMs);
    for (let i = 1; i < lines.length; i++) {
      const row = JSON.parse(lines[i]!) as unknown;
      if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'string' || !Array.isArray(row[2])) return undefined;
      entries.set(row[0], { stamp: row[1], problems: row[2] as Problem[] });
      const wait = pause();
      if (wait) await wait;
    }
    return entries;
  } catch {
    return undefined; // missing, cut short or not JSON: lint everything, and write it anew
  }
}

/**
 * Whether an entry may be kept: a stamped file not modified within `RACY_MS` of `now` (the same
 * mtime tick may still see another change of the same size), whose problems point only into itself
 * (a related location in another file moves when that file changes).
 */
export function cacheableProblems(file: string, stamp: string | undefined, problems: readonly Problem[], now: number): boolean {
  if (stamp === undefined || stampMtime(stamp) > now - RACY_MS) return false;
  return problems.every((p) => (p.related ?? []).every((r) => r.file === file));
}

/** Writes the entries (temp file + rename: a reader sees the old cache or the new one), a row at a time between slices. */
export async function writeLintCache(file: string, key: string, entries: ReadonlyMap<string, CachedProblems>, sliceMs = Number.POSITIVE_INFINITY): Promise<boolean> {
  const lines = [JSON.stringify({ format: FORMAT, key, files: entries.size })];
  const pause = slicer(sliceMs);
  for (const [name, entry] of entries) {
    lines.push(JSON.stringify([name, entry.stamp, entry.problems]));
    const wait = pause();
    if (wait) await wait;
  }
  const temp = tempPathFor(file);
  try {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(temp, lines.join('\n'));
    await fsp.rename(temp, file);
    return true;
  } catch {
    await fsp.rm(temp, { force: true });
    return false;
  }
}
