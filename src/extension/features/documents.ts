// Generate Document… and Compose Message… (issue 16): a template of `.crm/templates/` (or a
// bundled one) filled from the client's record. A document is previewed in a webview (strict CSP:
// no script), then saved as `documents/YYYY/…md` with its HTML and PDF pages and a line in the client's
// log — one edit, one Undo, never over an existing file. A message goes to the clipboard or a mail
// draft in the user's own mail client; Plain CRM sends nothing, and logs the contact when told so.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { logContactOps } from '../../core/actions/recordActions';
import { editRecord, isEditError } from '../../core/edit/recordEdit';
import { slugify } from '../../core/actions/newClient';
import { toCsv } from '../../core/csv';
import type { CrmRecord, Segment } from '../../core/model';
import { recordName } from '../../core/recordFields';
import { bundledTemplates, templateLanguage } from '../../core/templates/bundled';
import { documentFile, documentLogLine, documentText } from '../../core/templates/document';
import { documentHtml } from '../../core/templates/documentHtml';
import { renderDocumentPdf } from '../../core/templates/documentPdf';
import { segmentMessages } from '../../core/templates/segmentMessages';
import { parseTemplate, renderTemplate, type Template, type TemplateKind, TEMPLATES_FOLDER } from '../../core/templates/template';
import { recordUri } from '../clientItem';
import { type ClientTarget, targetClients } from '../clientTarget';
import type { FeatureContext } from '../featureContext';
import { summaryText } from './exportSegment';
import { pdfFonts } from '../pdfFonts';
import { applyRecordOps } from '../recordEdits';
import { userSettings } from '../settings';
import { registerWriteCommand } from '../trust';

/** The workspace's templates of `kind`, then the bundled ones it does not override. */
function loadTemplates(ctx: FeatureContext, kind: TemplateKind): Template[] {
  const lang = templateLanguage(ctx.store.config.locale);
  const folder = path.join(ctx.store.root, TEMPLATES_FOLDER);
  const texts = new Map<string, string>(Object.entries(bundledTemplates(lang)));
  if (fs.existsSync(folder)) for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.md'))) texts.set(file, fs.readFileSync(path.join(folder, file), 'utf8'));
  const out: Template[] = [];
  for (const [file, text] of texts) {
    const { template, problems } = parseTemplate(`${TEMPLATES_FOLDER}/${file}`, text);
    if (template && template.meta.kind === kind) out.push(template);
    else if (problems.length > 0) ctx.output().appendLine(`${TEMPLATES_FOLDER}/${file}:${problems[0]!.line}:${problems[0]!.column}: ${problems[0]!.message}`);
  }
  return out.sort((a, b) => a.meta.title.localeCompare(b.meta.title));
}

async function pickTemplate(ctx: FeatureContext, kind: TemplateKind, id: string | undefined): Promise<Template | undefined> {
  const templates = loadTemplates(ctx, kind);
  if (id !== undefined) return templates.find((t) => t.id === id);
  const picked = await vscode.window.showQuickPick(
    templates.map((template) => ({ label: template.meta.title, description: template.id, template })),
    { title: kind === 'document' ? vscode.l10n.t('Which document?') : vscode.l10n.t('Which message?') },
  );
  return picked?.template;
}

