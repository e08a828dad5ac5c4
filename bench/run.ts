// `npm run bench`: the figures of PRODUCT.md §5 on generated workspaces, each size measured in a
// fresh child process (so memory and caches of one size do not colour the next), printed as one
// table with the target and, for loading, the raw cost of reading the same bytes.
//
//   npm run bench                      1k, 10k and 50k records
//   npm run bench -- --sizes 1000,10000
//   npm run bench -- --json out.json   the table as JSON too (default bench/results.json)
//   npm run bench:host                 the 10k workspace opened in the real VS Code host
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createComputeContext } from '../src/core/computed';
import { toCsv } from '../src/core/csv';
import { mailingExport } from '../src/core/generate/contactExport';
import { buildReport } from '../src/core/reports/report';
import { LivePipeline } from '../src/core/livePipeline';
import type { CrmRecord } from '../src/core/model';
import { compileQuery } from '../src/core/query';
import { indexInBackground } from '../src/core/search/backgroundIndex';
import { SearchIndex } from '../src/core/search/searchIndex';
import { WorkspaceStore } from '../src/core/store';
import { listTasks } from '../src/core/tasks/tasks';
import { DEFAULT_LABELS, renderDashboard } from '../src/webview/dashboardView';
import { ensureWorkspace } from './generate';

const TODAY = '2026-11-20';
const STRUCTURED_QUERY = 'tag:vip stage:proposal value:>1000';
const TEXT_QUERIES = ['москва', 'лендинг доставка', 'proposal board', 'интернет-магазин', 'Смирнов'];

/** One size's figures, in milliseconds unless the name says otherwise. */
interface Figures {
  records: number;
  floorRead: number;
  ready: number;
  /** Writing the model cache after the cold load (in slices, after `load()` resolved), and its size. */
  cacheWrite: number;
  cacheMb: number;
  /** A load from the model cache with every file unchanged (a stat each), and its longest block. */
  readyWarm: number;
  readyWarmPause: number;
  ftCold: number;
  ftWarm: number;
  /** The longest stretch the main thread was busy while the worker indexed (cold, then warm). */
  ftColdPause: number;
  ftWarmPause: number;
  change: number;
  structured: number;
  structuredMax: number;
  fullText: number;
  fullTextMax: number;
  rssMb: number;
  rssThreadMb?: number;
  rssWarmMb?: number;
  mailing: number;
  mailingRows: number;
  dashboard: number;
  tasks: number;
  taskRows: number;
  lint?: number;
  lintWarm?: number;
  tasksProcess?: number;
  playbooksProcess?: number;
  playbooksWarm?: number;
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** The floor: every file read as UTF-8 text the fastest way Node has (synchronous calls, one buffer). */
function readAll(files: string[]): void {
  let buffer = Buffer.allocUnsafe(1 << 20);
  for (const file of files) {
    const fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    if (size > buffer.length) buffer = Buffer.allocUnsafe(size);
    const length = fs.readSync(fd, buffer, 0, size, 0);
    fs.closeSync(fd);
    buffer.toString('utf8', 0, length);
  }
}

/** Watches the event loop: the longest gap between 1 ms timer ticks is the longest block. */
function watchPauses(): { longest: () => Promise<number> } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  return {
    // One more tick first, so a block that ends the work is counted.
    longest: () => new Promise((resolve) => setTimeout(() => (clearInterval(timer), resolve(longest)), 2)),
  };
}

/**
 * The next start's load: every file unchanged, so the model comes from the cache (plus a stat a
 * file). Its own function, so that second model is garbage before the figures after it.
 */
async function warmLoad(root: string, modelCache: string): Promise<{ readyWarm: number; readyWarmPause: number }> {
  const pauses = watchPauses();
  const store = new WorkspaceStore(root, undefined, { cacheFile: modelCache });
  const start = process.hrtime.bigint();
  await store.load();
  const readyWarm = store.cacheUse?.parsed === 0 ? ms(start) : Number.NaN;
  return { readyWarm, readyWarmPause: await pauses.longest() };
}

