// Quick fixes for Plain CRM diagnostics (PRODUCT.md §4): the fix sits on the problem, one Ctrl+.
// away. Stale and overdue clients get the pipeline commands (log contact, snooze, next action,
// mark as lost); a duplicate opens the other record; an unknown stage offers the configured ones,
// the likeliest first; a secret can be removed. Edits are WorkspaceEdits: previewable, undoable.
import * as vscode from 'vscode';
import { personAt } from '../../core/contactPersons';
import { editRecord, isEditError, type TextEdit } from '../../core/edit/recordEdit';
import { dealPath, hasDealList, recordDeals } from '../../core/deals';
import { secretRemovalEdits, stageSuggestions } from '../../core/lint/fixes';
import { fileLocator } from '../../core/lint/locate';
import { missingFieldPath, missingFieldRule, typedFieldValue } from '../../core/lint/missingFieldRule';
import type { FieldPath } from '../../core/parse/positions';
import { formatOf } from '../../core/parse/recordText';
import { recordName, recordPipeline } from '../../core/recordFields';
import type { FeatureContext } from '../featureContext';
import { applyRecordOps } from '../recordEdits';
import { registerWriteCommand } from '../trust';
import { workspaceFile } from '../workspaceFile';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

const ADD_MISSING_FIELD = 'plainCrm.addMissingField';

/** How many configured stages "Change stage to…" offers. */
const STAGE_FIXES = 3;

function workspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.newText);
  return edit;
}

