// One personalized message per client of a segment, for a mailing or SMS service: the export's
// rules decide who (consent, unsubscribed, valid address, duplicates merged), the template what.
import { type ExportSummary, mailingExport, phoneExport } from '../generate/contactExport';
import { contactPersons } from '../contactPersons';
import type { CrmConfig, CrmRecord } from '../model';
import { renderTemplate, type Template } from './template';

export interface SegmentMessages {
  header: string[];
  rows: string[][];
  summary: ExportSummary;
  /** Placeholders without a value for some client, marked in their messages. */
  missing: string[];
}

export function segmentMessages(template: Template, records: readonly CrmRecord[], config: CrmConfig, today: string, byId: (id: string) => CrmRecord | undefined): SegmentMessages {
  const sms = template.meta.channel === 'sms';
  const address = sms ? 'phone' : 'email';
  const exported = (sms ? phoneExport : mailingExport)(records, config, [address, 'name', 'id', 'contact_index']);
  const missing = new Set<string>();
  const rows = exported.rows.flatMap((row): string[][] => {
    const found = byId(String(row[2]));
    if (!found) return [];
    // A contact person's row (issue 17) greets the person: their keys over the client's.
    const person = typeof row[3] === 'number' ? contactPersons(found).find((p) => p.index === row[3]) : undefined;
    const client = person ? { ...found, data: { ...found.data, ...person.data } } : found;
    const rendered = renderTemplate(template, { client, config, today });
    for (const name of rendered.missing) missing.add(name);
    return [[String(row[0]), String(row[1] ?? ''), rendered.subject ?? '', rendered.text.trim()]];
  });
  return { header: [address, 'name', 'subject', 'message'], rows, summary: exported.summary, missing: [...missing] };
}
