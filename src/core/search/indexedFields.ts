// What the full-text index sees of a record: one string per indexed field. The known contact
// fields get their own field (and boost), the contact persons theirs (`contacts`); every other
// front-matter value is flattened into `other`; the Markdown notes are `body`. Bounded, because records can be hostile.
import { contactPersons } from '../contactPersons';
import type { CrmRecord } from '../model';

/**
 * Each field's indexed text is cut at this many characters (≈100 KB of ASCII). A client record
 * is a few KB; a 5 MB note pasted by mistake (or on purpose) must not make the index, its cache
 * and every rebuild pay for 5 MB. Words past the cut are not found by `search`.
 */
export const MAX_FIELD_CHARS = 100_000;

export const FIELDS = ['name', 'company', 'email', 'phone', 'city', 'tags', 'contacts', 'other', 'body'] as const;
export type IndexedField = (typeof FIELDS)[number];

/** Fields the records name explicitly; everything else (and nested values) goes to `other`. */
const OWN_FIELD_KEYS = new Set(['name', 'company', 'email', 'phone', 'city', 'tags', 'notes']);

/** The record reduced to one string per field, keyed by its file. */
export type IndexedDoc = { file: string } & Record<IndexedField, string>;

function cap(text: string): string {
  return text.length > MAX_FIELD_CHARS ? text.slice(0, MAX_FIELD_CHARS) : text;
}

/** Scalars as a person would search for them; booleans and null say nothing searchable. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  return undefined;
}

/** Bounds on walking a value: YAML aliases can make a small file expand exponentially. */
const MAX_DEPTH = 8;
const MAX_NODES = 10_000;

export interface FieldText {
  path: string;
  text: string;
}

/** Every scalar under `value` with its dotted path, depth-first, within the bounds above. */
function flatten(value: unknown, path: string, out: FieldText[], budget: { nodes: number; chars: number }, depth: number): void {
  if (budget.nodes <= 0 || budget.chars <= 0) return;
  budget.nodes--;
  const scalar = scalarText(value);
  if (scalar !== undefined) {
    if (scalar.length === 0) return;
    const text = scalar.length > budget.chars ? scalar.slice(0, budget.chars) : scalar;
    budget.chars -= text.length + 1;
    out.push({ path, text });
    return;
  }
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, path, out, budget, depth + 1);
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    flatten(item, path ? `${path}.${key}` : key, out, budget, depth + 1);
  }
}

export function fieldTexts(value: unknown, path: string): FieldText[] {
  const out: FieldText[] = [];
  flatten(value, path, out, { nodes: MAX_NODES, chars: MAX_FIELD_CHARS }, 0);
  return out;
}

/** The keys of a contact person that go to the `contacts` field; the rest of the entry goes to `other`. */
const PERSON_KEYS = ['name', 'position', 'email', 'phone'] as const;

/** The values of the fields that have no field of their own in the index. */
export function otherTexts(record: CrmRecord): FieldText[] {
  const out: FieldText[] = [];
  const budget = { nodes: MAX_NODES, chars: MAX_FIELD_CHARS };
  for (const [key, value] of Object.entries(record.data)) {
    if (key === 'contacts' && Array.isArray(value)) {
      // A person's birthday, consent source and own keys: `contacts.0.consent.source`.
      value.forEach((entry: unknown, i) => {
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return flatten(entry, `contacts.${i}`, out, budget, 2);
        for (const [inner, item] of Object.entries(entry)) {
          if (!(PERSON_KEYS as readonly string[]).includes(inner)) flatten(item, `contacts.${i}.${inner}`, out, budget, 3);
        }
      });
    } else if (!OWN_FIELD_KEYS.has(key)) flatten(value, key, out, budget, 1);
  }
  return out;
}

/**
 * One line per contact person (name, position, e-mail, phone: what a person searches them by),
 * with the path of the person (`contacts.0`), so a hit opens the record at the person.
 */
export function contactTexts(record: CrmRecord): FieldText[] {
  return contactPersons(record).map((person) => ({
    path: `contacts.${person.index}`,
    text: PERSON_KEYS.map((key) => person[key]).filter((part) => part !== undefined && part !== '').join(', '),
  })).filter((entry) => entry.text !== '');
}

export function joined(texts: FieldText[], separator: string): string {
  return cap(texts.map((entry) => entry.text).join(separator));
}

/**
 * The phone as written plus its digits run together, so `9123456789`, `+79123456789` and
 * `89123456789` find `+7 912 345-67-89` although the tokenizer splits it into groups. A Russian
 * 11-digit number is indexed with both trunk prefixes (7 and 8) and without one.
 */
function phoneText(value: unknown): string {
  const written = joined(fieldTexts(value, 'phone'), '\n');
  return withPhoneDigits(written, written);
}

/** `text`, then the run-together digits of each line of `phones`. */
function withPhoneDigits(text: string, phones: string): string {
  const extra = new Set<string>();
  for (const line of phones.split('\n')) {
    const digits = line.replace(/\D/g, '');
    if (digits.length < 5) continue;
    extra.add(digits);
    if (digits.length === 11 && (digits.startsWith('7') || digits.startsWith('8'))) {
      const national = digits.slice(1);
      extra.add(national).add(`7${national}`).add(`8${national}`);
    }
  }
  return extra.size > 0 ? `${text}\n${[...extra].join(' ')}` : text;
}

export function toDoc(record: CrmRecord): IndexedDoc {
  const data = record.data;
  return {
    file: record.file,
    name: joined(fieldTexts(data.name, 'name'), ' '),
    company: joined(fieldTexts(data.company, 'company'), ' '),
    email: joined(fieldTexts(data.email, 'email'), ' '),
    phone: phoneText(data.phone),
    city: joined(fieldTexts(data.city, 'city'), ' '),
    tags: joined(fieldTexts(data.tags, 'tags'), ' '),
    // The persons' phones also as run-together digits, like the main phone.
    contacts: withPhoneDigits(joined(contactTexts(record), '\n'), contactPersons(record).map((person) => person.phone ?? '').join('\n')),
    other: joined(otherTexts(record), '\n'),
    body: cap(record.body),
  };
}

/**
 * FNV-1a of `text`, continuing from `hash`. Two identical copies on purpose: V8 specializes a
 * loop for the string shapes it has seen, and the notes (long, often two-byte) mixed with the
 * short fields made one shared loop several times slower.
 */
function fnv1aShort(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

function fnv1aLong(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

/** FNV-1a over the indexed text: equal fingerprints mean the cached entry can be kept. */
export function fingerprint(doc: IndexedDoc): number {
  let hash = 0x811c9dc5;
  for (const field of FIELDS) {
    hash = field === 'body' ? fnv1aLong(hash, doc.body) : fnv1aShort(hash, doc[field]);
    // A separator so that moving text between fields changes the fingerprint.
    hash = Math.imul(hash ^ 0xffff, 0x01000193);
  }
  return hash >>> 0;
}
