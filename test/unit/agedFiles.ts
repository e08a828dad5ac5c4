// Workspace files written with an old mtime: the caches leave out a file changed within the last
// few seconds ("racy", src/core/fileStamp.ts), so tests of what they keep write files an hour old.
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

export const HOUR_AGO = new Date(Date.now() - 3600_000);

export function write(root: string, file: string, text: string, mtime: Date = HOUR_AGO): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
  utimesSync(path.join(root, file), mtime, mtime);
}

/** Gives every file under `root` the mtime of an hour ago. */
export function ageAll(root: string): void {
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) utimesSync(path.join(entry.parentPath, entry.name), HOUR_AGO, HOUR_AGO);
  }
}