/** The index revived from its cache, as the next start does; a second index the process then drops. */
async function warmIndex(index: SearchIndex, clients: CrmRecord[]): Promise<{ ftWarm: number; ftWarmPause: number }> {
  const cache = path.join(os.tmpdir(), `plain-crm-bench-index-${process.pid}.json`);
  fs.writeFileSync(cache, JSON.stringify(index));
  const pauses = watchPauses();
  const start = process.hrtime.bigint();
  const warm = await indexInBackground(cache, clients);
  const ftWarm = warm.source === 'cache' && !warm.stale ? ms(start) : Number.NaN;
  const ftWarmPause = await pauses.longest();
  fs.rmSync(cache, { force: true });
  return { ftWarm, ftWarmPause };
}

async function measure(root: string): Promise<Figures> {
  const files = [...filesUnder(path.join(root, 'clients')), ...filesUnder(path.join(root, 'invoices'))];
  // Once untimed, so the floor and the load below both read from the page cache: a first read
  // from a cold disk measured the disk (10 s at 50k one day, 0.6 s the next), not the code.
  readAll(files);
  let start = process.hrtime.bigint();
  readAll(files);
  const floorRead = ms(start);

  const modelCache = path.join(os.tmpdir(), `plain-crm-bench-model-${process.pid}.bin`);
  fs.rmSync(modelCache, { force: true });
  const store = new WorkspaceStore(root, undefined, { cacheFile: modelCache });
  start = process.hrtime.bigint();
  await store.load();
  const ready = ms(start);
  start = process.hrtime.bigint();
  if (!(await store.cacheWritten())) throw new Error('the model cache was not written');
  const cacheWrite = ms(start);
  const cacheMb = fs.statSync(modelCache).size / 2 ** 20;
  const clients = store.clients({ includeArchived: true });

  const { readyWarm, readyWarmPause } = await warmLoad(root, modelCache);
  fs.rmSync(modelCache, { force: true });

  // As the extension builds it: in a worker, the records sent in batches, the index revived here.
  const pauses = watchPauses();
  start = process.hrtime.bigint();
  const { index, fallback } = await indexInBackground(undefined, clients);
  const ftCold = ms(start);
  const ftColdPause = await pauses.longest();
  if (fallback !== undefined) throw new Error(`the index worker did not run: ${fallback}`);

  const { ftWarm, ftWarmPause } = await warmIndex(index, clients);

  // One record changes on disk: the store re-reads it, the index replaces it, the views'
  // inputs (computed fields' context, pipeline summary) are rebuilt.
  const changed = clients[Math.floor(clients.length / 2)]!;
  const full = path.join(root, changed.file);
  const original = fs.readFileSync(full, 'utf8');
  const changes: number[] = [];
  // The Pipeline view's summary, kept live the way the view keeps it.
  const live = new LivePipeline(store.config, store.config.defaultPipeline, (r) => !r.archived, store.clients());
  live.summary();
  for (let i = 0; i < 21; i++) {
    fs.writeFileSync(full, original.replace(/^last_contact: .*$/m, `last_contact: 2026-11-${String(10 + i).padStart(2, '0')}`));
    start = process.hrtime.bigint();
    await store.updateFile(changed.file);
    const record = store.byFile(changed.file);
    if (record) index.replace(record);
    const all = store.clients({ includeArchived: true });
    createComputeContext(all, store.invoices(), store.config, TODAY);
    live.update([changed.file], (file) => store.byFile(file));
    live.summary();
    changes.push(ms(start));
  }
  fs.writeFileSync(full, original);
  await store.updateFile(changed.file);

  const all = store.clients({ includeArchived: true });
  const ctx = createComputeContext(all, store.invoices(), store.config, TODAY);
  const structuredTimes: number[] = [];
  for (let i = 0; i < 30; i++) {
    start = process.hrtime.bigint();
    const compiled = compileQuery(STRUCTURED_QUERY, ctx);
    if (compiled.ok) compiled.query.run(all);
    structuredTimes.push(ms(start));
  }
  const textMedians: number[] = [];
  for (const query of TEXT_QUERIES) {
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      start = process.hrtime.bigint();
      index.search(query, { limit: 50 });
      times.push(ms(start));
    }
    textMedians.push(median(times));
  }
  // A mailing export of every open client (the largest segment there can be), CSV text included.
  const mailingTimes: number[] = [];
  let mailingRows = 0;
  for (let i = 0; i < 5; i++) {
    start = process.hrtime.bigint();
    const result = mailingExport(store.clients(), store.config);
    toCsv(result.header, result.rows, { bom: true });
    mailingTimes.push(ms(start));
    mailingRows = result.rows.length;
  }
  // The dashboard after a change: a fresh compute context (a change invalidates it), the report
  // over every client, and the page's markup. The markup's size does not grow with the records,
  // so the webview's own work (a few ms of innerHTML) is left out.
  const dashboardTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    start = process.hrtime.bigint();
    const fresh = createComputeContext(all, store.invoices(), store.config, TODAY);
    const report = buildReport(all, store.invoices(), fresh);
    renderDashboard({ report, labels: DEFAULT_LABELS, locale: 'ru-RU', segments: store.segments.map((s) => s.name), filter: { segment: '', from: '', to: '' } });
    dashboardTimes.push(ms(start));
  }
  // The Tasks view's list (and `plain-crm tasks` after loading): every open task and next action, sorted.
  const taskTimes: number[] = [];
  let taskRows = 0;
  for (let i = 0; i < 5; i++) {
    start = process.hrtime.bigint();
    taskRows = listTasks(store.clients(), { today: TODAY }).length;
    taskTimes.push(ms(start));
  }
  return {
    records: clients.length,
    tasks: median(taskTimes),
    taskRows,
    dashboard: median(dashboardTimes),
    mailing: median(mailingTimes),
    mailingRows,
    floorRead,
    ready,
    cacheWrite,
    cacheMb,
    readyWarm,
    readyWarmPause,
    ftCold,
    ftWarm,
    ftColdPause,
    ftWarmPause,
    change: median(changes),
    structured: median(structuredTimes.slice(5)),
    structuredMax: Math.max(...structuredTimes.slice(5)),
    fullText: median(textMedians),
    fullTextMax: Math.max(...textMedians),
    // Replaced by a process that holds only the model and the index (rssProcess).
    rssMb: Number.NaN,
  };
}

