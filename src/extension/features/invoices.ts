// Invoices in the editor (PRODUCT.md §4): Create Invoice on a client (services picked from
// `.crm/catalog.yaml` when there is one, then items typed as "description; qty; price", one input
// box each), Render Invoice (HTML + PDF into exports/),
// Mark Invoice Sent / Paid (a paid invoice counts as revenue), and Renumber Invoice, the fix for
// two branches that issued the same number. Files change through WorkspaceEdits: undoable.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { invoicePaidFirings } from '../../core/playbooks/fire';
import { editRecord, isEditError, type EditOp } from '../../core/edit/recordEdit';
import { renderInvoiceHtml } from '../../core/generate/invoiceHtml';
import { catalogCurrency, catalogItem, serviceLine, serviceName, serviceSummary } from '../../core/catalog';
import { parseDecimal, parseItem } from '../../core/generate/invoiceItems';
import { invoiceLanguage } from '../../core/generate/invoiceLabels';
import { nextInvoiceNumber } from '../../core/generate/invoiceNumber';
import { renderInvoicePdf } from '../../core/generate/invoicePdf';
import { draftInvoice, invoiceFile, invoiceRecordText } from '../../core/generate/invoiceRecord';
import type { InvoiceLine } from '../../core/generate/invoiceTotals';
import { invoiceView } from '../../core/generate/invoiceView';
import { invoiceNumber } from '../../core/lint/invoiceNumberRule';
import type { CrmRecord } from '../../core/model';
import { type ClientTarget, targetClients } from '../clientTarget';
import { recordUri } from '../clientItem';
import { editFile } from '../editFile';
import type { FeatureContext } from '../featureContext';
import { pdfFonts } from '../pdfFonts';
import { workspaceFile } from '../workspaceFile';
import { confirmFirings } from '../playbookPrompt';
import { applyRecordOps } from '../recordEdits';
import { registerWriteCommand } from '../trust';

type InvoiceTarget = vscode.Uri | string | undefined;

function relative(ctx: FeatureContext, uri: vscode.Uri): string {
  return workspaceFile(ctx.store.root, uri) ?? uri.fsPath;
}

/** The invoice a command acts on: its file or URI, the active editor's, else one picked. */
async function targetInvoice(ctx: FeatureContext, target: InvoiceTarget): Promise<CrmRecord | undefined> {
  await ctx.ready;
  const file = typeof target === 'string' ? target : target instanceof vscode.Uri ? relative(ctx, target) : vscode.window.activeTextEditor ? relative(ctx, vscode.window.activeTextEditor.document.uri) : undefined;
  const record = file === undefined ? undefined : ctx.store.byFile(file);
  if (record?.kind === 'invoice') return record;
  const picked = await vscode.window.showQuickPick(
    ctx.store.invoices().map((r) => ({ label: invoiceNumber(r) ?? r.id, description: `${String(r.data.client ?? '')} · ${String(r.data.status ?? '')} · ${String(r.data.total ?? '')}`, record: r })),
    { title: vscode.l10n.t('Which invoice?') },
  );
  return picked?.record;
}

/** Services of the catalogue, picked (several at once) with a quantity each; [] without a catalogue or a pick. */
async function pickServices(ctx: FeatureContext, language: 'ru' | 'en'): Promise<InvoiceLine[] | undefined> {
  const catalog = ctx.store.catalog;
  if (catalog.length === 0) return [];
  const picked = await vscode.window.showQuickPick(
    catalog.map((service) => ({ label: serviceName(service, language), description: service.id, detail: serviceSummary(service, ctx.store.config.currency, ctx.locale()), service })),
    { title: vscode.l10n.t('Services from the catalogue'), placeHolder: vscode.l10n.t('Pick services, or none to type the items'), canPickMany: true, matchOnDescription: true },
  );
  if (picked === undefined) return undefined;
  const lines: InvoiceLine[] = [];
  for (const { service, label } of picked) {
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Quantity of {0}', label),
      value: '1',
      validateInput: (value) => ((parseDecimal(value) ?? 0) > 0 ? undefined : vscode.l10n.t('Write a number greater than 0')),
    });
    if (text === undefined) return undefined;
    lines.push(serviceLine(service, parseDecimal(text)!, language));
  }
  return lines;
}

