// The one place where the record, config and problem types are declared (STYLE.md).
// Records keep their front matter as parsed (`data`) because unknown fields are allowed and
// queryable; `ClientFields` documents the known ones for readers and typed accessors.

export type Severity = 'error' | 'warning' | 'info';

export const PROBLEM_CODES = [
  'parse-error',
  'schema',
  'unknown-stage',
  'invalid-email',
  'invalid-phone',
  'invalid-date',
  'stale',
  'overdue-action',
  'overdue-invoice',
  'overdue-task',
  'duplicate',
  'merge-conflict',
  'invoice-number-collision',
  'secret',
  'invalid-requisites',
  'missing-field',
  'no-next-step',
  'possible-duplicate',
  'consent-incomplete',
  'no-consent',
  'duplicate-deal-id',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Default severity of each code (PRODUCT.md §9). */
export const DEFAULT_SEVERITY: Readonly<Record<ProblemCode, Severity>> = {
  'parse-error': 'error',
  'merge-conflict': 'error',
  schema: 'error',
  'unknown-stage': 'error',
  'invalid-email': 'error',
  'invalid-phone': 'error',
  'invalid-date': 'error',
  'invoice-number-collision': 'error',
  'invalid-requisites': 'error',
  stale: 'warning',
  'overdue-action': 'warning',
  'overdue-invoice': 'warning',
  'overdue-task': 'warning',
  duplicate: 'warning',
  secret: 'warning',
  'missing-field': 'warning',
  'no-next-step': 'warning',
  'possible-duplicate': 'info',
  'consent-incomplete': 'info',
  'no-consent': 'info',
  'duplicate-deal-id': 'warning',
};

/** 1-based line and column, as editors and `lint --format json` show them. */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface RelatedLocation {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A finding of lint or of the loader; plain data so the CLI and the extension both map it. */
export interface Problem {
  /** Workspace-relative path with `/`. */
  file: string;
  range: Range;
  severity: Severity;
  code: ProblemCode;
  message: string;
  related?: RelatedLocation[];
  /** Machine-readable details for quick fixes (e.g. the duplicate's id, the stage value). */
  data?: Record<string, unknown>;
}

export type IsoDate = string; // YYYY-MM-DD

export interface NextAction {
  date?: IsoDate;
  what?: string;
}

export interface Consent {
  processing?: boolean;
  email?: boolean;
  sms?: boolean;
  date?: IsoDate;
  source?: string;
}

export interface Purchase {
  date?: IsoDate;
  amount?: number;
  item?: string;
}

/** The buyer's company details (issue 17); check digits validated by `invalid-requisites`. */
export interface Requisites {
  inn?: string | number;
  kpp?: string | number;
  ogrn?: string | number;
  legal_address?: string;
  postal_address?: string;
  bank?: string;
  bik?: string | number;
  account?: string | number;
  corr_account?: string | number;
}

/** A contact person of a company client, with their own consent (`contacts:`). */
export interface ContactPersonFields {
  name?: string;
  position?: string;
  email?: string;
  phone?: string;
  birthday?: IsoDate;
  consent?: Consent;
  unsubscribed?: boolean;
  [field: string]: unknown;
}

/** One item of `deals:` (see deals.ts); without the list the top-level fields are the one deal. */
export interface DealFields {
  id?: string | number;
  title?: string;
  stage?: string;
  value?: number;
  currency?: string;
  pipeline?: string;
  stage_since?: IsoDate;
  next_action?: NextAction;
  lost_reason?: string | null;
  closed_on?: IsoDate;
  [field: string]: unknown;
}

/** The known fields of a client record (PRODUCT.md §2); any other field is allowed too. */
export interface ClientFields {
  name?: string;
  company?: string;
  position?: string;
  address?: string;
  requisites?: Requisites;
  contacts?: ContactPersonFields[];
  deals?: DealFields[];
  email?: string;
  phone?: string;
  city?: string;
  stage?: string;
  pipeline?: string;
  tags?: string[];
  value?: number;
  currency?: string;
  source?: string;
  owner?: string;
  created?: IsoDate;
  last_contact?: IsoDate;
  next_action?: NextAction;
  birthday?: IsoDate;
  stage_since?: IsoDate;
  consent?: Consent;
  unsubscribed?: boolean;
  lost_reason?: string | null;
  purchases?: Purchase[];
  notes?: string;
  [field: string]: unknown;
}

/** A client, an invoice, or a campaign log (`campaigns/YYYY/*.md`, issue 18). */
export type RecordKind = 'client' | 'invoice' | 'campaign';
export type SourceFormat = 'md' | 'yaml';

/** One parsed file of the workspace whose front matter is valid YAML mapping. */
export interface CrmRecord {
  kind: RecordKind;
  /** The slug: the file name without its extension. */
  id: string;
  /** Workspace-relative path with `/`. */
  file: string;
  format: SourceFormat;
  /** The front matter (or the whole `.yaml` document) as plain data. */
  data: ClientFields;
  /** Markdown notes: the body after the front matter, or the `notes:` field of a `.yaml` record. */
  body: string;
  /**
   * 1-based line of the body's first line in the file; for a `.yaml` record, of the first line of
   * a literal `notes: |` block (0 when the notes are another form, or absent).
   */
  bodyLine: number;
  /** The indentation of a `.yaml` record's notes block: a body column plus this is the file's column. */
  bodyIndent?: number;
  /** Under `folders.archive`. */
  archived: boolean;
  /**
   * The file as read, `mtime:size:build`, set by the store when the record is the file's content
   * on disk (none for an editor's unsaved text). The search index cache keeps it, so a warm start
   * knows an unchanged file without hashing its text again.
   */
  stamp?: string;
}

export interface InvoiceItem {
  description?: string;
  qty?: number;
  unit?: string;
  price?: number;
  tax?: number;
}

export interface InvoiceFields {
  number?: string;
  client?: string;
  date?: IsoDate;
  due?: IsoDate;
  status?: 'draft' | 'sent' | 'paid';
  paid_on?: IsoDate;
  currency?: string;
  items?: InvoiceItem[];
  tax?: number;
  total?: number;
  [field: string]: unknown;
}

export interface StageDef {
  id: string;
  label: string;
  /** Probability of winning, 0..1, for the forecast. */
  probability?: number;
  closed: boolean;
  outcome?: 'won' | 'lost';
}

export interface SellerDetails {
  name?: string;
  address?: string;
  email?: string;
  phone?: string;
  tax_id?: string;
  inn?: string;
  kpp?: string;
  bank?: string;
  bik?: string;
  account?: string;
  corr_account?: string;
}

export interface InvoiceSettings {
  /** `{YYYY}` is the year, a run of `N` in braces the zero-padded sequence: `INV-{YYYY}-{NNNN}`. */
  number_format: string;
  /** Days from the issue date to the due date. */
  due_days: number;
  /** Default tax rate, percent. */
  tax: number;
  /** Print the total in words on ruble invoices. */
  amount_in_words: boolean;
}

export interface Folders {
  clients: string;
  invoices: string;
  exports: string;
  archive: string;
  documents: string;
  campaigns: string;
}

export interface CrmConfig {
  /** Stages of the default pipeline, in order. */
  stages: StageDef[];
  /** Every pipeline by name; the first is the default. Always has at least one. */
  pipelines: Record<string, StageDef[]>;
  defaultPipeline: string;
  /** Days without contact per stage; `default` applies to the others. */
  stale: { default: number; [stage: string]: number };
  currency: string;
  phone_region: string;
  locale?: string;
  lifecycle: { active_days: number; sleeping_days: number };
  seller: SellerDetails;
  exports: { mailing: { columns: string[] } };
  invoices: InvoiceSettings;
  log: { on_stage_change: boolean };
  folders: Folders;
  /** Severity overrides per code; `off` silences a code. */
  lint: Partial<Record<ProblemCode, Severity | 'off'>>;
  /** Lead scoring: points for each rule's query a client matches (`score`); none → no score. */
  scoring: ScoringRule[];
  /** Named score bands, lowest minimum first (`band:hot`); the lowest also takes any lower score. */
  scoring_bands: ScoringBand[];
  /** Fields a record must have once in a stage (`missing-field`): stage id → field names. */
  required: Record<string, string[]>;
  /** Days an open deal may sit in its stage without a next step before `no-next-step` (default 3). */
  next_step_grace_days: number;
  /** Mailing hygiene: skip people mailed fewer than `min_days_between` days ago (0: no cap). */
  mailing: { min_days_between: number };
  /** The default price of an hour for invoices from logged time (a client's `rate` wins); none: unset. */
  hourly_rate?: number;
  /** Sales plan per month (`YYYY-MM`, in order); none: no plan. */
  plan?: Record<string, MonthPlan>;
  /** The config file as written, for keys later features read. */
  raw: Record<string, unknown>;
}

/** One month of `plan:`: revenue (won deals' value) and won deals to reach, and revenue per owner. */
export interface MonthPlan {
  revenue?: number;
  deals?: number;
  /** Owner (as records write `owner:`, lower-cased) → revenue. */
  by_owner: Record<string, number>;
}

export interface ScoringRule {
  query: string;
  points: number;
}

export interface ScoringBand {
  name: string;
  min: number;
}

export interface Segment {
  name: string;
  query: string;
  description?: string;
}
