// Paths the unit tests share. Compiled tests live in out/test/unit/…, sources in test/unit/….
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root, from the compiled test's folder. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures');
export const SAMPLE_WORKSPACE = path.join(REPO_ROOT, 'sample-workspace');
export const CLI = path.join(REPO_ROOT, 'bin', 'plain-crm.js');

/** Every file below `dir`, recursively, sorted: fixture folders read in a stable order. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(full) : [full];
    })
    .sort();
}
