// Document and message templates (issue 16): Markdown files in `.crm/templates/` with front matter
// `{kind: document|message, title, output: [md, html, pdf], channel, lang}` and a Mustache body
// (logic-less: a template cannot run code). A value missing from the record prints a visible
// `[нет: client.inn]` marker and is listed, never an empty gap; HTML output escapes every value,
// Markdown and plain text print them as they are. Values never become template syntax.
import Mustache from 'mustache';
import { rubles } from 'rubles';
import { t } from '../i18n';
import type { CrmConfig, CrmRecord } from '../model';
import { formatMoney, formatNumber } from '../money';
import { parseRecordText } from '../parse/recordText';
import { recordName } from '../recordFields';
import { formatDocumentDate } from '../generate/invoiceLabels';
import { invoiceView } from '../generate/invoiceView';

export const TEMPLATES_FOLDER = '.crm/templates';

export type TemplateKind = 'document' | 'message';
export type TemplateOutput = 'md' | 'html' | 'pdf';

export interface TemplateMeta {
  kind: TemplateKind;
  title: string;
  output: TemplateOutput[];
  channel?: 'email' | 'sms' | 'messenger';
  lang: 'ru' | 'en';
  /** A message's subject line (itself a template), for e-mail drafts. */
  subject?: string;
}

export interface Template {
  /** The file name without `.md`: what `plain-crm render <template>` takes. */
  id: string;
  meta: TemplateMeta;
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
}

export interface TemplateProblem {
  line: number;
  column: number;
  message: string;
}

const OUTPUTS: readonly TemplateOutput[] = ['md', 'html', 'pdf'];

