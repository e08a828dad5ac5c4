// Unsubscribes and bounces back from the mailing service (issue 18): the only imports that change
// existing values, and only this way — `unsubscribed: true` + `unsubscribed_on`, or
// `email_status: bounced` + `email_status_on`, on the main contact or the contact person whose
// e-mail it is. Everything else in the file stays byte for byte (the format-preserving edit
// engine). The next export then leaves these people out.
import { contactPersons } from '../contactPersons';
import { normalizeEmail } from '../contact';
import { editRecord, type EditOp, isEditError, type TextEdit } from '../edit/recordEdit';
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import { recordName } from '../recordFields';
import { mapColumns } from './columnMap';
import { type CsvEncoding, parseCsvTable, readCsvText } from './csvTable';

export type SuppressionKind = 'unsubscribes' | 'bounces';

export interface AddressList {
  /** The addresses as written, in file order, each once (by normalized address). */
  addresses: string[];
  encoding: CsvEncoding;
  /** Lines or cells that held something that is not an e-mail address. */
  invalid: string[];
}

/**
 * The addresses of a service's export: a CSV whose e-mail column is found by its header (E-mail,
 * Email, Почта…) or, without one, as the first column holding an `@`; or plain text with one
 * address per line. Any encoding the CSV import reads.
 */
export function readAddressList(bytes: Uint8Array, encoding?: CsvEncoding): AddressList | { error: string } {
  const read = readCsvText(bytes, encoding);
  if ('error' in read) return read;
  const lines = read.text.split('\n');
  const first = lines.find((line) => line.trim() !== '') ?? '';
  let cells: string[];
  if (/[;,\t]/.test(first)) {
    const table = parseCsvTable(read.text, read.encoding);
    if ('error' in table) return table;
    const mapped = mapColumns(table.header);
    let column = Array.isArray(mapped) ? mapped.find((m) => m.field === 'email')?.index : undefined;
    const rows = table.rows.map((r) => r.cells);
    // No e-mail header: the header line may itself be data (a bare list of addresses).
    if (column === undefined) {
      const all = [table.header, ...rows];
      column = table.header.findIndex((cell) => cell.includes('@'));
      if (column >= 0) rows.unshift(table.header);
      else column = all.map((row) => row.findIndex((cell) => cell.includes('@'))).find((i) => i >= 0);
    }
    if (column === undefined || column < 0) return { error: t('no e-mail column: expected a header like "Email" or cells with addresses') };
    cells = rows.map((row) => row[column!] ?? '');
  } else {
    // One address per line; a header word ("email") or a comment line is not an address.
    cells = lines.map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
    if (cells[0] !== undefined && !cells[0].includes('@')) cells.shift();
  }
  const seen = new Set<string>();
  const addresses: string[] = [];
  const invalid: string[] = [];
  for (const cell of cells) {
    const text = cell.trim();
    if (text === '') continue;
    const address = normalizeEmail(text);
    if (address === undefined) invalid.push(text);
    else if (!seen.has(address)) {
      seen.add(address);
      addresses.push(text);
    }
  }
  return { addresses, encoding: read.encoding, invalid };
}

/** What the import does to one file. */
export interface SuppressionChange {
  file: string;
  /** The text the change was computed from (written only if the file still has it). */
  base: string;
  text: string;
  edits: TextEdit[];
  /** Who changes: the client's name, or "Person (Client)". */
  people: string[];
}

export interface SuppressionPlan {
  changes: SuppressionChange[];
  /** People newly marked. */
  marked: number;
  /** People that already were (unsubscribed, or bounced). */
  already: number;
  /** Addresses of the list that no record has, as written. */
  notFound: string[];
  /** Files that could not be edited, with the reason. */
  refused: { file: string; error: string }[];
}

/**
 * Marks every record or contact person whose e-mail is on the list (archived records too, so a
 * restored record stays unsubscribed). Each file is edited once, whatever the number of people
 * in it; a person already marked is counted, not touched.
 */
export async function planSuppressions(
  kind: SuppressionKind,
  addresses: readonly string[],
  records: readonly CrmRecord[],
  today: string,
  textOf: (file: string) => Promise<string | undefined>,
): Promise<SuppressionPlan> {
  const owners = new Map<string, { record: CrmRecord; at: (string | number)[]; data: Record<string, unknown>; label: string }[]>();
  const add = (email: unknown, entry: { record: CrmRecord; at: (string | number)[]; data: Record<string, unknown>; label: string }): void => {
    const address = normalizeEmail(email);
    if (address === undefined) return;
    const list = owners.get(address);
    if (list) list.push(entry);
    else owners.set(address, [entry]);
  };
  for (const record of records) {
    if (record.kind !== 'client') continue;
    add(record.data.email, { record, at: [], data: record.data, label: recordName(record) });
    for (const person of contactPersons(record)) add(person.email, { record, at: ['contacts', person.index], data: person.data, label: `${person.name ?? person.email ?? ''} (${recordName(record)})` });
  }
  const done = (data: Record<string, unknown>): boolean => (kind === 'unsubscribes' ? data.unsubscribed === true : data.email_status === 'bounced');
  const byFile = new Map<string, { record: CrmRecord; ops: EditOp[]; people: string[] }>();
  const plan: SuppressionPlan = { changes: [], marked: 0, already: 0, notFound: [], refused: [] };
  for (const written of addresses) {
    const found = owners.get(normalizeEmail(written) ?? '');
    if (!found) {
      plan.notFound.push(written);
      continue;
    }
    for (const owner of found) {
      if (done(owner.data)) {
        plan.already++;
        continue;
      }
      const ops: EditOp[] =
        kind === 'unsubscribes'
          ? [
              { op: 'set', path: [...owner.at, 'unsubscribed'], value: true },
              { op: 'set', path: [...owner.at, 'unsubscribed_on'], value: today, after: 'unsubscribed' },
            ]
          : [
              { op: 'set', path: [...owner.at, 'email_status'], value: 'bounced' },
              { op: 'set', path: [...owner.at, 'email_status_on'], value: today, after: 'email_status' },
            ];
      let entry = byFile.get(owner.record.file);
      if (!entry) byFile.set(owner.record.file, (entry = { record: owner.record, ops: [], people: [] }));
      entry.ops.push(...ops);
      entry.people.push(owner.label);
    }
  }
  for (const [file, { record, ops, people }] of byFile) {
    const base = await textOf(file);
    const result = base === undefined ? { error: t('the file could not be read') } : editRecord(base, ops, { format: record.format });
    if (isEditError(result)) {
      plan.refused.push({ file, error: result.error });
      continue;
    }
    plan.changes.push({ file, base: base!, text: result.text, edits: result.edits, people });
    plan.marked += people.length;
  }
  plan.changes.sort((a, b) => (a.file < b.file ? -1 : 1));
  return plan;
}

/** `unsubscribed 3, already 1, not found 2` (or `bounced …`): the import's summary line. */
export function suppressionSummary(kind: SuppressionKind, plan: SuppressionPlan): string {
  return kind === 'unsubscribes'
    ? t('unsubscribed {0}, already {1}, not found {2}', plan.marked, plan.already, plan.notFound.length)
    : t('bounced {0}, already {1}, not found {2}', plan.marked, plan.already, plan.notFound.length);
}
