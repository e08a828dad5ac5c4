// libphonenumber's answers kept between runs of the CLI (`.crm/.cache/phones.json`). Parsing a
// phone cost 20–25 µs on a run's first pass, the largest single step of `lint` (50k records:
// 1.2 s of 10 s); an answer depends only on the text, the region and the library, so it is
// kept, keyed by the build that gave it. A cache that does not read, or is another build's, is
// ignored and rewritten.
import * as fs from 'node:fs';
import { phoneMemoEntries, phoneMemoSize, rememberPhones } from './contact';
import { buildHash } from './modelCache';
import { tempPathFor } from './workspaceFs';

const FORMAT = 'plain-crm-phones/1';

/** Loads the answers in `file` into the memo; returns how many the memo then holds. */
export function readPhoneCache(file: string): number {
  try {
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { format?: unknown; build?: unknown; entries?: unknown };
    if (data.format === FORMAT && data.build === buildHash()) rememberPhones(data.entries);
  } catch {
    // missing or damaged: the phones are parsed, and the file written anew
  }
  return phoneMemoSize();
}

/** Writes the memo when it holds more than `known` answers; synchronous, so it can run as the process exits. */
export function writePhoneCache(file: string, known: number): boolean {
  if (phoneMemoSize() <= known) return false;
  const temp = tempPathFor(file);
  try {
    fs.writeFileSync(temp, JSON.stringify({ format: FORMAT, build: buildHash(), entries: phoneMemoEntries() }));
    fs.renameSync(temp, file);
    return true;
  } catch {
    fs.rmSync(temp, { force: true });
    return false;
  }
}