export class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly ctx: FeatureContext) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    // Restricted Mode: the problems are shown, but nothing offers to change the files.
    if (!vscode.workspace.isTrusted) return [];
    const file = workspaceFile(this.ctx.store.root, document.uri);
    if (file === undefined) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      try {
        actions.push(...this.fixesFor(document, file, diagnostic));
      } catch (error) {
        // One broken fix must not hide the others (VS Code drops a provider that throws).
        this.ctx.output().appendLine(`quick fixes for ${String(diagnostic.code)} in ${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
    return actions;
  }

  private command(title: string, diagnostic: vscode.Diagnostic, command: string, args: unknown[], preferred = false): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.command = { title, command, arguments: args };
    action.isPreferred = preferred;
    return action;
  }

  private fixesFor(document: vscode.TextDocument, file: string, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
    switch (diagnostic.code) {
      case 'stale':
      case 'overdue-action': {
        const target = this.dealTarget(document, file, diagnostic);
        return [
          this.command(vscode.l10n.t('Log contact today…'), diagnostic, 'plainCrm.logContact', [target], true),
          this.command(vscode.l10n.t('Snooze 7 days'), diagnostic, 'plainCrm.snoozeClient', [target]),
          this.command(vscode.l10n.t('Set next action…'), diagnostic, 'plainCrm.setNextAction', [target]),
          this.command(vscode.l10n.t('Mark as lost…'), diagnostic, 'plainCrm.markLost', [target]),
        ];
      }
      case 'duplicate':
      case 'possible-duplicate':
        return (diagnostic.relatedInformation ?? []).flatMap((info) => {
          const other = workspaceFile(this.ctx.store.root, info.location.uri) ?? info.location.uri.fsPath;
          const open = this.command(vscode.l10n.t('Open the duplicate: {0}', other), diagnostic, 'vscode.open', [info.location.uri, { selection: info.location.range }]);
          // Merging records cures two records of one client, not a contact person (a nested key,
          // never in column 0) who is also someone else's contact or a client of their own.
          if (diagnostic.range.start.character > 0 || info.location.range.start.character > 0) return [open];
          return [open, this.command(vscode.l10n.t('Merge {0} into this record (archives it)', other), diagnostic, 'plainCrm.mergeDuplicates', [file, other])];
        });
      case 'overdue-task': {
        const task = { file, line: diagnostic.range.start.line + 1 };
        return [
          this.command(vscode.l10n.t('Complete the task'), diagnostic, 'plainCrm.completeTask', [task], true),
          this.command(vscode.l10n.t('Reschedule the task…'), diagnostic, 'plainCrm.rescheduleTask', [task]),
        ];
      }
      case 'no-consent':
      case 'consent-incomplete': {
        // On a contact person's key (issue 17): their own consent block.
        const record = this.ctx.store.byFile(file);
        const start = diagnostic.range.start;
        const person = record && start.character > 0 ? personAt(document.getText(), record, start.line + 1, start.character + 1, ['consent', 'email', 'phone']) : undefined;
        const args = person ? [file, undefined, undefined, undefined, person.index] : [file];
        return [this.command(vscode.l10n.t('Record where the consent came from…'), diagnostic, 'plainCrm.recordConsent', args, true)];
      }
      case 'no-next-step': {
        const target = this.dealTarget(document, file, diagnostic, ['stage']);
        return [
          this.command(vscode.l10n.t('Set next action…'), diagnostic, 'plainCrm.setNextAction', [target], true),
          this.command(vscode.l10n.t('Add a task…'), diagnostic, 'plainCrm.addTask', [target]),
          this.command(vscode.l10n.t('Mark as lost…'), diagnostic, 'plainCrm.markLost', [target]),
        ];
      }
      case 'missing-field':
        return this.missingFieldFixes(document, file, diagnostic);
      case 'invoice-number-collision':
        return [this.command(vscode.l10n.t('Renumber this invoice'), diagnostic, 'plainCrm.renumberInvoice', [file], true)];
      case 'unknown-stage':
        return this.stageFixes(document, file, diagnostic);
      case 'secret':
        return this.secretFixes(document, file, diagnostic);
      default:
        return [];
    }
  }

  /**
   * The file, with the deal's index when the problem sits inside one deal of `deals:` (an overdue
   * deal's `next_action`), so the fix acts on that deal instead of asking which.
   */
  private dealTarget(document: vscode.TextDocument, file: string, diagnostic: vscode.Diagnostic, key: FieldPath = ['next_action', 'date']): string | { file: string; deal: number } {
    const record = this.ctx.store.byFile(file);
    if (!record || !hasDealList(record)) return file;
    const locator = fileLocator(file, document.getText());
    const line = diagnostic.range.start.line + 1;
    const deal = recordDeals(record).find((d) => d.deal && locator.at({ path: [...dealPath(d), ...key] }).start.line === line);
    return deal?.deal ? { file, deal: deal.deal.index } : file;
  }

  private stageFixes(document: vscode.TextDocument, file: string, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
    const record = this.ctx.store.byFile(file);
    const { config } = this.ctx.store;
    const stages = record ? (config.pipelines[recordPipeline(record, config)] ?? config.stages) : config.stages;
    const typed = typeof record?.data.stage === 'string' ? record.data.stage : '';
    const format = formatOf(file) ?? 'md';
    return stageSuggestions(typed, stages)
      .slice(0, STAGE_FIXES)
      .flatMap((stage, index) => {
        const result = editRecord(document.getText(), [{ op: 'set', path: ['stage'], value: stage.id }], { format });
        if (isEditError(result)) return [];
        const label = stage.label && stage.label !== stage.id ? `${stage.label} (${stage.id})` : stage.id;
        const action = new vscode.CodeAction(vscode.l10n.t('Change stage to {0}', label), vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.edit = workspaceEdit(document, result.edits);
        action.isPreferred = index === 0;
        return [action];
      });
  }

  /** "Add <field>…" for the finding of the rule behind this diagnostic (same line, same message). */
  private missingFieldFixes(document: vscode.TextDocument, file: string, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
    const record = this.ctx.store.byFile(file);
    if (!record) return [];
    const locator = fileLocator(file, document.getText());
    const findings = missingFieldRule.checkRecord!(record, { store: this.ctx.store, config: this.ctx.store.config, today: this.ctx.today() });
    return findings
      .filter((f) => f.message === diagnostic.message && 'path' in f && locator.at(f).start.line === diagnostic.range.start.line + 1)
      .map((f) => {
        const field = String(f.data?.['field']);
        const path = missingFieldPath(field, f.data?.['deal'] as FieldPath | undefined);
        return this.command(vscode.l10n.t('Add {0}…', field), diagnostic, ADD_MISSING_FIELD, [file, path], true);
      });
  }

  private secretFixes(document: vscode.TextDocument, file: string, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
    const edits = secretRemovalEdits(document.getText(), formatOf(file) ?? 'md', diagnostic.range.start.line + 1);
    if (!edits) return [];
    const action = new vscode.CodeAction(vscode.l10n.t('Remove the secret from this record'), vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.edit = workspaceEdit(document, edits);
    return [action];
  }
}

export function registerQuickFixes(ctx: FeatureContext): vscode.Disposable[] {
  const selector: vscode.DocumentSelector = [
    { scheme: 'file', language: 'markdown' },
    { scheme: 'file', language: 'yaml' },
  ];
  return [
    vscode.languages.registerCodeActionsProvider(selector, new QuickFixProvider(ctx), { providedCodeActionKinds: QuickFixProvider.kinds }),
    registerWriteCommand('plainCrm.addMissingField', (file: string, path: FieldPath, valueArg?: string) => addMissingField(ctx, file, path, valueArg)),
  ];
}

/** The quick fix of `missing-field`: asks for the value (`valueArg` skips the question) and sets it. */
async function addMissingField(ctx: FeatureContext, file: string, path: FieldPath, valueArg?: string): Promise<boolean> {
  const record = ctx.store.byFile(file);
  if (!record || !Array.isArray(path) || path.length === 0) return false;
  const field = path.filter((key) => typeof key === 'string' && key !== 'deals').join('.');
  const text =
    valueArg ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('{0} of {1}', field, recordName(record)),
      prompt: vscode.l10n.t('The value to add'),
      validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('Type a value, or press Escape') : undefined),
    }));
  if (text === undefined || text.trim() === '') return false;
  return applyRecordOps(ctx, [record], vscode.l10n.t('Add {0}', field), () => [{ op: 'set', path, value: typedFieldValue(String(path[path.length - 1]), text) }]);
}
