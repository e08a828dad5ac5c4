// Contact persons of a company client (issue 17, PRODUCT.md §4 "Business clients"):
// `contacts: [{name, position, email, phone, birthday, consent, unsubscribed}]`. The top-level
// email/phone/consent stay the main contact; each person here is searchable, shown under the
// client, counted for duplicates, greeted on their birthday and exported under their own consent.
import type { CrmRecord } from './model';
import { recordName, recordString } from './recordFields';
import { hitPosition } from './search/hitLocation';

export interface ContactPerson {
  /** Position in `contacts:` (0-based): the path of its fields is `['contacts', index, key]`. */
  index: number;
  /** Trimmed; '' when the entry has none (the schema reports it). */
  name: string;
  position?: string;
  /** As written, trimmed; not validated (see `normalizeEmail`). */
  email?: string;
  /** As written, trimmed (a number in YAML becomes its digits). */
  phone?: string;
  /** The entry itself: `birthday`, `consent`, `unsubscribed` and any other key. */
  data: Readonly<Record<string, unknown>>;
}

const text = (value: unknown): string | undefined => {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

/** Records never change (an edit makes a new one), so each is read once. */
const cache = new WeakMap<CrmRecord, readonly ContactPerson[]>();

/** The record's contact persons in file order; entries that are not mappings are skipped. */
export function contactPersons(record: CrmRecord): readonly ContactPerson[] {
  const known = cache.get(record);
  if (known) return known;
  const list = record.data.contacts;
  const persons: ContactPerson[] = [];
  if (Array.isArray(list)) {
    list.forEach((entry: unknown, index) => {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return;
      const data = entry as Record<string, unknown>;
      const person: ContactPerson = { index, name: text(data['name']) ?? '', data };
      const position = text(data['position']);
      const email = text(data['email']);
      const phone = text(data['phone']);
      if (position !== undefined) person.position = position;
      if (email !== undefined) person.email = email;
      if (phone !== undefined) person.phone = phone;
      persons.push(person);
    });
  }
  cache.set(record, persons);
  return persons;
}

/** What to call a person: the name, else the position, the e-mail, the phone, else `#n`. */
export function personName(person: ContactPerson): string {
  return person.name || person.position || person.email || person.phone || `#${person.index + 1}`;
}

/** "Анна Бухгалтерова (ООО «Ромашка»)": the person and whose contact they are (company, else the client's name). */
export function personLabel(person: ContactPerson, record: CrmRecord): string {
  return `${personName(person)} (${recordString(record, 'company') ?? recordName(record)})`;
}

/**
 * The contact person whose `keys` (e.g. `consent`, `email`, `phone`) one of starts at `line`:`column`
 * (1-based) in `text`, the record's file text: how a quick fix on a diagnostic finds its person.
 */
export function personAt(text: string, record: CrmRecord, line: number, column: number, keys: readonly string[]): ContactPerson | undefined {
  return contactPersons(record).find((person) =>
    keys.some((key) => {
      if (!Object.hasOwn(person.data, key)) return false;
      const at = hitPosition(text, record.file, { field: `contacts.${person.index}.${key}` });
      return at.line === line && at.column === column;
    }),
  );
}
