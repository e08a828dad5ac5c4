// Time tracking (issue 19): Log Time… writes `- 2026-11-24 1h30m What was done #deal` under the
// client's `## Log`; a status-bar stopwatch (Start Timer / Stop Timer) writes the same line when it
// stops, rounded up to 5 minutes; Invoice Unbilled Time… turns the client's unbilled lines into a
// draft invoice and marks them ` → INV-…`, the new file and the marks in one WorkspaceEdit.
import * as vscode from 'vscode';
import { recordDeals } from '../../core/deals';
import { editRecord, isEditError } from '../../core/edit/recordEdit';
import { draftInvoice, invoiceFile, invoiceRecordText } from '../../core/generate/invoiceRecord';
import { invoiceNumber } from '../../core/lint/invoiceNumberRule';
import type { CrmRecord } from '../../core/model';
import { recordName } from '../../core/recordFields';
import { markBilledOps, planTimeInvoice, type TimeItemsMode } from '../../core/time/timeInvoice';
import { logTimeOps } from '../../core/time/timeEdit';
import { formatHours, listTime, MAX_LINE_MINUTES, parseDuration } from '../../core/time/timeLog';
import { recordUri } from '../clientItem';
import { type ClientTarget, targetClients } from '../clientTarget';
import type { FeatureContext } from '../featureContext';
import { applyRecordOps } from '../recordEdits';
import { registerWriteCommand } from '../trust';

const TIMER_KEY = 'plainCrm.timer';
const ROUND_TO = 5;

interface RunningTimer {
  file: string;
  /** Date.now() when it started. */
  started: number;
}

/** `#deal` for a client with deals in `deals:`: one pick, "no tag" first; undefined when cancelled. */
async function askTag(client: CrmRecord): Promise<string | null | undefined> {
  const deals = recordDeals(client).flatMap((d) => (d.deal ? [d.deal] : []));
  if (deals.length === 0) return null;
  const picked = await vscode.window.showQuickPick(
    [{ label: vscode.l10n.t('No tag'), tag: null as string | null }, ...deals.map((d) => ({ label: `#${d.id}`, description: d.title ?? '', tag: d.id as string | null }))],
    { title: vscode.l10n.t('Which deal was it for?') },
  );
  return picked === undefined ? undefined : picked.tag;
}