/** The invoice a template speaks of: the given number, else one of the client's, picked (paid first). */
async function pickInvoice(ctx: FeatureContext, template: Template, client: CrmRecord, number: string | undefined): Promise<CrmRecord | undefined | null> {
  if (!/\{\{[#^/]?\s*invoice\./.test(template.body + (template.meta.subject ?? ''))) return undefined;
  const invoices = ctx.store.invoices().filter((i) => i.data.client === client.id);
  if (number !== undefined) return invoices.find((i) => i.data.number === number) ?? null;
  const order = (i: CrmRecord): number => (i.data.status === 'paid' ? 0 : i.data.status === 'sent' ? 1 : 2);
  const picked = await vscode.window.showQuickPick(
    [...invoices].sort((a, b) => order(a) - order(b)).map((invoice) => ({ label: String(invoice.data.number ?? invoice.id), description: [invoice.data.date, invoice.data.status, invoice.data.total].filter(Boolean).join(' · '), invoice })),
    { title: vscode.l10n.t('For which invoice of {0}?', recordName(client)) },
  );
  return picked ? picked.invoice : null;
}

function previewPanel(title: string, html: string): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel('plainCrm.documentPreview', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false, localResourceRoots: [] });
  panel.webview.html = html;
  return panel;
}

/** The invoice a command was invoked on: its URI or path, or the active editor's. */
function invoiceOf(ctx: FeatureContext, clicked: ClientTarget): CrmRecord | undefined {
  const uri = clicked instanceof vscode.Uri ? clicked : clicked === undefined ? vscode.window.activeTextEditor?.document.uri : undefined;
  const file = typeof clicked === 'string' ? clicked : uri ? path.relative(ctx.store.root, uri.fsPath).split(path.sep).join('/') : undefined;
  const record = file === undefined ? undefined : ctx.store.byFile(file);
  return record?.kind === 'invoice' ? record : undefined;
}

export interface DocumentsHandle {
  /** The open preview, if any (tests read its HTML). */
  preview?: vscode.WebviewPanel | undefined;
}

export function registerDocuments(ctx: FeatureContext): vscode.Disposable[] {
  const handle: DocumentsHandle = {};
  ctx.exports.documents = handle;

  const generate = registerWriteCommand('plainCrm.generateDocument', async (clicked?: ClientTarget, selected?: unknown, templateArg?: string, invoiceArg?: string, confirmed?: boolean) => {
    // On an invoice (its file, or the active editor): the act for it, for its client.
    const invoiceTarget = invoiceOf(ctx, clicked);
    const [client] = invoiceTarget ? [ctx.store.get(String(invoiceTarget.data.client))].filter((r): r is CrmRecord => r !== undefined) : await targetClients(ctx, clicked, selected, vscode.l10n.t('A document for…'));
    if (!client) return undefined;
    if (invoiceTarget) {
      templateArg ??= 'act';
      invoiceArg ??= typeof invoiceTarget.data.number === 'string' ? invoiceTarget.data.number : invoiceTarget.id;
    }
    const template = await pickTemplate(ctx, 'document', templateArg);
    if (!template) return undefined;
    const invoice = await pickInvoice(ctx, template, client, invoiceArg);
    if (invoice === null) return undefined;
    const input = { client, config: ctx.store.config, today: ctx.today(), ...(invoice && { invoice }) };
    const markdown = renderTemplate(template, input);
    const html = documentHtml(template.meta.title, renderTemplate(template, input, true).text, template.meta.lang);
    handle.preview?.dispose();
    handle.preview = previewPanel(`${template.meta.title}: ${recordName(client)}`, html);
    const root = ctx.store.root;
    const file = documentFile(client, template, ctx.today(), (f) => fs.existsSync(path.join(root, f)));
    if (confirmed !== true) {
      const save = vscode.l10n.t('Save');
      const detail = markdown.missing.length > 0 ? vscode.l10n.t('No value for {0}: marked in the text.', markdown.missing.join(', ')) : file;
      if ((await vscode.window.showInformationMessage(vscode.l10n.t('Save {0}?', file), { modal: true, detail }, save)) !== save) return undefined;
    }
    // The document, its page and the client's log line: one edit, one Undo.
    const edit = new vscode.WorkspaceEdit();
    const uri = vscode.Uri.file(path.join(root, file));
    edit.createFile(uri, { overwrite: false, contents: Buffer.from(documentText(template, markdown.text, client, ctx.today(), invoice), 'utf8') });
    edit.createFile(vscode.Uri.file(path.join(root, file.replace(/\.md$/, '.html'))), { overwrite: false, contents: Buffer.from(html, 'utf8') });
    if (template.meta.output.includes('pdf')) {
      const pdf = await renderDocumentPdf(markdown.text, template.meta.title, await pdfFonts(ctx));
      edit.createFile(vscode.Uri.file(path.join(root, file.replace(/\.md$/, '.pdf'))), { overwrite: false, contents: pdf });
    }
    const clientDoc = await vscode.workspace.openTextDocument(recordUri(ctx, client));
    const wasDirty = clientDoc.isDirty;
    const logged = editRecord(clientDoc.getText(), [{ op: 'log', line: documentLogLine(template, file, ctx.today()) }], { format: client.format });
    if (!isEditError(logged)) for (const e of logged.edits) edit.replace(clientDoc.uri, new vscode.Range(clientDoc.positionAt(e.offset), clientDoc.positionAt(e.offset + e.length)), e.newText);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not create {0}.', file));
      return undefined;
    }
    // Saved unless it held unsaved work of the user's before.
    if (!wasDirty) await clientDoc.save();
    await ctx.store.updateFile(client.file, clientDoc.getText());
    return file;
  });

  const compose = registerWriteCommand('plainCrm.composeMessage', async (clicked?: ClientTarget, selected?: unknown, templateArg?: string, actionArg?: 'copy' | 'draft', sentArg?: boolean, invoiceArg?: string) => {
    const [client] = await targetClients(ctx, clicked, selected, vscode.l10n.t('A message for…'));
    if (!client) return undefined;
    const template = await pickTemplate(ctx, 'message', templateArg);
    if (!template) return undefined;
    const invoice = await pickInvoice(ctx, template, client, invoiceArg);
    if (invoice === null) return undefined;
    const rendered = renderTemplate(template, { client, config: ctx.store.config, today: ctx.today(), ...(invoice && { invoice }) });
    const email = typeof client.data.email === 'string' ? client.data.email.trim() : '';
    let action = actionArg;
    if (action === undefined) {
      const items: (vscode.QuickPickItem & { action: 'copy' | 'draft' })[] = [{ label: vscode.l10n.t('$(copy) Copy to Clipboard'), action: 'copy' }];
      if (email !== '') items.push({ label: vscode.l10n.t('$(mail) Open a Mail Draft'), description: email, action: 'draft' });
      const picked = await vscode.window.showQuickPick(items, { title: `${template.meta.title}: ${recordName(client)}`, placeHolder: rendered.text.split('\n').find((l) => l.trim() !== '') ?? '' });
      if (!picked) return undefined;
      action = picked.action;
    }
    if (action === 'draft' && email !== '') {
      const query = `subject=${encodeURIComponent(rendered.subject ?? template.meta.title)}&body=${encodeURIComponent(rendered.text)}`;
      await vscode.env.openExternal(vscode.Uri.parse(`mailto:${encodeURIComponent(email)}?${query}`, true));
    } else {
      await vscode.env.clipboard.writeText(rendered.subject !== undefined && template.meta.channel === 'email' ? `${rendered.subject}\n\n${rendered.text}` : rendered.text);
    }
    if (rendered.missing.length > 0) void vscode.window.showWarningMessage(vscode.l10n.t('No value for {0}: marked in the text.', rendered.missing.join(', ')));
    // Nothing is sent by Plain CRM: the contact is logged when the user says it went out.
    const logIt = vscode.l10n.t('Log Contact');
    const sent = sentArg ?? (await vscode.window.showInformationMessage(vscode.l10n.t('Sent «{0}» to {1}? Log the contact.', template.meta.title, recordName(client)), logIt)) === logIt;
    if (sent) await applyRecordOps(ctx, [client], vscode.l10n.t('Log contact'), () => logContactOps(template.meta.channel === 'email' ? 'email' : 'message', template.meta.title, ctx.today()));
    return rendered.text;
  });

  // A segment's messages as a CSV for a mailing service: one row per client the export allows.
  const forSegment = registerWriteCommand('plainCrm.composeSegmentMessages', async (node?: { segment?: Segment }, _selected?: unknown, templateArg?: string, overwrite?: boolean) => {
    let segment = node?.segment;
    if (!segment) {
      const picked = await vscode.window.showQuickPick(ctx.store.segments.map((s) => ({ label: s.name, description: s.query, segment: s })), { title: vscode.l10n.t('Messages for which segment?') });
      segment = picked?.segment;
    }
    if (!segment) return undefined;
    const template = await pickTemplate(ctx, 'message', templateArg);
    if (!template) return undefined;
    const matched = ctx.queries.segmentClients(segment);
    if ('error' in matched) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Segment "{0}": {1}', segment.name, matched.error));
      return undefined;
    }
    const messages = segmentMessages(template, matched.records, ctx.store.config, ctx.today(), (id) => ctx.store.get(id));
    const file = `${ctx.store.config.folders.exports}/messages-${template.id}-${slugify(segment.name)}-${ctx.today()}.csv`;
    const uri = vscode.Uri.file(path.join(ctx.store.root, file));
    if (fs.existsSync(uri.fsPath) && overwrite !== true && userSettings().confirmReplaceExport) {
      const replace = vscode.l10n.t('Replace');
      if ((await vscode.window.showWarningMessage(vscode.l10n.t('{0} exists. Replace it?', file), { modal: true }, replace)) !== replace) return undefined;
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(toCsv(messages.header, messages.rows, { bom: true })));
    const missing = messages.missing.length > 0 ? ` ${vscode.l10n.t('No value for {0}: marked in the text.', messages.missing.join(', '))}` : '';
    void vscode.window.showInformationMessage(`${file}: ${summaryText(messages.summary)}${missing}`);
    return file;
  });

  // The bundled templates into .crm/templates/ for editing; files already there are kept.
  const addTemplates = registerWriteCommand('plainCrm.addTemplates', async (langArg?: 'ru' | 'en') => {
    const lang = langArg ?? templateLanguage(ctx.store.config.locale);
    const edit = new vscode.WorkspaceEdit();
    const added: string[] = [];
    for (const [file, text] of Object.entries(bundledTemplates(lang))) {
      const uri = vscode.Uri.file(path.join(ctx.store.root, TEMPLATES_FOLDER, file));
      if (fs.existsSync(uri.fsPath)) continue;
      edit.createFile(uri, { overwrite: false, contents: Buffer.from(text, 'utf8') });
      added.push(file);
    }
    if (added.length > 0 && !(await vscode.workspace.applyEdit(edit))) return [];
    void vscode.window.showInformationMessage(added.length > 0 ? vscode.l10n.t('Added {0} templates to {1}.', added.length, TEMPLATES_FOLDER) : vscode.l10n.t('{0} already has every bundled template.', TEMPLATES_FOLDER));
    return added;
  });

  return [generate, compose, forSegment, addTemplates, new vscode.Disposable(() => handle.preview?.dispose())];
}