/**
 * Peak RSS of a process that only holds what the extension holds: the model loaded, the computed
 * fields' context and the full-text index built (the measuring child also keeps a second, warm
 * index, the serialized cache and every query's garbage, which no user process has at once).
 */
async function holdRss(root: string, how: string): Promise<number> {
  // A warm start: the model and the index from their caches (written by a run before).
  const caches = how === 'warm' ? { model: path.join(os.tmpdir(), `plain-crm-bench-rss-model-${path.basename(root)}.bin`), index: path.join(os.tmpdir(), `plain-crm-bench-rss-index-${path.basename(root)}.json`) } : undefined;
  const store = new WorkspaceStore(root, undefined, caches ? { cacheFile: caches.model } : {});
  await store.load();
  await store.cacheWritten();
  const clients = store.clients({ includeArchived: true });
  // The extension builds the index in a worker (its heap counts while it runs); the CLI on its thread.
  const index = how === 'thread' ? new SearchIndex(clients) : (await indexInBackground(caches?.index, clients)).index;
  const ctx = createComputeContext(clients, store.invoices(), store.config, TODAY);
  compileQuery(STRUCTURED_QUERY, ctx);
  index.search(TEXT_QUERIES[0]!, { limit: 50 });
  return (process.resourceUsage().maxRSS * 1024) / 2 ** 20;
}