/** `{{{x}}}` and `{{&x}}` print a value unescaped: refused, so no value ever reaches HTML raw. */
const UNESCAPED = /\{\{\{|\{\{&/;

/** Line and column of `offset` in `text`, counting from `firstLine`. */
function position(text: string, offset: number, firstLine: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = firstLine + (before.match(/\n/g)?.length ?? 0);
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * Where a Mustache syntax error is: Mustache reports the end of the text for what is left open, so
 * an unclosed tag or section points at its opening `{{` instead.
 */
function errorOffset(source: string, message: string): number {
  const at = Number(/at (\d+)$/.exec(message)?.[1] ?? 0);
  const section = /^Unclosed section "([^"]*)"/.exec(message);
  if (section) {
    const name = section[1]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const opened = [...source.slice(0, at).matchAll(new RegExp(`\\{\\{\\s*[#^]\\s*${name}\\s*\\}\\}`, 'g'))].pop();
    return opened?.index ?? at;
  }
  if (/^Unclosed tag/.test(message)) {
    const before = source.slice(0, at);
    for (let i = before.lastIndexOf('{{'); i !== -1; i = before.lastIndexOf('{{', i - 1)) {
      if (!before.slice(i + 2).includes('}}')) return i;
      break;
    }
  }
  return at;
}

/** Parses a template file; a syntax error (unclosed tag, section) is a problem with its line and column. */
export function parseTemplate(file: string, text: string): { template?: Template; problems: TemplateProblem[] } {
  const id = file.replace(/^.*\//, '').replace(/\.md$/i, '');
  const parsed = parseRecordText(file.endsWith('.md') ? file : `${file}.md`, text, { kind: 'client', archived: false });
  if (!parsed.record) {
    const first = parsed.problems[0];
    return { problems: [{ line: first?.range.start.line ?? 1, column: first?.range.start.column ?? 1, message: first?.message ?? t('cannot parse') }] };
  }
  const data = parsed.record.data as Record<string, unknown>;
  const problems: TemplateProblem[] = [];
  const kind = data['kind'] === 'message' ? 'message' : 'document';
  const output = Array.isArray(data['output']) ? (data['output'] as unknown[]).filter((o): o is TemplateOutput => OUTPUTS.includes(o as TemplateOutput)) : [];
  const meta: TemplateMeta = {
    kind,
    title: typeof data['title'] === 'string' ? data['title'] : id,
    output: output.length > 0 ? output : kind === 'document' ? ['md', 'html', 'pdf'] : ['md'],
    lang: data['lang'] === 'en' ? 'en' : 'ru',
  };
  const channel = data['channel'];
  if (channel === 'email' || channel === 'sms' || channel === 'messenger') meta.channel = channel;
  if (typeof data['subject'] === 'string') meta.subject = data['subject'];
  const body = parsed.record.body;
  const bodyLine = parsed.record.bodyLine;
  const unescaped = UNESCAPED.exec(body);
  if (unescaped) problems.push({ ...position(body, unescaped.index, bodyLine), message: t('{{{…}}} and {{&…}} print values unescaped; use {{…}}') });
  for (const source of [body, meta.subject ?? '']) {
    try {
      Mustache.parse(source);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const where = source === body ? position(body, errorOffset(body, message), bodyLine) : { line: 1, column: 1 };
      problems.push({ ...where, message: t('template syntax: {0}', message) });
    }
  }
  return problems.length > 0 ? { problems } : { template: { id, meta, body, bodyLine }, problems };
}

/** What a template can say: the client (its fields and `name`), the seller, today, an invoice. */
export interface TemplateInput {
  client: CrmRecord;
  config: CrmConfig;
  today: string;
  invoice?: CrmRecord;
}

function missingMarker(lang: 'ru' | 'en', name: string): string {
  return lang === 'ru' ? `[нет: ${name}]` : `[missing: ${name}]`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** «Сто двадцать тысяч рублей 00 копеек»; zero and kopecks-only amounts get their «ноль рублей». */
export function rublesInWords(amount: number): string | undefined {
  if (!Number.isFinite(amount) || amount < 0 || amount >= 1e15) return undefined;
  const words = rubles(amount);
  if (!words) return amount === 0 ? 'Ноль рублей 00 копеек' : undefined;
  return capitalize(amount < 1 ? `ноль рублей ${words}` : words);
}

/** The view: plain data plus `money`, `date` and `words` sections that format what they enclose. */
export function templateView(template: Template, input: TemplateInput): Record<string, unknown> {
  const locale = input.config.locale ?? (template.meta.lang === 'ru' ? 'ru-RU' : 'en-US');
  const currency = typeof input.client.data.currency === 'string' ? input.client.data.currency.toUpperCase() : input.config.currency;
  const number = (text: string): number | undefined => {
    const n = Number(text.replace(/[\s\u00a0]/g, '').replace(',', '.'));
    return text.trim() !== '' && Number.isFinite(n) ? n : undefined;
  };
  const view: Record<string, unknown> = {
    client: { ...input.client.data, id: input.client.id, name: recordName(input.client) },
    seller: input.config.seller,
    today: formatDocumentDate(input.today, locale),
    today_iso: input.today,
    money: () => (text: string, render: (s: string) => string) => {
      const n = number(render(text));
      return n === undefined ? render(text) : formatMoney(n, currency, locale);
    },
    number: () => (text: string, render: (s: string) => string) => {
      const n = number(render(text));
      return n === undefined ? render(text) : formatNumber(n, locale);
    },
    date: () => (text: string, render: (s: string) => string) => {
      const iso = render(text).trim();
      return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDocumentDate(iso, locale) : iso;
    },
    // Amounts in words, for Russian documents: «сто двадцать тысяч рублей 00 копеек».
    words: () => (text: string, render: (s: string) => string) => {
      const n = number(render(text));
      return (n === undefined ? undefined : rublesInWords(n)) ?? render(text);
    },
  };
  if (input.invoice) {
    const v = invoiceView(input.invoice, input.client, input.config, locale);
    view['invoice'] = {
      ...input.invoice.data,
      number: v.number,
      date: v.date,
      due: v.due,
      items: v.lines,
      subtotal: v.subtotal,
      total: v.total,
      total_amount: input.invoice.data.total,
    };
  }
  return view;
}

export interface Rendered {
  text: string;
  /** Placeholders with no value, in order of first use: each printed as a marker. */
  missing: string[];
}

/** Renders `source` (the body, or the subject) with the view; `html` escapes values for HTML. */
export function renderTemplateText(source: string, view: Record<string, unknown>, lang: 'ru' | 'en', html: boolean): Rendered {
  const missing: string[] = [];
  const writer = new Mustache.Writer();
  const escape = html ? Mustache.escape : (value: string): string => value;
  // A name with no value prints a visible marker instead of nothing.
  (writer as unknown as { escapedValue: (token: unknown[], context: { lookup(name: string): unknown }) => string }).escapedValue = (token, context) => {
    const name = String(token[1]);
    const value = context.lookup(name);
    if (value === undefined || value === null || value === '' || (typeof value === 'object' && !Array.isArray(value))) {
      if (!missing.includes(name)) missing.push(name);
      return escape(missingMarker(lang, name));
    }
    return escape(Array.isArray(value) ? value.map(String).join(', ') : String(value));
  };
  const text = writer.render(source, view, undefined, { escape });
  return { text, missing };
}

/** Renders a template for a client (and an invoice); the body as Markdown (no escaping) or for HTML. */
export function renderTemplate(template: Template, input: TemplateInput, html = false): Rendered & { subject?: string } {
  const view = templateView(template, input);
  const body = renderTemplateText(template.body, view, template.meta.lang, html);
  if (template.meta.subject === undefined) return body;
  const subject = renderTemplateText(template.meta.subject, view, template.meta.lang, false);
  return { text: body.text, missing: [...new Set([...subject.missing, ...body.missing])], subject: subject.text };
}
