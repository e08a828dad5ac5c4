// Record Consent… (issue 18): where a client's consent came from — a form, the contract, paper,
// double opt-in, an import — and when; or that it was not given. The quick fix of `no-consent`
// and `consent-incomplete`; one edit of the consent block, nothing else in the file. A contact
// person's own block (`contacts[i].consent`) when given the person's index.
import * as vscode from 'vscode';
import type { EditOp } from '../../core/edit/recordEdit';
import { contactPersons, personLabel } from '../../core/contactPersons';
import { CONSENT_SOURCES } from '../../core/lint/consentRule';
import { recordName } from '../../core/recordFields';
import { isIsoDate } from '../../core/dates';
import { type ClientTarget, targetClients } from '../clientTarget';
import type { FeatureContext } from '../featureContext';
import { applyRecordOps } from '../recordEdits';
import { registerWriteCommand } from '../trust';

function sourceLabel(source: string): string {
  switch (source) {
    case 'form':
      return vscode.l10n.t('A form on the website');
    case 'contract':
      return vscode.l10n.t('The contract');
    case 'paper':
      return vscode.l10n.t('A signed paper');
    case 'double-opt-in':
      return vscode.l10n.t('Double opt-in (a confirmed e-mail)');
    default:
      return vscode.l10n.t('An import from another system');
  }
}

export function registerRecordConsent(ctx: FeatureContext): vscode.Disposable[] {
  // `contact`: the index of a contact person in `contacts:` (issue 17), whose own consent block is edited.
  const command = registerWriteCommand('plainCrm.recordConsent', async (clicked?: ClientTarget, selected?: unknown, sourceArg?: string | null, dateArg?: string, contact?: number) => {
    const [record] = await targetClients(ctx, clicked, selected, vscode.l10n.t('Record the consent of…'));
    if (!record) return false;
    const person = contact === undefined ? undefined : contactPersons(record).find((p) => p.index === contact);
    if (contact !== undefined && !person) return false;
    const base = person ? ['contacts', person.index, 'consent'] : ['consent'];
    const holder = person ? person.data : record.data;
    let source = sourceArg;
    if (source === undefined) {
      const picked = await vscode.window.showQuickPick(
        [...CONSENT_SOURCES.map((s) => ({ label: sourceLabel(s), description: s, source: s as string | null })), { label: vscode.l10n.t('Not given (processing: false)'), description: '', source: null }],
        { title: vscode.l10n.t('Where did the consent of {0} come from?', person ? personLabel(person, record) : recordName(record)) },
      );
      if (!picked) return false;
      source = picked.source;
    }
    const ops: EditOp[] = [];
    if (source === null) {
      ops.push({ op: 'set', path: [...base, 'processing'], value: false });
    } else {
      const current = holder['consent'] as Record<string, unknown> | undefined;
      const known = typeof current?.['date'] === 'string' && isIsoDate(current['date']) ? current['date'] : ctx.today();
      const date =
        dateArg ??
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('When was it given?'),
          prompt: 'YYYY-MM-DD',
          value: known,
          validateInput: (text) => (isIsoDate(text.trim()) ? undefined : vscode.l10n.t('A date as YYYY-MM-DD')),
        }));
      if (date === undefined) return false;
      if (current?.['processing'] !== true) ops.push({ op: 'set', path: [...base, 'processing'], value: true });
      ops.push({ op: 'set', path: [...base, 'date'], value: date.trim() }, { op: 'set', path: [...base, 'source'], value: source });
    }
    return applyRecordOps(ctx, [record], vscode.l10n.t('Record consent'), () => ops);
  });
  return [command];
}