function rssProcess(root: string, how: 'worker' | 'thread' | 'warm'): number {
  // The warm start's caches are written by a run of its own first.
  if (how === 'warm') spawnSync(process.execPath, [__filename, '--rss', root, how], { stdio: 'ignore' });
  const child = spawnSync(process.execPath, [__filename, '--rss', root, how], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error('measuring memory failed');
  return Number(child.stdout);
}

/**
 * The generated workspace opened in the real VS Code host (test/integration/run.mjs with the
 * "host at scale" suite): records, index and Problems ready, and the event loop's longest delay.
 */
function hostRun(size: number): void {
  const dir = path.join(os.homedir(), '.cache', 'plain-crm', 'bench', String(size));
  if (ensureWorkspace(dir, size)) console.error(`bench: generated ${size} records (${dir})`);
  const runner = path.join(__dirname, '..', 'test', 'integration', 'run.mjs');
  const env = { ...process.env, PLAIN_CRM_TEST_WORKSPACE: dir, PLAIN_CRM_IT_SCALE: '1', PLAIN_CRM_TEST_GREP: '^host at scale ', PLAIN_CRM_TEST_TIMEOUT: '900' };
  const child = spawnSync(process.execPath, [runner], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 });
  const line = child.stdout.split('\n').find((l) => l.includes('@@plain-crm:scale '));
  if (child.status !== 0 || !line) {
    process.stderr.write(child.stdout);
    throw new Error(`the host run failed (exit ${child.status})`);
  }
  const figures = JSON.parse(line.slice(line.indexOf('{'))) as Record<string, number | string>;
  console.log(`Plain CRM in the VS Code host — ${size.toLocaleString('en-US')} records, ${os.cpus().length} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(22)} ${value}`);
}

/**
 * A whole `plain-crm` process on the workspace, start to exit, through the bin as users run it.
 * Cold: no caches (as in CI on a fresh clone); warm: the model cache in `.crm/.cache/` and the
 * compiled code in ~/.cache/plain-crm written by a run before, every file unchanged.
 */
function cliProcess(root: string, args: string[], cache: 'cold' | 'warm' = 'cold'): number {
  const cli = path.join(__dirname, '..', 'bin', 'plain-crm.js');
  const env = { ...process.env, PLAIN_CRM_NO_CACHE: cache === 'cold' ? '1' : '0' };
  const run = (): ReturnType<typeof spawnSync> =>
    spawnSync(process.execPath, [cli, ...args, '--workspace', root, '--today', TODAY, '--format', 'json'], { stdio: ['ignore', 'ignore', 'pipe'], env });
  if (cache === 'warm') {
    fs.mkdirSync(path.join(root, '.crm'), { recursive: true });
    run();
  }
  const start = process.hrtime.bigint();
  const result = run();
  const elapsed = ms(start);
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} failed: ${result.stderr.toString()}`);
  return elapsed;
}

interface Row {
  label: string;
  value: (f: Figures) => string;
  target: string;
  /** The number held against `limits` (ms, or MB for memory). */
  measured?: (f: Figures) => number | undefined;
  /** The target at 10k and at 50k records (undefined: none at that size). */
  limits?: [number | undefined, number | undefined];
}

const fmtMs = (n: number): string => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 2 : 0)} ms`);

