// Time tracking as plain text (issue 19): a list item in a client's notes with a date and a
// duration, typically under `## Log`:
//   - 2026-11-10 2h30m Design review #shop
//   - 2026-11-12 1,5ч Правки каталога → INV-2026-0007
// Durations: `2h`, `45m`, `2h30m`, `1.5h` / `1,5h` (up to two decimals), and the Russian `2ч30м`,
// `45м`, `1,5ч`; from 1 minute to 24 hours per line (`0m`, `25h` make no time line). The first
// `#tag` of the text names a deal (its id in `deals:`) or a service; ` → <invoice number>` at the
// end (also `->`) marks the time billed. Whole minutes: decimal hours round to the nearest one.
import { isIsoDate } from '../dates';
import type { CrmRecord } from '../model';
import { notesLines } from '../parse/notesLines';
import { recordName } from '../recordFields';

export interface TimeLine {
  /** Whatever precedes the bullet: the list's indentation. */
  indent: string;
  bullet: '-' | '*' | '+';
  date: string;
  /** The duration as written (`2h30m`, `1,5ч`), so a rewritten line keeps it. */
  duration: string;
  minutes: number;
  /** The text as written, the `#tag` included, the billed mark not. */
  text: string;
  /** The first `#tag` of the text, without `#`. */
  tag?: string;
  /** The invoice number after `→` (or `->`): the time is billed. */
  invoice?: string;
  /** The arrow as written, when it is `->`. */
  arrow?: '->';
}

/** One line a day: more than this is no duration (a typo, not a day's work). */
export const MAX_LINE_MINUTES = 24 * 60;

const HOURS_MINUTES = /^(\d{1,2})[hч](?:(\d{1,2})[mм])?$/;
const MINUTES = /^(\d{1,4})[mм]$/;
const DECIMAL_HOURS = /^(\d{1,2})[.,](\d{1,2})[hч]$/;
const LINE = /^(\s*)([-*+])[ \t]+(\d{4}-\d{2}-\d{2})[ \t]+(\S+)(?:[ \t]+(.*))?$/;
const MARK = /(?:^|[ \t]+)(→|->)[ \t]*(\S*\d\S*)$/;
const TAG = /(?:^|\s)#([\p{L}\p{N}][\p{L}\p{N}_-]*)/u;
/** A tag as Log Time takes it: the word after `#`. */
export const TAG_WORD = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;

/** Whole minutes of a duration as written, or undefined when it is none (or out of 1 min … 24 h). */
export function parseDuration(text: string): number | undefined {
  let minutes: number | undefined;
  const hm = HOURS_MINUTES.exec(text);
  if (hm) {
    const extra = hm[2] === undefined ? 0 : Number(hm[2]);
    if (extra < 60) minutes = Number(hm[1]) * 60 + extra;
  } else if (MINUTES.test(text)) {
    minutes = Number(text.slice(0, -1));
  } else {
    const dec = DECIMAL_HOURS.exec(text);
    if (dec) minutes = Math.round(Number(`${dec[1]}.${dec[2]}`) * 60);
  }
  return minutes !== undefined && minutes >= 1 && minutes <= MAX_LINE_MINUTES ? minutes : undefined;
}

/** The canonical duration: `2h30m`, `2h`, `45m`. */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours === 0 ? `${rest}m` : rest === 0 ? `${hours}h` : `${hours}h${rest}m`;
}