async function askItems(start: readonly InvoiceLine[] = []): Promise<InvoiceLine[] | undefined> {
  const items: InvoiceLine[] = [...start];
  for (;;) {
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Invoice item {0}', items.length + 1),
      prompt: items.length === 0 ? vscode.l10n.t('description; quantity; price; unit (optional)') : vscode.l10n.t('Another item, or Enter on an empty line to finish'),
      placeHolder: vscode.l10n.t('Landing page; 1; 65000'),
      validateInput: (value) => (value.trim() === '' && items.length > 0) || parseItem(value) ? undefined : vscode.l10n.t('Write "description; quantity; price", e.g. "Landing page; 1; 65000"'),
    });
    if (text === undefined) return undefined;
    if (text.trim() === '') return items;
    items.push(parseItem(text)!);
  }
}

function takenNumbers(ctx: FeatureContext): string[] {
  return ctx.store.invoices().map(invoiceNumber).filter((n): n is string => n !== undefined);
}

async function setInvoiceFields(ctx: FeatureContext, invoice: CrmRecord, label: string, ops: EditOp[]): Promise<boolean> {
  const error = await editFile(recordUri(ctx, invoice), label, (text) => {
    const result = editRecord(text, ops, { format: 'md' });
    return isEditError(result) ? { ok: false, error: result.error } : { ok: true, edits: result.edits };
  });
  if (error !== undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not changed: {1}', invoice.file, error));
    return false;
  }
  const document = await vscode.workspace.openTextDocument(recordUri(ctx, invoice));
  await ctx.store.updateFile(invoice.file, document.getText());
  return true;
}

