// `duplicate`: two clients share a normalized e-mail or phone (PRODUCT.md §9). Same name or
// company alone is not a duplicate. Each record gets a warning naming the others by file. A
// contact person's e-mail or phone (issue 17) counts too, against other records' main and
// persons' addresses; the finding then points at the person's key (`contacts[i].email`).
import { normalizeEmail, normalizePhone } from '../contact';
import { type ContactPerson, contactPersons, personName } from '../contactPersons';
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import type { FieldPath } from '../parse/positions';
import { recordName } from '../recordFields';
import { runToEnd } from '../slices';
import type { Finding, LintContext, LintRule } from './rule';

type Field = 'email' | 'phone';

/** One address of a record: its main e-mail/phone, or one of its contact persons'. */
interface Address {
  record: CrmRecord;
  /** The contact person it belongs to; none for the main contact. */
  person?: ContactPerson;
}

/**
 * Phone parsing costs ~5 µs a record and the rule re-runs on every edit; a record object never
 * changes (an edit makes a new one), so its normalized phones (main, then each person's) are kept
 * with it.
 */
const phones = new WeakMap<CrmRecord, { region: string; main: string | undefined; persons: (string | undefined)[] }>();

export function cachedPhones(record: CrmRecord, region: string): { main: string | undefined; persons: (string | undefined)[] } {
  const cached = phones.get(record);
  if (cached?.region === region) return cached;
  const entry = { region, main: normalizePhone(record.data.phone, region), persons: contactPersons(record).map((p) => normalizePhone(p.data['phone'], region)) };
  phones.set(record, entry);
  return entry;
}

/**
 * Adds the record's normalized addresses of one kind to `groups`, each once per record (the
 * main one first): the same address twice in one record (main and a person, or two persons) is
 * not a duplicate record.
 */
function addAddresses(groups: Map<string, Address[]>, record: CrmRecord, field: Field, region: string): void {
  const add = (value: string | undefined, address: Address): void => {
    if (value === undefined) return;
    const list = groups.get(value);
    if (!list) groups.set(value, [address]);
    else if (list[list.length - 1]!.record !== record) list.push(address);
  };
  const persons = contactPersons(record);
  if (field === 'email') {
    add(normalizeEmail(record.data.email), { record });
    for (const person of persons) add(normalizeEmail(person.data['email']), { record, person });
  } else {
    const cached = cachedPhones(record, region);
    add(cached.main, { record });
    persons.forEach((person, i) => add(cached.persons[i], { record, person }));
  }
}

const pathOf = (address: Address, field: Field): FieldPath => (address.person ? ['contacts', address.person.index, field] : [field]);

/** "clients/x.md (Anna Smirnova)", or for a person "clients/x.md (Анна Бухгалтерова, contact person of ООО Ромашка)". */
function described(address: Address): string {
  const who = address.person ? t('{0}, contact person of {1}', personName(address.person), recordName(address.record)) : recordName(address.record);
  return `${address.record.file} (${who})`;
}

function message(own: Address, field: Field, value: string, list: string): string {
  if (!own.person) return field === 'email' ? t('same e-mail ({0}) as {1}', value, list) : t('same phone ({0}) as {1}', value, list);
  const name = personName(own.person);
  return field === 'email' ? t('contact person {0}: same e-mail ({1}) as {2}', name, value, list) : t('contact person {0}: same phone ({1}) as {2}', name, value, list);
}

function relatedMessage(other: Address, field: Field): string {
  const name = other.person ? t('{0}, contact person of {1}', personName(other.person), recordName(other.record)) : recordName(other.record);
  return field === 'email' ? t('{0} has the same e-mail', name) : t('{0} has the same phone', name);
}

function* duplicateSteps({ store, config }: LintContext): Generator<void, Finding[], void> {
  // A copy: the store's list is patched in place if a file changes between two steps.
  const records = [...store.clients()];
  const findings: Finding[] = [];
  for (const field of ['email', 'phone'] as const) {
    const groups = new Map<string, Address[]>();
    for (const record of records) {
      addAddresses(groups, record, field, config.phone_region);
      yield;
    }
    for (const [value, group] of groups) {
      if (group.length < 2) continue;
      for (const own of group) {
        const others = group.filter((a) => a !== own);
        findings.push({
          file: own.record.file,
          path: pathOf(own, field),
          code: 'duplicate',
          message: message(own, field, value, others.map(described).join(', ')),
          related: others.map((o) => ({ file: o.record.file, path: pathOf(o, field), message: relatedMessage(o, field) })),
          // `others` are files, as before; `contact` (the person's index) and `contacts` (true
          // when any side is a contact person: merging the records is then no remedy) are new.
          data: {
            field,
            value,
            others: others.map((o) => o.record.file),
            ...(own.person && { contact: own.person.index }),
            ...(group.some((a) => a.person) && { contacts: true }),
          },
        });
      }
    }
  }
  return findings;
}

export const duplicateRule: LintRule = {
  codes: ['duplicate'],
  check: (ctx) => runToEnd(duplicateSteps(ctx)),
  checkSteps: duplicateSteps,
};