/** Minutes as hours and minutes for people: `2:30`, `0:45`, `12:05`. */
export function formatHours(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The time on `line`, or undefined when the line is no time line. */
export function parseTimeLine(line: string): TimeLine | undefined {
  const match = LINE.exec(line.replace(/\r$/, ''));
  if (!match) return undefined;
  const [, indent = '', bullet, date, duration = '', content = ''] = match;
  const minutes = parseDuration(duration);
  if (!isIsoDate(date) || minutes === undefined) return undefined;
  const entry: TimeLine = { indent, bullet: bullet as TimeLine['bullet'], date, duration, minutes, text: '' };
  let rest = content.trimEnd();
  const mark = MARK.exec(rest);
  if (mark) {
    entry.invoice = mark[2]!;
    if (mark[1] === '->') entry.arrow = '->';
    rest = rest.slice(0, mark.index);
  }
  entry.text = rest.trim();
  const tag = TAG.exec(entry.text);
  if (tag) entry.tag = tag[1]!;
  return entry;
}

/** The line for `entry`: parseTimeLine(formatTimeLine(e)) gives e back. */
export function formatTimeLine(entry: TimeLine): string {
  const parts = [`${entry.indent}${entry.bullet} ${entry.date} ${entry.duration}`];
  if (entry.text !== '') parts.push(entry.text);
  if (entry.invoice !== undefined) parts.push(`${entry.arrow ?? '→'} ${entry.invoice}`);
  return parts.join(' ');
}

/** `raw` (a time line as written) billed on `invoice`: the mark is appended, nothing else moves. */
export function markBilled(raw: string, invoice: string): string {
  return `${raw.replace(/\s+$/, '')} → ${invoice}`;
}

/** Any line that may be a time line: most notes have none, and are not split into lines then. */
const ANY_TIME = /^\s*[-*+][ \t]+\d{4}-\d{2}-\d{2}[ \t]+\d/m;

// Records are immutable (a change makes a new object): the dashboard rebuilds its report after
// every change, and rescanning 50k notes for time lines each time cost ~90 ms.
const timeLinesCache = new WeakMap<CrmRecord, { line: number; entry: TimeLine }[]>();

/** Every time line of the record's notes, outside fenced code, with its line in the file (0: unknown). */
export function recordTimeLines(record: CrmRecord): { line: number; entry: TimeLine }[] {
  let lines = timeLinesCache.get(record);
  if (!lines) {
    lines = notesLines(record, ANY_TIME, parseTimeLine).map(({ line, value }) => ({ line, entry: value }));
    timeLinesCache.set(record, lines);
  }
  return lines;
}

/** One time line of a client, as `plain-crm time` lists it. */
export interface TimeItem {
  /** The client's id and display name. */
  id: string;
  name: string;
  file: string;
  /** 1-based line in the file; 0 when the notes' lines are not the file's (a folded `.yaml` notes). */
  line: number;
  date: string;
  minutes: number;
  text: string;
  tag?: string;
  /** The invoice number the time was billed on. */
  billed?: string;
}

export interface TimeFilter {
  /** Only this client (its id); an archived client's time is listed only when it is named. */
  client?: string;
  /** `YYYY-MM`. */
  month?: string;
  unbilled?: boolean;
}

export function isMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

/** The record's time lines as items. */
export function recordTime(record: CrmRecord): TimeItem[] {
  const name = recordName(record);
  return recordTimeLines(record).map(({ line, entry }) => ({
    id: record.id,
    name,
    file: record.file,
    line,
    date: entry.date,
    minutes: entry.minutes,
    text: entry.text,
    ...(entry.tag !== undefined && { tag: entry.tag }),
    ...(entry.invoice !== undefined && { billed: entry.invoice }),
  }));
}

const NAMES = new Intl.Collator('ru');

/** The time lines of the records, filtered, by date, then client name, file and line. */
export function listTime(records: Iterable<CrmRecord>, filter: TimeFilter = {}): TimeItem[] {
  const rows: TimeItem[] = [];
  for (const record of records) {
    if (filter.client !== undefined ? record.id !== filter.client : record.archived) continue;
    for (const item of recordTime(record)) {
      if (filter.month !== undefined && !item.date.startsWith(`${filter.month}-`)) continue;
      if (filter.unbilled && item.billed !== undefined) continue;
      rows.push(item);
    }
  }
  return rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || NAMES.compare(a.name, b.name) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line);
}

export interface TimeTotals {
  minutes: number;
  /** Per client and month, clients by name, months in order. */
  rows: { id: string; name: string; month: string; minutes: number }[];
  /** Days of one client with more than 24 hours logged: counted, and worth a look. */
  longDays: { id: string; name: string; date: string; minutes: number }[];
}

export function timeTotals(items: readonly TimeItem[]): TimeTotals {
  const rows = new Map<string, TimeTotals['rows'][number]>();
  const days = new Map<string, TimeTotals['longDays'][number]>();
  let minutes = 0;
  for (const item of items) {
    minutes += item.minutes;
    const month = item.date.slice(0, 7);
    const key = `${item.file}\n${month}`;
    const row = rows.get(key) ?? { id: item.id, name: item.name, month, minutes: 0 };
    row.minutes += item.minutes;
    rows.set(key, row);
    const dayKey = `${item.file}\n${item.date}`;
    const day = days.get(dayKey) ?? { id: item.id, name: item.name, date: item.date, minutes: 0 };
    day.minutes += item.minutes;
    days.set(dayKey, day);
  }
  return {
    minutes,
    rows: [...rows.values()].sort((a, b) => NAMES.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (a.month < b.month ? -1 : 1)),
    longDays: [...days.values()].filter((d) => d.minutes > MAX_LINE_MINUTES),
  };
}
