// "Open Dashboard": the report (core/reports) as a webview (src/webview). The page has a strict CSP
// (no inline script or style; one nonce), its script and stylesheet come from the extension, and
// every record value is escaped by the view. The filter (segment, created from/to) survives a
// reload through the webview state and the panel serializer; the page follows every change of the
// records. With a `plan:` in the config it shows this month's plan against actual; with time
// logged, this month's hours, the unbilled ones and the effective rate. Clicking a bar (or Enter
// on it) lists those clients in a quick pick that opens them.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { CrmRecord } from '../../core/model';
import { formatMoney } from '../../core/money';
import { recordName, recordStage, recordValue } from '../../core/recordFields';
import { withPlan } from '../../core/reports/plan';
import { buildReport, type ReportOptions, type ReportSlice, sliceClients } from '../../core/reports/report';
import { DEFAULT_LABELS, type DashboardFilter, type DashboardInput, type DashboardLabels } from '../../webview/dashboardView';
import { recordUri } from '../clientItem';
import type { FeatureContext } from '../featureContext';

export const DASHBOARD_VIEW_TYPE = 'plainCrm.dashboard';
const SLICES = new Set<ReportSlice>(['stage', 'source', 'owner', 'planOwner', 'lostReason', 'month', 'won', 'stale', 'open', 'unpaid', 'overdue', 'campaigns']);

/** For tests and other extensions: the open dashboard, what its page last rendered, its filter. */
export interface DashboardHandle {
  readonly panel: vscode.WebviewPanel;
  /** Texts the page's DOM showed after its last render (headings, cards, bars' labels). */
  rendered(): Promise<Record<string, string[]>>;
  setFilter(filter: Partial<DashboardFilter>): Promise<Record<string, string[]>>;
  /** The files behind a bar, as the quick pick lists them. */
  clientsOf(kind: ReportSlice, key: string): string[];
}

function labels(): DashboardLabels {
  return {
    title: vscode.l10n.t('Plain CRM dashboard'),
    clients: vscode.l10n.t('Clients'),
    wonDeals: vscode.l10n.t('Won deals'),
    averageDeal: vscode.l10n.t('Average deal'),
    daysToDeal: vscode.l10n.t('Days to a deal (median)'),
    stale: vscode.l10n.t('Stale'),
    unpaid: vscode.l10n.t('Unpaid invoices'),
    overdue: vscode.l10n.t('Overdue invoices'),
    forecast: vscode.l10n.t('Forecast'),
    funnel: vscode.l10n.t('Funnel'),
    reached: vscode.l10n.t('reached'),
    conversion: vscode.l10n.t('to next stage'),
    lostHere: vscode.l10n.t('lost here'),
    months: vscode.l10n.t('Won and paid by month'),
    campaigns: vscode.l10n.t('Campaigns by month'),
    recipients: vscode.l10n.t('recipients'),
    won: vscode.l10n.t('won'),
    paid: vscode.l10n.t('paid'),
    sources: vscode.l10n.t('By source'),
    owners: vscode.l10n.t('By owner'),
    lostReasons: vscode.l10n.t('Lost reasons'),
    winRate: vscode.l10n.t('win rate'),
    none: vscode.l10n.t('none'),
    noData: vscode.l10n.t('No data for this filter.'),
    segment: vscode.l10n.t('Clients'),
    allClients: vscode.l10n.t('All clients'),
    from: vscode.l10n.t('Created from'),
    to: vscode.l10n.t('to'),
    otherCurrency: vscode.l10n.t('In another currency (counted, not summed): {0}'),
    outsideFunnel: vscode.l10n.t('Not in the funnel (unknown stage or another pipeline): {0}'),
    showClients: vscode.l10n.t('Show the clients'),
    planTitle: vscode.l10n.t('This month: plan against actual'),
    planRevenue: vscode.l10n.t('Revenue'),
    planWon: vscode.l10n.t('Won: {0} of {1}'),
    planDeals: vscode.l10n.t('Deals won / plan'),
    planPaid: vscode.l10n.t('Paid this month'),
    ownerForecast: vscode.l10n.t('forecast {0}'),
    time: vscode.l10n.t('Time'),
    hours: vscode.l10n.t('{0} h'),
    hoursThisMonth: vscode.l10n.t('Hours this month'),
    unbilledHours: vscode.l10n.t('Unbilled hours'),
    rateThisMonth: vscode.l10n.t('Effective rate this month'),
    perHour: vscode.l10n.t('{0}/h'),
  } satisfies Record<keyof typeof DEFAULT_LABELS, string>;
}

