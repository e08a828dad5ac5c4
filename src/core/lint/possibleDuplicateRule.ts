// `possible-duplicate` (issue 18): two clients with the same normalized name and the same company
// or the same INN (`requisites.inn`), that do not share an e-mail or phone (that is a `duplicate`
// already). Names compare after NFC, case, `ё`→`е`, Cyrillic transliterated to Latin with the usual
// spelling variants folded (Алексей = Alexey = Aleksei, Юлия = Yulia) and in any word order
// ("Смирнова Анна" = "Anna Smirnova"); companies the same way without legal forms (ООО «Ромашка» =
// Romashka LLC). Info on each `name` key, naming the other files. Archived records are left out.
// One map by name, so the rule stays linear in the workspace size.
import { latinWords } from '../actions/newClient';
import { severityOf } from '../config';
import { normalizeEmail } from '../contact';
import { contactPersons } from '../contactPersons';
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import { recordName } from '../recordFields';
import { fieldValue } from '../requiredFields';
import { cachedPhones } from './duplicateRule';
import { runToEnd } from '../slices';
import type { Finding, LintContext, LintRule } from './rule';

/** Others named in one message and pointed at as related locations: the rest are counted. */
const LISTED = 3;

const LEGAL_FORMS: ReadonlySet<string> = new Set(['ooo', 'oao', 'zao', 'pao', 'ao', 'ip', 'nko', 'llc', 'ltd', 'inc', 'gmbh', 'co', 'corp', 'plc', 'llp']);

/** One transliterated word with the spelling variants folded: x→ks, y→i, kh→h, doubled letters once. */
function foldWord(word: string): string {
  return word.replace(/x/g, 'ks').replace(/^ye/, 'e').replace(/yo/g, 'e').replace(/y/g, 'i').replace(/kh/g, 'h').replace(/(.)\1+/g, '$1');
}

// Keys of texts seen before: company names repeat across a workspace, and so do common names.
// Bounded: cleared when full, so a workspace of unique names cannot grow it without limit.
const KEY_CACHE_LIMIT = 50_000;
const nameKeys = new Map<string, string>();
const companyKeys = new Map<string, string>();

function cachedKey(cache: Map<string, string>, text: unknown, compute: (text: string) => string): string {
  if (typeof text !== 'string') return '';
  let key = cache.get(text);
  if (key === undefined) {
    if (cache.size >= KEY_CACHE_LIMIT) cache.clear();
    cache.set(text, (key = compute(text)));
  }
  return key;
}

/** The comparison key of a person's name: folded words in sorted order; '' for none. */
export function nameKey(name: unknown): string {
  return cachedKey(nameKeys, name, (text) => latinWords(text).map(foldWord).sort().join(' '));
}

/** The comparison key of a company: folded words in their order, legal forms dropped; '' for none. */
export function companyKey(company: unknown): string {
  return cachedKey(companyKeys, company, (text) =>
    latinWords(text)
      .filter((word) => !LEGAL_FORMS.has(word))
      .map(foldWord)
      .join(' '),
  );
}

function innOf(record: CrmRecord): string {
  const inn = fieldValue(record.data, 'requisites.inn');
  return typeof inn === 'string' || typeof inn === 'number' ? String(inn).replace(/\s+/g, '') : '';
}

interface Keys {
  name: string;
  company: string;
  inn: string;
  /** Normalized e-mails and phones (own and contact persons'), computed when first compared. */
  addresses?: string[];
}

/** Records are immutable (an edit makes a new one), and the rule re-runs on every edit. */
const keyCache = new WeakMap<CrmRecord, Keys>();

function keysOf(record: CrmRecord): Keys {
  let keys = keyCache.get(record);
  if (!keys) {
    keys = { name: nameKey(record.data.name), company: companyKey(record.data.company), inn: innOf(record) };
    keyCache.set(record, keys);
  }
  return keys;
}

function addressesOf(record: CrmRecord, region: string): string[] {
  const keys = keysOf(record);
  if (!keys.addresses) {
    const phones = cachedPhones(record, region);
    const all = [normalizeEmail(record.data.email), phones.main, ...contactPersons(record).map((p) => normalizeEmail(p.data['email'])), ...phones.persons];
    keys.addresses = all.filter((value): value is string => value !== undefined);
  }
  return keys.addresses;
}

function push(map: Map<string, CrmRecord[]>, key: string, record: CrmRecord): void {
  if (key === '') return;
  const list = map.get(key);
  if (list) list.push(record);
  else map.set(key, [record]);
}