export function registerTimeTracking(ctx: FeatureContext): vscode.Disposable[] {
  let status: vscode.StatusBarItem | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  const running = (): RunningTimer | undefined => ctx.extension.workspaceState.get<RunningTimer>(TIMER_KEY);

  const showTimer = (): void => {
    const timer = running();
    void vscode.commands.executeCommand('setContext', 'plainCrm.timerRunning', timer !== undefined);
    if (!timer) {
      status?.hide();
      if (ticker) clearInterval(ticker);
      ticker = undefined;
      return;
    }
    status ??= vscode.window.createStatusBarItem('plainCrm.timer', vscode.StatusBarAlignment.Left, 10);
    const record = ctx.store.byFile(timer.file);
    const minutes = Math.floor((Date.now() - timer.started) / 60_000);
    status.name = vscode.l10n.t('Plain CRM timer');
    status.text = `$(clock) ${formatHours(minutes)} ${record ? recordName(record) : timer.file}`;
    status.tooltip = vscode.l10n.t('Stop the timer and log the time');
    status.command = 'plainCrm.stopTimer';
    status.show();
    ticker ??= setInterval(showTimer, 15_000);
  };

  /** Writes the time line; the line written, or undefined when refused or cancelled. */
  const writeTime = async (client: CrmRecord, duration: string | number, textArg: string | undefined, tagArg: string | null | undefined, date: string): Promise<string | undefined> => {
    const text = textArg ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('What was done? ({0})', recordName(client)), prompt: vscode.l10n.t('One line for the log; a #tag names a deal or a service') }));
    if (text === undefined) return undefined;
    const tag = tagArg !== undefined ? tagArg : /(?:^|\s)#\S/.test(text) ? null : await askTag(client);
    if (tag === undefined) return undefined;
    const planned = logTimeOps({ date, duration, text, ...(tag !== null && { tag }) });
    if (!planned.ok) {
      void vscode.window.showErrorMessage(planned.error);
      return undefined;
    }
    return (await applyRecordOps(ctx, [client], vscode.l10n.t('Log time'), () => planned.ops)) ? planned.line : undefined;
  };

  const logTime = registerWriteCommand(
    'plainCrm.logTime',
    async (clicked?: ClientTarget, selected?: unknown, durationArg?: string, textArg?: string, tagArg?: string | null, dateArg?: string) => {
      await ctx.ready;
      const [client] = await targetClients(ctx, clicked, selected, vscode.l10n.t('Log time for which client?'));
      if (!client) return undefined;
      const duration =
        durationArg ??
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('Time spent on {0}', recordName(client)),
          prompt: vscode.l10n.t('2h30m, 1.5h or 45m'),
          validateInput: (value) => (parseDuration(value.trim().toLowerCase()) === undefined ? vscode.l10n.t('Write a duration like 2h30m, 1.5h or 45m (up to 24h)') : undefined),
        }));
      if (duration === undefined) return undefined;
      return writeTime(client, duration, textArg, tagArg, dateArg ?? ctx.today());
    },
  );

  const start = registerWriteCommand('plainCrm.startTimer', async (clicked?: ClientTarget, selected?: unknown) => {
    await ctx.ready;
    const current = running();
    if (current) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The timer is already running for {0}; stop it first.', ctx.store.byFile(current.file) ? recordName(ctx.store.byFile(current.file)!) : current.file));
      return false;
    }
    const [client] = await targetClients(ctx, clicked, selected, vscode.l10n.t('Start the timer for which client?'));
    if (!client) return false;
    await ctx.extension.workspaceState.update(TIMER_KEY, { file: client.file, started: Date.now() } satisfies RunningTimer);
    showTimer();
    return true;
  });

  const stop = registerWriteCommand('plainCrm.stopTimer', async (textArg?: string, tagArg?: string | null) => {
    await ctx.ready;
    const timer = running();
    if (!timer) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No timer is running.'));
      return undefined;
    }
    const client = ctx.store.byFile(timer.file);
    const elapsed = Math.ceil((Date.now() - timer.started) / 60_000 / ROUND_TO) * ROUND_TO;
    const minutes = Math.min(MAX_LINE_MINUTES, Math.max(ROUND_TO, elapsed));
    if (!client || client.kind !== 'client') {
      await ctx.extension.workspaceState.update(TIMER_KEY, undefined);
      showTimer();
      void vscode.window.showWarningMessage(vscode.l10n.t('The timer stopped: {0} is no longer a client record.', timer.file));
      return undefined;
    }
    // Cancelled: the timer keeps running.
    const line = await writeTime(client, minutes, textArg, tagArg, ctx.today());
    if (line === undefined) return undefined;
    await ctx.extension.workspaceState.update(TIMER_KEY, undefined);
    showTimer();
    return line;
  });

  const invoice = registerWriteCommand('plainCrm.invoiceTime', async (clicked?: ClientTarget, selected?: unknown, options?: { month?: string; mode?: TimeItemsMode }) => {
    await ctx.ready;
    const [client] = await targetClients(ctx, clicked, selected, vscode.l10n.t('Invoice whose time?'));
    if (!client) return undefined;
    const open = listTime([client], { client: client.id, unbilled: true });
    if (open.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to bill: {0} has no unbilled time.', recordName(client)));
      return undefined;
    }
    let month = options?.month;
    let mode = options?.mode;
    if (!options) {
      const months = [...new Set(open.map((i) => i.date.slice(0, 7)))];
      const minutesIn = (prefix: string): number => open.filter((i) => i.date.startsWith(prefix)).reduce((sum, i) => sum + i.minutes, 0);
      const pickedMonth = await vscode.window.showQuickPick(
        [{ label: vscode.l10n.t('All unbilled time'), description: vscode.l10n.t('{0} h', formatHours(minutesIn(''))), month: undefined as string | undefined }, ...months.map((m) => ({ label: m, description: vscode.l10n.t('{0} h', formatHours(minutesIn(`${m}-`))), month: m as string | undefined }))],
        { title: vscode.l10n.t('Invoice which time of {0}?', recordName(client)) },
      );
      if (!pickedMonth) return undefined;
      month = pickedMonth.month;
      const pickedMode = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('One item per service'), description: vscode.l10n.t('the #tag: a deal or a service'), mode: 'per-service' as TimeItemsMode },
          { label: vscode.l10n.t('One item per line'), mode: 'per-line' as TimeItemsMode },
        ],
        { title: vscode.l10n.t('Invoice items') },
      );
      if (!pickedMode) return undefined;
      mode = pickedMode.mode;
    }
    const recordDoc = await vscode.workspace.openTextDocument(recordUri(ctx, client));
    const text = recordDoc.getText();
    const planned = planTimeInvoice(client, text, { config: ctx.store.config, locale: ctx.locale(), ...(month !== undefined && { month }), ...(mode !== undefined && { mode }) });
    if (!planned.ok || !planned.plan) {
      if (planned.ok) void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to bill: {0} has no unbilled time.', recordName(client)));
      else void vscode.window.showErrorMessage(planned.error);
      return undefined;
    }
    const taken = ctx.store.invoices().map(invoiceNumber).filter((n): n is string => n !== undefined);
    const draft = draftInvoice({ client, items: planned.plan.items, date: ctx.today() }, ctx.store.config, taken);
    const marked = editRecord(text, markBilledOps(planned.plan, draft.number), { format: client.format });
    if (isEditError(marked)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not changed: {1}', client.file, marked.error));
      return undefined;
    }
    const file = invoiceFile(ctx.store.config, draft);
    const uri = vscode.Uri.joinPath(vscode.Uri.file(ctx.store.root), file);
    // One edit, one undo step: the invoice appears and the lines are marked, or neither.
    const edit = new vscode.WorkspaceEdit();
    const metadata: vscode.WorkspaceEditEntryMetadata = { label: vscode.l10n.t('Invoice unbilled time'), needsConfirmation: false };
    edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: Buffer.from(invoiceRecordText(draft, ctx.store.config, ctx.locale()), 'utf8') }, metadata);
    for (const e of marked.edits) edit.replace(recordDoc.uri, new vscode.Range(recordDoc.positionAt(e.offset), recordDoc.positionAt(e.offset + e.length)), e.newText, metadata);
    const wasDirty = recordDoc.isDirty;
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not create {0}.', file));
      return undefined;
    }
    if (!wasDirty && recordDoc.isDirty) await recordDoc.save();
    await ctx.store.updateFile(client.file, recordDoc.getText());
    await ctx.store.updateFile(file);
    await vscode.window.showTextDocument(uri);
    return file;
  });

  showTimer();
  void ctx.ready.then(showTimer, () => undefined);
  return [logTime, start, stop, invoice, { dispose: () => (ticker ? clearInterval(ticker) : undefined) }, { dispose: () => status?.dispose() }];
}
