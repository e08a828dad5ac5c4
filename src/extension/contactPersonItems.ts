// Contact persons under a client in the trees (Segments, Needs attention, Pipeline; issue 17): a
// client with `contacts:` expands to its persons — name, position, a tooltip with e-mail and
// phone — and clicking a person copies their e-mail (else phone) to the clipboard
// (`plainCrm.copyContact`, read-only, so it works in Restricted Mode too).
import * as vscode from 'vscode';
import { type ContactPerson, contactPersons, personName } from '../core/contactPersons';
import type { CrmRecord } from '../core/model';
import { recordName, recordString } from '../core/recordFields';
import type { FeatureContext } from './featureContext';

export const COPY_CONTACT_COMMAND = 'plainCrm.copyContact';

/** A contact person's node in a tree; `parent` is the client's node of that tree. */
export interface ContactPersonNode<P> {
  kind: 'contact';
  record: CrmRecord;
  person: ContactPerson;
  parent: P;
}

/** What `plainCrm.copyContact` accepts: a tree node (click or context menu), or a file and index. */
export type CopyContactTarget = { record?: CrmRecord; person?: ContactPerson } | { file: string; index: number };

export function hasContactPersons(record: CrmRecord): boolean {
  return contactPersons(record).length > 0;
}

/** The child nodes of a client's node: its contact persons in file order. */
export function contactPersonNodes<P>(record: CrmRecord, parent: P): ContactPersonNode<P>[] {
  return contactPersons(record).map((person) => ({ kind: 'contact', record, person, parent }));
}

/** Makes a client's tree item expandable (collapsed) when the client has contact persons. */
export function withContactPersons(item: vscode.TreeItem, record: CrmRecord): vscode.TreeItem {
  if (hasContactPersons(record)) item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
  return item;
}

/** What a click copies: the e-mail, else the phone. */
function copyText(person: ContactPerson): string | undefined {
  return person.email ?? person.phone;
}

/** The tree item of a contact person; `clientId` is the id of the client's item (ids are unique per tree). */
export function contactPersonTreeItem(record: CrmRecord, person: ContactPerson, clientId: string): vscode.TreeItem {
  const item = new vscode.TreeItem(personName(person), vscode.TreeItemCollapsibleState.None);
  item.id = `${clientId}:contact:${person.index}`;
  if (person.position !== undefined) item.description = person.position;
  item.iconPath = new vscode.ThemeIcon('person');
  item.contextValue = 'plainCrm.contactPerson';
  const lines = [[personName(person), person.position].filter(Boolean).join(', ')];
  if (person.email !== undefined) lines.push(vscode.l10n.t('E-mail: {0}', person.email));
  if (person.phone !== undefined) lines.push(vscode.l10n.t('Phone: {0}', person.phone));
  lines.push(vscode.l10n.t('Contact person of {0}', recordString(record, 'company') ?? recordName(record)));
  const copied = copyText(person);
  if (copied !== undefined) {
    lines.push(vscode.l10n.t('Click to copy {0}', copied));
    item.command = { command: COPY_CONTACT_COMMAND, title: vscode.l10n.t('Copy e-mail or phone'), arguments: [{ file: record.file, index: person.index }] };
  }
  item.tooltip = lines.join('\n');
  return item;
}

/** The person a command was given, looked up again in the store (the node may be older than the file). */
function targetPerson(ctx: FeatureContext, target: CopyContactTarget | undefined): { record: CrmRecord; person: ContactPerson } | undefined {
  if (!target) return undefined;
  const file = 'file' in target ? target.file : target.record?.file;
  const index = 'index' in target ? target.index : target.person?.index;
  const record = file === undefined ? undefined : ctx.store.byFile(file);
  const person = record ? contactPersons(record).find((p) => p.index === index) : undefined;
  return record && person ? { record, person } : undefined;
}

/** Every contact person with something to copy, to choose from when the command has no target. */
async function pickPerson(ctx: FeatureContext): Promise<{ record: CrmRecord; person: ContactPerson } | undefined> {
  const items = ctx.queries.visibleClients().flatMap((record) =>
    contactPersons(record)
      .filter((person) => copyText(person) !== undefined)
      .map((person) => ({ label: personName(person), description: recordString(record, 'company') ?? recordName(record), detail: [person.position, person.email, person.phone].filter(Boolean).join(' · '), record, person })),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No contact person has an e-mail or a phone.'));
    return undefined;
  }
  return vscode.window.showQuickPick(items, { title: vscode.l10n.t('Copy the e-mail or phone of…'), matchOnDescription: true, matchOnDetail: true });
}

export function registerContactPersons(ctx: FeatureContext): vscode.Disposable[] {
  // Returns what was copied (for tests and other extensions), undefined when nothing was.
  const copy = vscode.commands.registerCommand('plainCrm.copyContact', async (target?: CopyContactTarget): Promise<string | undefined> => {
    const found = target === undefined ? await pickPerson(ctx) : targetPerson(ctx, target);
    const text = found ? copyText(found.person) : undefined;
    if (!found || text === undefined) return undefined;
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0} ({1})', text, personName(found.person)), 4000);
    return text;
  });
  return [copy];
}
