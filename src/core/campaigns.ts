// The campaign log (issue 18): one file per mailing, `campaigns/YYYY/<date>-<slug>.md`, written
// by an export with `--campaign <name>`. Client files are never edited for it; who was mailed when
// is read back from these files — `last_mailed` and `mailings_90d` (computed fields), the frequency
// cap `config.mailing.min_days_between`, and campaigns per month on the dashboard.
import { stringify } from 'yaml';
import { slugify, uniqueFile } from './actions/newClient';
import { type ContactPerson, personName } from './contactPersons';
import { isoToDayNumber } from './dates';
import type { CrmConfig, CrmRecord } from './model';

export type CampaignChannel = 'email' | 'sms';

export interface Campaign {
  file: string;
  name: string;
  /** ISO date of the export. */
  date: string;
  channel: CampaignChannel;
  segment?: string;
  query?: string;
  /** Client ids, and `<client>#<person slug>` for contact persons. */
  recipients: string[];
}

/**
 * How a recipient is named in a campaign's list: the client's id for the main contact,
 * `<client>#<person>` for a contact person (the slug of the person's name, so reordering
 * `contacts:` does not change who was mailed).
 */
export function recipientKey(record: CrmRecord, person?: ContactPerson): string {
  return person ? `${record.id}#${slugify(personName(person))}` : record.id;
}

/** A campaign file's fields, or undefined when it lacks a name, a valid date or a recipients list. */
export function campaignOf(record: CrmRecord): Campaign | undefined {
  const { name, date, channel, segment, query, recipients } = record.data as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '' || typeof date !== 'string' || isoToDayNumber(date) === undefined || !Array.isArray(recipients)) return undefined;
  const campaign: Campaign = {
    file: record.file,
    name: name.trim(),
    date,
    channel: channel === 'sms' ? 'sms' : 'email',
    recipients: recipients.filter((r): r is string => typeof r === 'string'),
  };
  if (typeof segment === 'string') campaign.segment = segment;
  if (typeof query === 'string') campaign.query = query;
  return campaign;
}

/** When each recipient and each client (any of its people) was mailed: what the cap and the computed fields read. */
export interface MailingHistory {
  /** The latest campaign date of a recipient key, for `channel`. */
  lastMailed(key: string, channel: CampaignChannel): string | undefined;
  /** Campaign dates that include the client or one of its contact persons, any channel, each campaign once. */
  clientDates(clientId: string): readonly string[];
}

export function mailingHistory(campaignRecords: readonly CrmRecord[]): MailingHistory {
  const last = new Map<string, string>();
  const byClient = new Map<string, string[]>();
  for (const record of campaignRecords) {
    const campaign = campaignOf(record);
    if (!campaign) continue;
    const clients = new Set<string>();
    for (const key of campaign.recipients) {
      const slot = `${campaign.channel} ${key}`;
      const seen = last.get(slot);
      if (seen === undefined || seen < campaign.date) last.set(slot, campaign.date);
      clients.add(key.split('#', 1)[0]!);
    }
    for (const client of clients) {
      const dates = byClient.get(client);
      if (dates) dates.push(campaign.date);
      else byClient.set(client, [campaign.date]);
    }
  }
  return {
    lastMailed: (key, channel) => last.get(`${channel} ${key}`),
    clientDates: (clientId) => byClient.get(clientId) ?? [],
  };
}

/** `campaigns/2026/2026-11-24-black-friday.md`, `-2` when taken. */
export function campaignFile(config: CrmConfig, date: string, name: string, taken: (file: string) => boolean): string {
  const slug = slugify(name);
  return uniqueFile(`${config.folders.campaigns}/${date.slice(0, 4)}`, `${date}-${slug === 'client' ? 'campaign' : slug}`, 'md', taken);
}

/** The campaign file's text: the fields as front matter, the export's summary as the body. */
export function campaignText(campaign: Omit<Campaign, 'file'>, summary: string): string {
  const fields: Record<string, unknown> = { name: campaign.name, date: campaign.date, channel: campaign.channel };
  if (campaign.segment !== undefined) fields.segment = campaign.segment;
  if (campaign.query !== undefined) fields.query = campaign.query;
  fields.recipients = campaign.recipients;
  return `---\n${stringify(fields, { lineWidth: 0 })}---\n# ${campaign.name.replace(/\s+/g, ' ')}\n\n${summary}\n`;
}

export interface CampaignMonth {
  month: string;
  campaigns: number;
  recipients: number;
}

/** Campaigns per month (`YYYY-MM`), oldest first, within `from`..`to` when given. */
export function campaignsByMonth(campaignRecords: readonly CrmRecord[], from?: string, to?: string): CampaignMonth[] {
  const months = new Map<string, CampaignMonth>();
  for (const record of campaignRecords) {
    const campaign = campaignOf(record);
    if (!campaign || (from !== undefined && campaign.date < from) || (to !== undefined && campaign.date > to)) continue;
    const key = campaign.date.slice(0, 7);
    let row = months.get(key);
    if (!row) months.set(key, (row = { month: key, campaigns: 0, recipients: 0 }));
    row.campaigns++;
    row.recipients += campaign.recipients.length;
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
}