const ROWS: Row[] = [
  { label: 'read the same files (floor)', value: (f) => fmtMs(f.floorRead), target: '—' },
  { label: 'records ready (read + parse + model)', value: (f) => `${fmtMs(f.ready)} (${(f.ready / f.floorRead).toFixed(1)}× floor)`, target: '≤ 0.5 s / 2.5 s', measured: (f) => f.ready, limits: [500, 2500] },
  { label: 'records ready, warm (model cache)', value: (f) => `${fmtMs(f.readyWarm)} (${(f.readyWarm / f.floorRead).toFixed(1)}× floor)`, target: '≤ 0.5 s / 2.5 s', measured: (f) => f.readyWarm, limits: [500, 2500] },
  { label: 'longest main-thread block, warm load', value: (f) => fmtMs(f.readyWarmPause), target: '≤ 50 ms', measured: (f) => f.readyWarmPause, limits: [50, 50] },
  { label: 'model cache: written after a cold load, size', value: (f) => `${fmtMs(f.cacheWrite)}, ${f.cacheMb.toFixed(0)} MB`, target: '—' },
  { label: 'full-text index ready, cold (worker)', value: (f) => fmtMs(f.ftCold), target: '≤ 3 s / 15 s', measured: (f) => f.ftCold, limits: [3000, 15000] },
  { label: 'full-text index ready, warm (cache)', value: (f) => fmtMs(f.ftWarm), target: '≤ 0.5 s / 3 s', measured: (f) => f.ftWarm, limits: [500, 3000] },
  { label: 'longest main-thread block while indexing', value: (f) => `${fmtMs(f.ftColdPause)} cold, ${fmtMs(f.ftWarmPause)} warm`, target: '≤ 50 ms', measured: (f) => Math.max(f.ftColdPause, f.ftWarmPause), limits: [50, 50] },
  { label: 'one file changed → model, index, views', value: (f) => fmtMs(f.change), target: '≤ 5 ms / 10 ms', measured: (f) => f.change, limits: [5, 10] },
  { label: `structured query (${STRUCTURED_QUERY})`, value: (f) => `${fmtMs(f.structured)} (max ${fmtMs(f.structuredMax)})`, target: '≤ 5 ms / 20 ms', measured: (f) => f.structured, limits: [5, 20] },
  { label: 'full-text query, ranked, with snippets', value: (f) => `${fmtMs(f.fullText)} (worst ${fmtMs(f.fullTextMax)})`, target: '≤ 10 ms / 40 ms', measured: (f) => f.fullText, limits: [10, 40] },
  { label: 'mailing export of all clients (CSV)', value: (f) => `${fmtMs(f.mailing)} (${f.mailingRows.toLocaleString('en')} rows)`, target: '≤ 1 s at 50k', measured: (f) => f.mailing, limits: [undefined, 1000] },
  { label: 'dashboard: report + page after a change', value: (f) => fmtMs(f.dashboard), target: '≤ 200 ms at 10k', measured: (f) => f.dashboard, limits: [200, undefined] },
  { label: '`plain-crm lint`, whole process', value: (f) => (f.lint === undefined ? 'n/a' : fmtMs(f.lint)), target: '≤ 2 s / 6 s', measured: (f) => f.lint, limits: [2000, 6000] },
  { label: '`plain-crm lint`, whole process, warm (model cache)', value: (f) => (f.lintWarm === undefined ? 'n/a' : fmtMs(f.lintWarm)), target: '≤ 2 s / 6 s', measured: (f) => f.lintWarm, limits: [2000, 6000] },
  { label: 'tasks: open tasks + next actions, sorted', value: (f) => `${fmtMs(f.tasks)} (${f.taskRows.toLocaleString('en')} rows)`, target: '≤ 200 ms at 10k', measured: (f) => f.tasks, limits: [200, undefined] },
  { label: '`plain-crm tasks`, whole process', value: (f) => (f.tasksProcess === undefined ? 'n/a' : fmtMs(f.tasksProcess)), target: '—' },
  { label: '`plain-crm playbooks run --dry-run`, whole process', value: (f) => (f.playbooksProcess === undefined ? 'n/a' : fmtMs(f.playbooksProcess)), target: '≤ 1 s at 10k', measured: (f) => f.playbooksProcess, limits: [1000, undefined] },
  { label: '`plain-crm playbooks run --dry-run`, warm (model cache)', value: (f) => (f.playbooksWarm === undefined ? 'n/a' : fmtMs(f.playbooksWarm)), target: '≤ 1 s at 10k', measured: (f) => f.playbooksWarm, limits: [1000, undefined] },
  { label: 'peak RSS, model + index (worker, as the extension)', value: (f) => `${f.rssMb.toFixed(0)} MB`, target: '≤ 150 MB / 500 MB', measured: (f) => f.rssMb, limits: [150, 500] },
  { label: 'peak RSS, model + index, warm start (both caches)', value: (f) => (f.rssWarmMb === undefined ? 'n/a' : `${f.rssWarmMb.toFixed(0)} MB`), target: '≤ 150 MB / 500 MB', measured: (f) => f.rssWarmMb, limits: [150, 500] },
  { label: 'peak RSS, model + index (one thread, as the CLI)', value: (f) => (f.rssThreadMb === undefined ? 'n/a' : `${f.rssThreadMb.toFixed(0)} MB`), target: '≤ 150 MB / 500 MB', measured: (f) => f.rssThreadMb, limits: [150, 500] },
];