function pageHtml(webview: vscode.Webview, extension: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extension, 'dist', 'webview', 'dashboard.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extension, 'media', 'dashboard.css'));
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${webview.cspSource} data:`, `font-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${vscode.l10n.t('Plain CRM dashboard').replace(/[<&]/g, '')}</title>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

const EMPTY_FILTER: DashboardFilter = { segment: '', from: '', to: '' };

function cleanFilter(value: unknown): DashboardFilter {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const date = (d: unknown): string => (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : '');
  return { segment: typeof v['segment'] === 'string' ? v['segment'] : '', from: date(v['from']), to: date(v['to']) };
}

export function registerDashboard(ctx: FeatureContext): vscode.Disposable[] {
  let current: DashboardHandle | undefined;

  const attach = (panel: vscode.WebviewPanel, initial: DashboardFilter): DashboardHandle => {
    const extension = ctx.extension.extensionUri;
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extension, 'dist', 'webview'), vscode.Uri.joinPath(extension, 'media')] };
    panel.iconPath = vscode.Uri.joinPath(extension, 'media', 'plain-crm.svg');
    let filter = initial;
    let ready = false;
    let lastDom: Record<string, string[]> | undefined;
    let waiters: ((dom: Record<string, string[]>) => void)[] = [];

    /** The segment's clients (all when none), or the error of a segment whose query is broken. */
    const population = (): { records: CrmRecord[]; error?: string } => {
      const all = ctx.store.clients({ includeArchived: true });
      if (filter.segment === '') return { records: all };
      const segment = ctx.store.segments.find((s) => s.name === filter.segment);
      if (!segment) return { records: all };
      const matched = ctx.queries.segmentClients(segment);
      return 'error' in matched ? { records: [], error: vscode.l10n.t('Segment "{0}": {1}', segment.name, matched.error) } : matched;
    };
    const options = (): ReportOptions => ({ ...(filter.from ? { from: filter.from } : {}), ...(filter.to ? { to: filter.to } : {}) });
    const post = (): void => {
      if (!ready) return;
      const { records, error } = population();
      const compute = ctx.queries.computeContext();
      const input: DashboardInput = {
        report: withPlan(buildReport(records, ctx.store.invoices(), compute, { ...options(), campaigns: ctx.store.campaigns() }), records, ctx.store.invoices(), compute, options()),
        labels: labels(),
        locale: ctx.locale(),
        segments: ctx.store.segments.map((s) => s.name),
        filter,
        ...(error !== undefined ? { error } : {}),
      };
      void panel.webview.postMessage({ type: 'render', input });
    };
    const nextRender = (): Promise<Record<string, string[]>> => new Promise((resolve) => waiters.push(resolve));
    const clientsOf = (kind: ReportSlice, key: string): CrmRecord[] => sliceClients(population().records, ctx.store.invoices(), ctx.queries.computeContext(), kind, key, { ...options(), campaigns: ctx.store.campaigns() });

    const showClients = async (kind: ReportSlice, key: string): Promise<void> => {
      const records = clientsOf(kind, key);
      const locale = ctx.locale();
      const picked = await vscode.window.showQuickPick(
        records.map((record) => {
          const value = recordValue(record);
          return { label: recordName(record), description: [recordStage(record, ctx.store.config), value === undefined ? '' : formatMoney(value, ctx.store.config.currency, locale)].filter(Boolean).join(' · '), detail: record.file, record };
        }),
        { title: vscode.l10n.t('{0} clients', records.length), matchOnDescription: true, matchOnDetail: true },
      );
      if (picked) await vscode.window.showTextDocument(recordUri(ctx, picked.record));
    };

    let timer: NodeJS.Timeout | undefined;
    const disposables: vscode.Disposable[] = [
      panel.webview.onDidReceiveMessage((message: { type?: string; state?: { filter?: unknown }; filter?: unknown; kind?: unknown; key?: unknown; dom?: Record<string, string[]> }) => {
        if (message.type === 'ready') {
          ready = true;
          if (message.state?.filter !== undefined) filter = cleanFilter(message.state.filter);
          post();
        } else if (message.type === 'filter') {
          filter = cleanFilter(message.filter);
          post();
        } else if (message.type === 'showClients' && typeof message.kind === 'string' && SLICES.has(message.kind as ReportSlice)) {
          void showClients(message.kind as ReportSlice, typeof message.key === 'string' ? message.key : '');
        } else if (message.type === 'rendered' && message.dom) {
          lastDom = message.dom;
          const done = waiters;
          waiters = [];
          for (const resolve of done) resolve(message.dom);
        }
      }),
      // Live: a burst of file changes (a git pull) redraws once.
      new vscode.Disposable(
        ctx.store.onDidChange(() => {
          clearTimeout(timer);
          timer = setTimeout(() => panel.visible && post(), 250);
        }),
      ),
      panel.onDidChangeViewState(() => panel.visible && post()),
    ];
    const handle: DashboardHandle = {
      panel,
      rendered: () => (lastDom ? Promise.resolve(lastDom) : nextRender()),
      setFilter: (next) => {
        filter = cleanFilter({ ...filter, ...next });
        const rendered = nextRender();
        post();
        return rendered;
      },
      clientsOf: (kind, key) => clientsOf(kind, key).map((r) => r.file),
    };
    panel.onDidDispose(() => {
      clearTimeout(timer);
      for (const d of disposables) d.dispose();
      if (current === handle) current = undefined;
      ctx.exports.dashboard = undefined;
    });
    panel.webview.html = pageHtml(panel.webview, extension);
    current = handle;
    ctx.exports.dashboard = handle;
    return handle;
  };

  return [
    vscode.commands.registerCommand('plainCrm.openDashboard', async () => {
      await ctx.ready;
      if (current) {
        current.panel.reveal();
        return;
      }
      attach(vscode.window.createWebviewPanel(DASHBOARD_VIEW_TYPE, vscode.l10n.t('Plain CRM dashboard'), vscode.ViewColumn.Active, { enableScripts: true }), EMPTY_FILTER);
    }),
    // After a reload VS Code recreates the panel; the page's saved state brings the filter back.
    vscode.window.registerWebviewPanelSerializer(DASHBOARD_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        await ctx.ready;
        attach(panel, cleanFilter((state as { filter?: unknown } | undefined)?.filter));
      },
    }),
  ];
}
