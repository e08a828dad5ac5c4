// New client files and archive moves: safe slugs from any name (Cyrillic transliterated, nothing
// a file system or a shell could misread), never overwriting an existing file (PRODUCT.md §4).
import { stringifyString } from '../edit/yamlScalar';
import type { CrmConfig } from '../model';

// Russian letters as the passport office writes them (ICAO 9303 / ГОСТ Р 52535.1-2006), plus the
// Ukrainian and Belarusian letters that appear in names.
const TRANSLIT: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: 'ie', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia', і: 'i', ї: 'i', є: 'ie', ґ: 'g', ў: 'u',
};

/** Longest slug; file names stay readable and far below every file system's limit. */
export const MAX_SLUG_LENGTH = 60;

/**
 * A file-name slug from a name: `Анна Смирнова` → `anna-smirnova`, `ООО «Ромашка» & Co` →
 * `ooo-romashka-co`. Lower case ASCII letters, digits and single dashes; `client` when nothing
 * is left (a name of emoji or punctuation), so `../../etc/passwd` becomes `etc-passwd`.
 */
export function slugify(name: string): string {
  const slug = latinWords(name).join('-').slice(0, MAX_SLUG_LENGTH).replace(/-$/, '');
  return slug === '' ? 'client' : slug;
}

/**
 * The words of a text in lower-case ASCII, Cyrillic transliterated (`ё` as `е`), accents dropped
 * and anything else a separator: `Анна  Смирнова` → `[anna, smirnova]`.
 */
export function latinWords(text: string): string[] {
  let out = '';
  for (const ch of text.normalize('NFKD').toLowerCase()) {
    const mapped = TRANSLIT[ch.normalize('NFC')];
    if (mapped !== undefined) out += mapped;
    else if (/[a-z0-9]/.test(ch)) out += ch;
    else if (/\p{M}/u.test(ch)) continue; // accents split off by NFKD: é → e
    else out += '-';
  }
  return out.split('-').filter((word) => word !== '');
}

/** `folder/slug.md`, or `slug-2.md`, `slug-3.md`… when taken (case-insensitively, for macOS and Windows). */
export function uniqueFile(folder: string, slug: string, ext: string, exists: (file: string) => boolean): string {
  const prefix = folder === '' ? '' : `${folder}/`;
  for (let n = 1; ; n++) {
    const file = `${prefix}${n === 1 ? slug : `${slug}-${n}`}.${ext}`;
    if (!exists(file)) return file;
  }
}

export interface NewClient {
  name: string;
  email?: string;
  company?: string;
  stage?: string;
  owner?: string;
}

/** The text of a new client record: front matter with what is known, and an empty Notes section. */
export function newClientText(client: NewClient, config: CrmConfig, today: string): string {
  const stage = client.stage ?? config.stages[0]?.id ?? 'lead';
  const lines = ['---', `name: ${stringifyString(client.name.trim(), 'block')}`];
  if (client.company !== undefined && client.company.trim() !== '') lines.push(`company: ${stringifyString(client.company.trim(), 'block')}`);
  if (client.email !== undefined && client.email.trim() !== '') lines.push(`email: ${stringifyString(client.email.trim(), 'block')}`);
  lines.push(`stage: ${stringifyString(stage, 'block')}`);
  if (client.owner !== undefined && client.owner.trim() !== '') lines.push(`owner: ${stringifyString(client.owner.trim(), 'block')}`);
  lines.push(`created: ${today}`, `stage_since: ${today}`, 'tags: []', '---', '## Notes', '', '');
  return lines.join('\n');
}

/** Where a new client's file goes (`clients/<slug>.md`, never an existing file). */
export function newClientFile(name: string, config: CrmConfig, exists: (file: string) => boolean): string {
  return uniqueFile(config.folders.clients, slugify(name), 'md', exists);
}

/** Where an archived record goes: the archive folder, same name, `-2` etc. when taken. */
export function archiveFile(file: string, config: CrmConfig, exists: (file: string) => boolean): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return uniqueFile(config.folders.archive, base.slice(0, dot), base.slice(dot + 1), exists);
}
