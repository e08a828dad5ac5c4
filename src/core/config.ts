// Config defaults and resolution of `.crm/config.yaml` (PRODUCT.md §9). Every key is optional;
// a malformed value falls back to its default with a `schema` problem rather than failing the load.
import { t } from './i18n';
import type { CrmConfig, Folders, MonthPlan, ProblemCode, ScoringBand, ScoringRule, Severity, StageDef } from './model';
import { parseQuery } from './query/parser';
import { isMapping as isPlainObject } from './recordFields';
import { DEFAULT_SEVERITY, PROBLEM_CODES } from './model';

export const CONFIG_FILE = '.crm/config.yaml';
export const SEGMENTS_FILE = '.crm/segments.yaml';
export const DEFAULT_INVOICE_NUMBER_FORMAT = 'INV-{YYYY}-{NNNN}';

const DEFAULT_STAGE_IDS = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;

const DEFAULT_FOLDERS: Folders = {
  clients: 'clients',
  invoices: 'invoices',
  exports: 'exports',
  archive: 'clients/archive',
  documents: 'documents',
  campaigns: 'campaigns',
};

/** A problem found while resolving the config: the dotted key path and what was wrong. */
export interface ConfigIssue {
  path: string[];
  message: string;
}

function stageFromId(id: string): StageDef {
  const stage: StageDef = { id, label: id, closed: false };
  if (id === 'won' || id === 'lost') {
    stage.closed = true;
    stage.outcome = id;
  }
  return stage;
}

export function defaultConfig(): CrmConfig {
  const stages = DEFAULT_STAGE_IDS.map(stageFromId);
  return {
    stages,
    pipelines: { sales: stages },
    defaultPipeline: 'sales',
    stale: { default: 30 },
    currency: 'RUB',
    phone_region: 'RU',
    lifecycle: { active_days: 180, sleeping_days: 365 },
    seller: {},
    exports: { mailing: { columns: ['email', 'first_name', 'last_name', 'company', 'tags'] } },
    invoices: { number_format: DEFAULT_INVOICE_NUMBER_FORMAT, due_days: 14, tax: 0, amount_in_words: false },
    log: { on_stage_change: true },
    folders: { ...DEFAULT_FOLDERS },
    lint: {},
    scoring: [],
    scoring_bands: [...DEFAULT_SCORING_BANDS],
    required: {},
    next_step_grace_days: 3,
    mailing: { min_days_between: 0 },
    raw: {},
  };
}

/** cold below 30, warm from 30, hot from 60: used when scoring has no bands of its own. */
export const DEFAULT_SCORING_BANDS: readonly ScoringBand[] = [
  { name: 'cold', min: 0 },
  { name: 'warm', min: 30 },
  { name: 'hot', min: 60 },
];

