// Where a search hit is in its file, so the editor opens the record at the match: the line in
// the notes, or the key of the front-matter field that matched.
import type { Position } from '../model';
import { splitFrontMatter } from '../parse/frontMatter';
import { createKeyLocator } from '../parse/positions';
import type { SearchHit } from './searchIndex';

/** 1-based position of the hit in `text` (the file's current text); line 1 when unknown. */
export function hitPosition(text: string, file: string, hit: Pick<SearchHit, 'field' | 'line'>): Position {
  if (hit.line !== undefined) return { line: hit.line, column: 1 };
  // `contacts.0.email`: digits are list indexes (a numeric map key is found by its text either way).
  const path = hit.field.split('.').map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  if (file.endsWith('.md')) {
    const split = splitFrontMatter(text);
    if (!split.ok) return { line: 1, column: 1 };
    return createKeyLocator(split.frontMatter, split.frontMatterLine).keyPosition(path);
  }
  return createKeyLocator(text.startsWith('\uFEFF') ? text.slice(1) : text).keyPosition(path);
}
