// The files of a new Plain CRM workspace ("Create Plain CRM Workspace"): a commented config with
// the defaults spelled out, two saved segments, and one client to try the views on.
import { editRecord, isEditError } from '../edit/recordEdit';
import type { CrmConfig } from '../model';
import { newClientText } from './newClient';

export const STARTER_CONFIG = `# Plain CRM workspace settings. Every key is optional; see the README for all of them.

# The sales funnel, in order. A stage is an id, or { id, label, probability, closed, outcome }.
stages:
  - { id: lead,        label: Lead,        probability: 0.05 }
  - { id: qualified,   label: Qualified,   probability: 0.2 }
  - { id: proposal,    label: Proposal,    probability: 0.4 }
  - { id: negotiation, label: Negotiation, probability: 0.7 }
  - { id: won,         label: Won,         probability: 1, closed: true, outcome: won }
  - { id: lost,        label: Lost,        probability: 0, closed: true, outcome: lost }

# Days without contact after which a client in an open stage is stale.
stale: { default: 30, lead: 7, proposal: 14 }

# Records without their own currency are in this one.
currency: RUB

# Region for phone numbers written without a country code.
phone_region: RU

# Money and date formatting (default: VS Code's display language).
# locale: ru-RU
`;

export const STARTER_SEGMENTS = `# Saved segments, shown in the Segments view in this order: name → query.
vip: tag:vip
stale: is:stale
`;

/** Workspace-relative path → text of every starter file. */
export function starterFiles(config: CrmConfig, today: string): Record<string, string> {
  return {
    '.crm/config.yaml': STARTER_CONFIG,
    '.crm/segments.yaml': STARTER_SEGMENTS,
    [`${config.folders.clients}/first-client.md`]: starterClient(config, today),
  };
}

/** The sample client, with the consent block a record with an e-mail should have (lint: no-consent). */
function starterClient(config: CrmConfig, today: string): string {
  const text = newClientText({ name: 'First Client', email: 'client@example.com', company: 'Example Ltd' }, config, today).replace(
    '## Notes\n',
    '## Notes\nA sample record: edit it, move it to another stage in the Pipeline view, or delete it.\n',
  );
  const withConsent = editRecord(text, [{ op: 'set', path: ['consent'], value: { processing: true, email: false, sms: false, date: today, source: 'form' } }], { format: 'md' });
  return isEditError(withConsent) ? text : withConsent.text;
}