export function registerInvoices(ctx: FeatureContext): vscode.Disposable[] {
  const root = (): vscode.Uri => vscode.Uri.file(ctx.store.root);

  const create = registerWriteCommand('plainCrm.createInvoice', async (clicked?: ClientTarget, selected?: unknown, typedItems?: string[]) => {
    await ctx.ready;
    const [client] = await targetClients(ctx, clicked, Array.isArray(selected) ? selected : undefined, vscode.l10n.t('Invoice which client?'));
    if (!client) return undefined;
    const language = invoiceLanguage(ctx.locale());
    const services = Array.isArray(typedItems) ? [] : await pickServices(ctx, language);
    if (services === undefined) return undefined;
    // Typed items (tests, other extensions) may name a catalogue service as `id[:qty]`, as the CLI's --item does.
    const items = Array.isArray(typedItems)
      ? typedItems.map((text) => catalogItem(text, ctx.store.catalog, language) ?? parseItem(text)).filter((i): i is InvoiceLine => i !== undefined)
      : await askItems(services);
    if (!items || items.length === 0) return undefined;
    const priced = catalogCurrency(items, ctx.store.catalog, undefined);
    if ('error' in priced) {
      void vscode.window.showErrorMessage(priced.error);
      return undefined;
    }
    const draft = draftInvoice({ client, items, date: ctx.today(), ...(priced.currency !== undefined && { currency: priced.currency }) }, ctx.store.config, takenNumbers(ctx));
    const file = invoiceFile(ctx.store.config, draft);
    const uri = vscode.Uri.joinPath(root(), file);
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: Buffer.from(invoiceRecordText(draft, ctx.store.config, ctx.locale()), 'utf8') });
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not create {0}.', file));
      return undefined;
    }
    await ctx.store.updateFile(file);
    await vscode.window.showTextDocument(uri);
    return file;
  });

  const render = registerWriteCommand('plainCrm.renderInvoice', async (target?: InvoiceTarget) => {
    const invoice = await targetInvoice(ctx, target);
    if (!invoice) return undefined;
    const client = typeof invoice.data.client === 'string' ? ctx.store.get(invoice.data.client) : undefined;
    const view = invoiceView(invoice, client, ctx.store.config, ctx.locale());
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Rendering {0}…', view.number) }, async () => {
      let template: string | undefined;
      try {
        template = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root(), '.crm', 'templates', 'invoice.html')));
      } catch {
        template = undefined;
      }
      let html: string;
      try {
        html = renderInvoiceHtml(view, template);
      } catch (error) {
        void vscode.window.showErrorMessage(`.crm/templates/invoice.html: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      }
      const pdf = await renderInvoicePdf(view, await pdfFonts(ctx));
      const base = vscode.Uri.joinPath(root(), ctx.store.config.folders.exports, 'invoices', path.basename(invoice.file, '.md'));
      const htmlUri = base.with({ path: `${base.path}.html` });
      const pdfUri = base.with({ path: `${base.path}.pdf` });
      await vscode.workspace.fs.writeFile(htmlUri, new TextEncoder().encode(html));
      await vscode.workspace.fs.writeFile(pdfUri, pdf);
      const openPdf = vscode.l10n.t('Open PDF');
      const openHtml = vscode.l10n.t('Open HTML');
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is in {1}.', view.number, relative(ctx, htmlUri).replace(/[^/]+$/, '')), openPdf, openHtml).then((choice) => {
        if (choice === openPdf) void vscode.env.openExternal(pdfUri);
        if (choice === openHtml) void vscode.env.openExternal(htmlUri);
      });
      return [relative(ctx, htmlUri), relative(ctx, pdfUri)];
    });
  });

  const markSent = registerWriteCommand('plainCrm.markInvoiceSent', async (target?: InvoiceTarget) => {
    const invoice = await targetInvoice(ctx, target);
    if (!invoice) return false;
    const ops: EditOp[] = [{ op: 'set', path: ['status'], value: 'sent' }];
    if (invoice.data.paid_on !== undefined) ops.push({ op: 'remove', path: ['paid_on'] });
    return setInvoiceFields(ctx, invoice, vscode.l10n.t('Mark invoice sent'), ops);
  });

  const markPaid = registerWriteCommand('plainCrm.markInvoicePaid', async (target?: InvoiceTarget, on?: string) => {
    const invoice = await targetInvoice(ctx, target);
    if (!invoice) return false;
    // The payment's rules (invoice_paid, orders: N) see the client before it, asked about first.
    const client = typeof invoice.data.client === 'string' ? ctx.store.get(invoice.data.client) : undefined;
    const firings = client?.kind === 'client' ? invoicePaidFirings(ctx.store.playbooks, invoice, client, ctx.queries.computeContext()) : [];
    const withPlaybooks = await confirmFirings(firings, 1);
    if (withPlaybooks === undefined) return false;
    const paid = await setInvoiceFields(ctx, invoice, vscode.l10n.t('Mark invoice paid'), [
      { op: 'set', path: ['status'], value: 'paid' },
      { op: 'set', path: ['paid_on'], value: typeof on === 'string' ? on : ctx.today() },
    ]);
    if (!paid || !client || !withPlaybooks || firings.length === 0) return paid;
    return applyRecordOps(ctx, [client], vscode.l10n.t('Mark invoice paid'), () => firings.flatMap((f) => f.ops));
  });

  const renumber = registerWriteCommand('plainCrm.renumberInvoice', async (target?: InvoiceTarget) => {
    const invoice = await targetInvoice(ctx, target);
    if (!invoice) return undefined;
    const date = typeof invoice.data.date === 'string' && /^\d{4}-/.test(invoice.data.date) ? invoice.data.date : ctx.today();
    const number = nextInvoiceNumber(ctx.store.config.invoices.number_format, Number(date.slice(0, 4)), takenNumbers(ctx));
    if (!(await setInvoiceFields(ctx, invoice, vscode.l10n.t('Renumber invoice'), [{ op: 'set', path: ['number'], value: number }]))) return undefined;
    // The file follows its number when it was named after the old one.
    const target2 = invoiceFile(ctx.store.config, { number, date });
    if (path.basename(invoice.file, '.md').toUpperCase() === (invoiceNumber(invoice) ?? '') && target2 !== invoice.file) {
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(recordUri(ctx, invoice), vscode.Uri.joinPath(root(), target2), { overwrite: false });
      if (await vscode.workspace.applyEdit(edit)) await ctx.store.updateFiles([target2], [invoice.file]);
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is now {1}.', invoiceNumber(invoice) ?? invoice.file, number));
    return number;
  });

  return [create, render, markSent, markPaid, renumber];
}
