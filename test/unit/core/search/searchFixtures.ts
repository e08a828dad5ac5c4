// Reads the search fixtures (test/fixtures/search/) into records with the real parser, so the
// search tests see exactly the records the store gives the index.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CrmRecord } from '../../../../src/core/model';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import { filesUnder, FIXTURES } from '../../paths';

export const SEARCH_FIXTURES = path.join(FIXTURES, 'search');

/** Every fixture record, with workspace-relative paths (`clients/…`). */
export function loadFixtureRecords(): CrmRecord[] {
  return filesUnder(SEARCH_FIXTURES).map((full) => {
    const file = path.relative(SEARCH_FIXTURES, full).split(path.sep).join('/');
    const { record, problems } = parseRecordText(file, readFileSync(full, 'utf8'), { kind: 'client', archived: file.includes('/archive/') });
    if (!record) throw new Error(`${file}: ${problems.map((p) => p.message).join('; ')}`);
    return record;
  });
}

export function fixtureRecord(file: string): CrmRecord {
  const record = loadFixtureRecords().find((r) => r.file === file);
  if (!record) throw new Error(`no fixture ${file}`);
  return record;
}