/** Fields a scoring rule cannot use: they are what the rules compute. */
const SCORE_FIELDS = /(?:^|[\s(-])(?:score|band)\s*:/i;

function parseScoring(raw: unknown, issues: ConfigIssue[]): ScoringRule[] {
  if (!Array.isArray(raw)) {
    issues.push({ path: ['scoring'], message: t('expected a list of rules like {query: "source:referral", points: 20}') });
    return [];
  }
  const rules: ScoringRule[] = [];
  raw.forEach((rule: unknown, i) => {
    const path = ['scoring', String(i)];
    if (!isPlainObject(rule) || typeof rule['query'] !== 'string' || rule['query'].trim() === '') {
      issues.push({ path, message: t('a scoring rule needs a query (text) and points (a number)') });
      return;
    }
    const points = rule['points'];
    if (typeof points !== 'number' || !Number.isFinite(points)) {
      issues.push({ path: [...path, 'points'], message: t('points must be a number, like 20 or -10') });
      return;
    }
    const query = rule['query'];
    const parsed = parseQuery(query);
    if (!parsed.ok) {
      issues.push({ path: [...path, 'query'], message: t('the query does not parse: column {0}: expected {1}', parsed.error.column, parsed.error.expected) });
      return;
    }
    if (SCORE_FIELDS.test(query)) {
      issues.push({ path: [...path, 'query'], message: t('a scoring rule cannot use score or band: they are what the rules compute') });
      return;
    }
    rules.push({ query, points });
  });
  return rules;
}

function parseBands(raw: unknown, issues: ConfigIssue[]): ScoringBand[] | undefined {
  if (!isPlainObject(raw)) {
    issues.push({ path: ['scoring_bands'], message: t('expected a mapping of band name to its lowest score, like {cold: 0, warm: 30, hot: 60}') });
    return undefined;
  }
  const bands: ScoringBand[] = [];
  for (const [name, min] of Object.entries(raw)) {
    if (typeof min !== 'number' || !Number.isFinite(min)) issues.push({ path: ['scoring_bands', name], message: t('expected the lowest score of the band, a number') });
    else bands.push({ name, min });
  }
  return bands.length > 0 ? bands.sort((a, b) => a.min - b.min) : undefined;
}


const PLAN_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const isAmount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/**
 * `plan: {YYYY-MM: {revenue, deals, by_owner: {email: revenue}}}`. A bad month key, amount or
 * count is an issue at its path and is left out; the rest of the month still counts.
 */
function parsePlan(raw: unknown, issues: ConfigIssue[]): Record<string, MonthPlan> | undefined {
  if (!isPlainObject(raw)) {
    issues.push({ path: ['plan'], message: t('expected a mapping of month (YYYY-MM) to {revenue, deals, by_owner}') });
    return undefined;
  }
  const plan: Record<string, MonthPlan> = {};
  for (const [month, entry] of Object.entries(raw)) {
    const path = ['plan', month];
    if (!PLAN_MONTH.test(month)) {
      issues.push({ path, message: t('a plan month is written YYYY-MM, like 2026-11') });
      continue;
    }
    if (!isPlainObject(entry)) {
      issues.push({ path, message: t('expected {revenue, deals, by_owner} for the month') });
      continue;
    }
    const target: MonthPlan = { by_owner: {} };
    const { revenue, deals, by_owner: byOwner } = entry;
    if (isAmount(revenue)) target.revenue = revenue;
    else if (revenue !== undefined && revenue !== null) issues.push({ path: [...path, 'revenue'], message: t('expected an amount of money, 0 or more') });
    if (isAmount(deals) && Number.isInteger(deals)) target.deals = deals;
    else if (deals !== undefined && deals !== null) issues.push({ path: [...path, 'deals'], message: t('expected a whole number of deals, 0 or more') });
    if (isPlainObject(byOwner)) {
      for (const [owner, amount] of Object.entries(byOwner)) {
        if (isAmount(amount) && owner.trim() !== '') target.by_owner[owner.trim().toLowerCase()] = amount;
        else issues.push({ path: [...path, 'by_owner', owner], message: t('expected an amount of money, 0 or more') });
      }
    } else if (byOwner !== undefined && byOwner !== null) issues.push({ path: [...path, 'by_owner'], message: t('expected a mapping of owner email to revenue') });
    plan[month] = target;
  }
  const months = Object.keys(plan).sort();
  return months.length > 0 ? Object.fromEntries(months.map((m) => [m, plan[m]!])) : undefined;
}

function parseStage(value: unknown, path: string[], issues: ConfigIssue[]): StageDef | undefined {
  if (typeof value === 'string' && value.trim() !== '') return stageFromId(value.trim());
  if (isPlainObject(value) && typeof value['id'] === 'string' && value['id'].trim() !== '') {
    const stage = stageFromId(value['id'].trim());
    if (typeof value['label'] === 'string') stage.label = value['label'];
    const probability = value['probability'];
    if (typeof probability === 'number' && probability >= 0 && probability <= 1) {
      stage.probability = probability;
    } else if (probability !== undefined) {
      issues.push({ path: [...path, 'probability'], message: t('probability must be a number from 0 to 1') });
    }
    const outcome = value['outcome'];
    if (outcome === 'won' || outcome === 'lost') {
      stage.outcome = outcome;
      stage.closed = true;
    }
    if (typeof value['closed'] === 'boolean') stage.closed = value['closed'];
    if (!stage.closed) delete stage.outcome;
    return stage;
  }
  issues.push({ path, message: t('a stage is a string id or an object with an `id`') });
  return undefined;
}

function parseStageList(value: unknown, path: string[], issues: ConfigIssue[]): StageDef[] | undefined {
  if (!Array.isArray(value)) {
    issues.push({ path, message: t('expected a list of stages') });
    return undefined;
  }
  const stages: StageDef[] = [];
  const seen = new Set<string>();
  value.forEach((item, i) => {
    const stage = parseStage(item, [...path, String(i)], issues);
    if (!stage) return;
    if (seen.has(stage.id)) {
      issues.push({ path: [...path, String(i)], message: t('stage "{0}" is listed twice', stage.id) });
      return;
    }
    seen.add(stage.id);
    stages.push(stage);
  });
  return stages.length > 0 ? stages : undefined;
}

function positiveInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Turns the parsed `.crm/config.yaml` into a complete config. Type errors in known keys become
 * issues and the default is kept; unknown keys are the schema validator's business.
 */
export function resolveConfig(raw: unknown): { config: CrmConfig; issues: ConfigIssue[] } {
  const config = defaultConfig();
  const issues: ConfigIssue[] = [];
  if (raw === undefined || raw === null) return { config, issues };
  if (!isPlainObject(raw)) {
    issues.push({ path: [], message: t('the config must be a mapping of keys') });
    return { config, issues };
  }
  config.raw = raw;

  if (raw['stages'] !== undefined) {
    const stages = parseStageList(raw['stages'], ['stages'], issues);
    if (stages) config.stages = stages;
  }
  config.pipelines = { sales: config.stages };
  if (raw['pipelines'] !== undefined) {
    if (isPlainObject(raw['pipelines'])) {
      const pipelines: Record<string, StageDef[]> = {};
      for (const [name, list] of Object.entries(raw['pipelines'])) {
        const stages = parseStageList(list, ['pipelines', name], issues);
        if (stages) pipelines[name] = stages;
      }
      const names = Object.keys(pipelines);
      const first = names[0];
      if (first !== undefined) {
        config.pipelines = pipelines;
        config.defaultPipeline = first;
        // Without a top-level `stages:` the default pipeline's stages are the stages.
        if (raw['stages'] === undefined) config.stages = pipelines[first] ?? config.stages;
      }
    } else {
      issues.push({ path: ['pipelines'], message: t('expected a mapping of pipeline name to stages') });
    }
  }

  const stale = raw['stale'];
  if (stale !== undefined) {
    if (isPlainObject(stale)) {
      for (const [key, days] of Object.entries(stale)) {
        const n = positiveInt(days);
        if (n === undefined) issues.push({ path: ['stale', key], message: t('expected a whole number of days') });
        else config.stale[key] = n;
      }
    } else {
      issues.push({ path: ['stale'], message: t('expected a mapping of stage to days') });
    }
  }

  const currency = str(raw['currency']);
  if (currency) config.currency = currency.toUpperCase();
  else if (raw['currency'] !== undefined) issues.push({ path: ['currency'], message: t('expected a currency code like RUB') });
  const region = str(raw['phone_region']);
  if (region) config.phone_region = region.toUpperCase();
  const locale = str(raw['locale']);
  if (locale) config.locale = locale;

  const lifecycle = raw['lifecycle'];
  if (isPlainObject(lifecycle)) {
    const active = positiveInt(lifecycle['active_days']);
    const sleeping = positiveInt(lifecycle['sleeping_days']);
    if (active !== undefined) config.lifecycle.active_days = active;
    if (sleeping !== undefined) config.lifecycle.sleeping_days = sleeping;
  }

  if (isPlainObject(raw['seller'])) {
    for (const [key, value] of Object.entries(raw['seller'])) {
      if (typeof value === 'string' || typeof value === 'number') {
        (config.seller as Record<string, string>)[key] = String(value);
      }
    }
  }

  const exportsCfg = raw['exports'];
  if (isPlainObject(exportsCfg) && isPlainObject(exportsCfg['mailing'])) {
    const columns = exportsCfg['mailing']['columns'];
    if (Array.isArray(columns) && columns.every((c) => typeof c === 'string') && columns.length > 0) {
      config.exports.mailing.columns = columns as string[];
    }
  }

  const invoices = raw['invoices'];
  if (isPlainObject(invoices)) {
    const format = invoices['number_format'];
    if (typeof format === 'string' && /\{N+\}/.test(format)) config.invoices.number_format = format;
    else if (format !== undefined) issues.push({ path: ['invoices', 'number_format'], message: t('expected a pattern with a sequence like {NNNN}, e.g. INV-{YYYY}-{NNNN}') });
    const due = invoices['due_days'];
    if (typeof due === 'number' && Number.isInteger(due) && due >= 0) config.invoices.due_days = due;
    const tax = invoices['tax'];
    if (typeof tax === 'number' && tax >= 0 && tax <= 100) config.invoices.tax = tax;
    if (typeof invoices['amount_in_words'] === 'boolean') config.invoices.amount_in_words = invoices['amount_in_words'];
  }

  const log = raw['log'];
  if (isPlainObject(log) && typeof log['on_stage_change'] === 'boolean') {
    config.log.on_stage_change = log['on_stage_change'];
  }

  const folders = raw['folders'];
  if (isPlainObject(folders)) {
    for (const key of Object.keys(DEFAULT_FOLDERS) as (keyof Folders)[]) {
      const value = str(folders[key]);
      if (value) config.folders[key] = normalizeFolder(value);
    }
  }

  if (raw['scoring'] !== undefined && raw['scoring'] !== null) config.scoring = parseScoring(raw['scoring'], issues);
  if (raw['scoring_bands'] !== undefined && raw['scoring_bands'] !== null) config.scoring_bands = parseBands(raw['scoring_bands'], issues) ?? config.scoring_bands;

  const required = raw['required'];
  if (isPlainObject(required)) {
    for (const [stage, fields] of Object.entries(required)) {
      if (Array.isArray(fields) && fields.every((f) => typeof f === 'string' && f.trim() !== '')) config.required[stage] = fields.map((f: string) => f.trim());
      else issues.push({ path: ['required', stage], message: t('expected a list of field names') });
    }
  } else if (required !== undefined && required !== null) issues.push({ path: ['required'], message: t('expected a mapping of stage to a list of field names') });
  const rate = raw['hourly_rate'];
  if (typeof rate === 'number' && Number.isFinite(rate) && rate >= 0) config.hourly_rate = rate;
  else if (rate !== undefined && rate !== null) issues.push({ path: ['hourly_rate'], message: t('expected a number: the price of an hour') });
  if (raw['plan'] !== undefined && raw['plan'] !== null) {
    const plan = parsePlan(raw['plan'], issues);
    if (plan) config.plan = plan;
  }
  const grace = raw['next_step_grace_days'];
  if (typeof grace === 'number' && Number.isInteger(grace) && grace >= 0) config.next_step_grace_days = grace;
  const mailing = raw['mailing'];
  if (isPlainObject(mailing)) {
    const days = mailing['min_days_between'];
    if (typeof days === 'number' && Number.isInteger(days) && days >= 0) config.mailing.min_days_between = days;
  }

  const lint = raw['lint'];
  if (isPlainObject(lint)) {
    for (const [code, level] of Object.entries(lint)) {
      if (!(PROBLEM_CODES as readonly string[]).includes(code)) {
        issues.push({ path: ['lint', code], message: t('unknown problem code "{0}"', code) });
      } else if (level === 'error' || level === 'warning' || level === 'info' || level === 'off') {
        config.lint[code as ProblemCode] = level;
      } else {
        issues.push({ path: ['lint', code], message: t('expected error, warning, info or off') });
      }
    }
  }

  return { config, issues };
}

/** Folder paths are compared against workspace-relative paths with `/` and no trailing slash. */
export function normalizeFolder(folder: string): string {
  return folder.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

/** Each stage list by lower-cased id (the first of equal ids wins, as a scan would find it). */
const stagesById = new WeakMap<readonly StageDef[], Map<string, StageDef>>();

function stageIn(list: readonly StageDef[] | undefined, key: string): StageDef | undefined {
  if (!list) return undefined;
  let byId = stagesById.get(list);
  if (!byId) {
    byId = new Map();
    for (const stage of list) if (!byId.has(stage.id.toLowerCase())) byId.set(stage.id.toLowerCase(), stage);
    stagesById.set(list, byId);
  }
  return byId.get(key);
}

// Called several times per record by every view, rule and report: a lookup, not a scan that
// lower-cases every stage id (8% of the Needs attention view at 10k clients).
export function findStage(config: CrmConfig, id: unknown, pipeline?: string): StageDef | undefined {
  if (typeof id !== 'string') return undefined;
  const key = id.trim().toLowerCase();
  const found = stageIn(config.stages, key);
  if (found) return found;
  if (pipeline && config.pipelines[pipeline]) return stageIn(config.pipelines[pipeline], key);
  for (const list of Object.values(config.pipelines)) {
    const inList = stageIn(list, key);
    if (inList) return inList;
  }
  return undefined;
}

/** The effective severity of a code, or `off`. */
export function severityOf(config: CrmConfig, code: ProblemCode): Severity | 'off' {
  return config.lint[code] ?? DEFAULT_SEVERITY[code];
}
