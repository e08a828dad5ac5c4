// Clients and their contact persons as a vCard 3.0 address book (issue 18): one card a person,
// the company as ORG, in UTF-8. Only people whose `consent.processing` is not false: putting
// someone in a phone's address book is processing their data. vcard-creator escapes and folds.
import VCard from 'vcard-creator';
import { recipientKey } from '../campaigns';
import { normalizeEmail, normalizePhone } from '../contact';
import { contactPersons, personName } from '../contactPersons';
import { isIsoDate } from '../dates';
import { t } from '../i18n';
import type { CrmConfig, CrmRecord } from '../model';
import { recordName, recordString } from '../recordFields';
import { splitNameOf } from './contactExport';

export type VcardSkipReason = 'archived' | 'no-consent' | 'no-contact';
export const VCARD_SKIP_REASONS: readonly VcardSkipReason[] = ['archived', 'no-consent', 'no-contact'];

export interface VcardExport {
  text: string;
  cards: number;
  skipped: Record<VcardSkipReason, number>;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined);

function processingRefused(data: Readonly<Record<string, unknown>>): boolean {
  const consent = data['consent'];
  return typeof consent === 'object' && consent !== null && (consent as Record<string, unknown>)['processing'] === false;
}

interface Card {
  uid: string;
  name: string;
  data: Readonly<Record<string, unknown>>;
  company?: string;
  title?: string;
  tags: string[];
}

function cardText(card: Card, config: CrmConfig, today: string): string {
  const vcard = new VCard();
  const { first, last } = splitNameOf(card.data);
  // FN first: addName would otherwise make one from the parts, dropping a patronymic.
  vcard.addFullName(card.name);
  vcard.addName({ familyName: last, givenName: first });
  if (card.company !== undefined) vcard.addCompany({ name: card.company });
  if (card.title !== undefined) vcard.addJobtitle(card.title);
  const email = normalizeEmail(card.data['email']);
  if (email !== undefined) vcard.addEmail({ address: email, type: ['internet'] });
  const phone = text(card.data['phone']);
  // E.164 where the number reads as one, so the phone dials it from abroad too; else as written.
  if (phone !== undefined) vcard.addPhoneNumber({ number: normalizePhone(phone, config.phone_region) ?? phone, type: ['voice'] });
  const birthday = text(card.data['birthday']);
  if (birthday !== undefined && isIsoDate(birthday)) vcard.addBirthday(birthday as `${number}-${number}-${number}`);
  if (card.tags.length > 0) vcard.addCategories(card.tags);
  vcard.addUid(card.uid);
  // REV is "now" unless given: today's date keeps the file the same between two runs of a day.
  vcard.addRevision(new Date(`${today}T00:00:00Z`));
  return vcard.toString();
}

/** The address book of `records`' clients: the main contact, then each contact person. */
export function contactsVcf(records: readonly CrmRecord[], config: CrmConfig, today: string): VcardExport {
  const skipped: Record<VcardSkipReason, number> = { archived: 0, 'no-consent': 0, 'no-contact': 0 };
  const cards: string[] = [];
  const consider = (card: Card, archived: boolean): void => {
    if (archived) skipped.archived++;
    else if (processingRefused(card.data)) skipped['no-consent']++;
    else if (text(card.data['email']) === undefined && text(card.data['phone']) === undefined) skipped['no-contact']++;
    else cards.push(cardText(card, config, today));
  };
  for (const record of records) {
    if (record.kind !== 'client') continue;
    const company = recordString(record, 'company');
    const tags = Array.isArray(record.data.tags) ? record.data.tags.map(String) : [];
    consider({ uid: `plain-crm:${recipientKey(record)}`, name: recordName(record), data: record.data, ...(company !== undefined && { company }), ...(text(record.data['position']) !== undefined && { title: text(record.data['position'])! }), tags }, record.archived);
    for (const person of contactPersons(record)) {
      // A person's card carries the company (else the client's name, a person's own business).
      consider({ uid: `plain-crm:${recipientKey(record, person)}`, name: personName(person), data: person.data, company: company ?? recordName(record), ...(person.position !== undefined && { title: person.position }), tags }, record.archived);
    }
  }
  return { text: cards.join(''), cards: cards.length, skipped };
}

/** `exported 12; skipped 3: no-consent 2, no-contact 1`, as the CSV exports say it. */
export function vcardSummary(result: VcardExport): string {
  const reasons = VCARD_SKIP_REASONS.filter((r) => result.skipped[r] > 0).map((r) => `${r} ${result.skipped[r]}`);
  const total = VCARD_SKIP_REASONS.reduce((n, r) => n + result.skipped[r], 0);
  return reasons.length > 0 ? t('exported {0}; skipped {1}: {2}', result.cards, total, reasons.join(', ')) : t('exported {0}; skipped {1}', result.cards, total);
}