/**
 * The records of `list` that share an e-mail or phone with `own` (a `duplicate` already, not
 * reported twice). Through an index of the list's addresses, built once per list: a list of many
 * lookalikes costs its length, not its length squared.
 */
function sharingAddress(own: CrmRecord, list: CrmRecord[], region: string, indexes: Map<CrmRecord[], Map<string, CrmRecord[]>>): Set<CrmRecord> {
  let index = indexes.get(list);
  if (!index) {
    index = new Map();
    for (const record of list) for (const address of new Set(addressesOf(record, region))) push(index, address, record);
    indexes.set(list, index);
  }
  const out = new Set<CrmRecord>();
  for (const address of addressesOf(own, region)) for (const other of index.get(address) ?? []) if (other !== own) out.add(other);
  return out;
}

const byFile = (a: CrmRecord, b: CrmRecord): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** Says what the records share besides the name: the company, the INN, or one or the other. */
function message(list: string, viaCompany: number, count: number): string {
  if (viaCompany === count) return t('possibly the same client as {0}: the same name and company', list);
  if (viaCompany === 0) return t('possibly the same client as {0}: the same name and INN', list);
  return t('possibly the same client as {0}: the same name and company or INN', list);
}

function* possibleDuplicateSteps({ store, config }: LintContext): Generator<void, Finding[], void> {
  if (severityOf(config, 'possible-duplicate') === 'off') return [];
  const byName = new Map<string, CrmRecord[]>();
  // In file order (the store's), which the lists below keep; a copy, as the store's list is
  // patched in place if a file changes between two steps.
  for (const record of [...store.clients()]) {
    push(byName, keysOf(record).name, record);
    yield;
  }
  const findings: Finding[] = [];
  for (const group of byName.values()) {
    if (group.length < 2) continue;
    yield;
    const byCompany = new Map<string, CrmRecord[]>();
    const byInn = new Map<string, CrmRecord[]>();
    for (const record of group) {
      push(byCompany, keysOf(record).company, record);
      push(byInn, keysOf(record).inn, record);
    }
    const indexes = new Map<CrmRecord[], Map<string, CrmRecord[]>>();
    // A record named in many findings is described once.
    const described = new Map<CrmRecord, { label: string; related: string }>();
    const describe = (record: CrmRecord): { label: string; related: string } => {
      let text = described.get(record);
      if (!text) described.set(record, (text = { label: `${record.file} (${recordName(record)})`, related: t('{0} looks like the same client', recordName(record)) }));
      return text;
    };
    for (const own of group) {
      const { company, inn } = keysOf(own);
      // Each list holds `own` itself: the same company, the same INN, or (rarely) both.
      const same = (company !== '' && byCompany.get(company)) || [];
      const sameInn = (inn !== '' && byInn.get(inn)) || [];
      const candidates = sameInn.length < 2 ? same : same.length < 2 ? sameInn : [...new Set([...same, ...sameInn])].sort(byFile);
      if (candidates.length < 2) continue;
      const sharing = sharingAddress(own, candidates, config.phone_region, indexes);
      const count = candidates.length - 1 - sharing.size;
      if (count <= 0) continue;
      const shown: CrmRecord[] = [];
      // Only the merged list mixes the two reasons: count the company's share of it.
      const merged = candidates !== same && candidates !== sameInn;
      let viaCompany = candidates === same ? count : 0;
      for (const other of candidates) {
        if (other === own || sharing.has(other)) continue;
        if (shown.length < LISTED) shown.push(other);
        if (merged) viaCompany += keysOf(other).company === company ? 1 : 0;
        else if (shown.length === LISTED) break;
      }
      const listed = shown.map((o) => describe(o).label).join(', ');
      findings.push({
        file: own.file,
        path: ['name'],
        code: 'possible-duplicate',
        message: message(count > LISTED ? t('{0} and {1} more', listed, count - LISTED) : listed, viaCompany, count),
        related: shown.map((o) => ({ file: o.file, path: ['name'], message: describe(o).related })),
        // The first few, as named in the message; `count` is all of them.
        data: { others: shown.map((o) => o.file), count },
      });
    }
  }
  return findings;
}

export const possibleDuplicateRule: LintRule = {
  codes: ['possible-duplicate'],
  check: (ctx) => runToEnd(possibleDuplicateSteps(ctx)),
  checkSteps: possibleDuplicateSteps,
};