/** Met (true), missed (false), or no target at this size (undefined). Sizes between take the 10k target. */
function verdict(row: Row, f: Figures): boolean | undefined {
  const limit = f.records >= 50000 ? row.limits?.[1] : f.records >= 10000 ? row.limits?.[0] : undefined;
  const value = row.measured?.(f);
  if (limit === undefined || value === undefined || Number.isNaN(value)) return undefined;
  return value <= limit;
}

function printTable(sizes: number[], figures: Figures[]): void {
  const header = ['figure', ...sizes.map((s) => `${s.toLocaleString('en-US')} records`), 'target (10k / 50k)'];
  const mark = (ok: boolean | undefined): string => (ok === undefined ? '' : ok ? ' ✓' : ' ✗');
  const body = ROWS.map((row) => [row.label, ...figures.map((f) => row.value(f) + mark(verdict(row, f))), row.target]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of body) console.log(line(r));
}

/** The table for scripts: each figure per size with its number, its text and whether it met the target. */
function tableJson(sizes: number[], figures: Figures[]): unknown {
  return {
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '', node: process.version, date: new Date().toISOString().slice(0, 10) },
    sizes,
    figures: ROWS.map((row) => ({
      figure: row.label,
      target: row.target,
      results: Object.fromEntries(
        figures.map((f, i) => [String(sizes[i]), { text: row.value(f), value: row.measured?.(f) ?? null, pass: verdict(row, f) ?? null }]),
      ),
    })),
    raw: figures,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const measureAt = args.indexOf('--measure');
  if (measureAt >= 0) {
    process.stdout.write(JSON.stringify(await measure(args[measureAt + 1]!)));
    return;
  }
  const rssAt = args.indexOf('--rss');
  if (rssAt >= 0) {
    process.stdout.write(String(await holdRss(args[rssAt + 1]!, args[rssAt + 2] ?? 'worker')));
    return;
  }
  const hostAt = args.indexOf('--host');
  if (hostAt >= 0) {
    hostRun(Number(args[hostAt + 1] ?? 10000));
    return;
  }
  const sizesArg = args[args.indexOf('--sizes') + 1];
  const sizes = args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : [1000, 10000, 50000];
  const cacheRoot = path.join(os.homedir(), '.cache', 'plain-crm', 'bench');
  const figures: Figures[] = [];
  for (const size of sizes) {
    const dir = path.join(cacheRoot, String(size));
    const start = process.hrtime.bigint();
    if (ensureWorkspace(dir, size)) console.error(`bench: generated ${size} records in ${fmtMs(ms(start))} (${dir})`);
    const child = spawnSync(process.execPath, ['--max-old-space-size=4096', __filename, '--measure', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (child.status !== 0) throw new Error(`measuring ${size} failed`);
    const f = JSON.parse(child.stdout) as Figures;
    f.rssMb = rssProcess(dir, 'worker');
    f.rssThreadMb = rssProcess(dir, 'thread');
    f.rssWarmMb = rssProcess(dir, 'warm');
    f.lint = cliProcess(dir, ['lint']);
    f.lintWarm = cliProcess(dir, ['lint'], 'warm');
    f.tasksProcess = cliProcess(dir, ['tasks']);
    f.playbooksProcess = cliProcess(dir, ['playbooks', 'run', '--dry-run']);
    f.playbooksWarm = cliProcess(dir, ['playbooks', 'run', '--dry-run'], 'warm');
    figures.push(f);
    console.error(`bench: ${size} measured`);
  }
  console.log(`Plain CRM bench — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  printTable(sizes, figures);
  const jsonAt = args.indexOf('--json');
  const jsonFile = jsonAt >= 0 && args[jsonAt + 1] ? path.resolve(args[jsonAt + 1]!) : path.join(__dirname, '..', 'bench', 'results.json');
  fs.writeFileSync(jsonFile, `${JSON.stringify(tableJson(sizes, figures), null, 2)}\n`);
  console.error(`bench: the table as JSON in ${jsonFile}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});
