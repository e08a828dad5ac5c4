// Calendar dates as the records write them: ISO `YYYY-MM-DD` strings, no time of day and no time
// zone. Arithmetic runs on day numbers (days since 1970-01-01) computed with integer civil-calendar
// formulas instead of `Date`, so the result never depends on the machine's time zone or DST, and
// parsing the thousands of dates a query touches stays cheap (no object per date).
// `today` is always an argument: the core has no clock (STYLE.md).

/** A date unit of relative expressions: days, weeks (7 days), calendar months, calendar years. */
export type DateUnit = 'd' | 'w' | 'm' | 'y';

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** A parsed date expression: an ISO date, or `today` shifted by `amount` units (`today-30d`). */
export type DateExpression = { kind: 'iso'; date: string } | { kind: 'relative'; amount: number; unit: DateUnit };

// Years outside 0000–9999 cannot be written as `YYYY`, so arithmetic that leaves the range fails.
const MIN_YEAR = 0;
const MAX_YEAR = 9999;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * The year, month and day of a strict ISO date: exactly `YYYY-MM-DD` (ASCII digits, no time, no
 * spaces) naming a real calendar day. `2026-02-30`, `2026-1-5`, `15.10.2026` and non-strings are
 * not dates. Hand-rolled rather than a regex because it runs for every date a query compares.
 */
export function parseIsoDate(value: unknown): CivilDate | undefined {
  if (typeof value !== 'string' || value.length !== 10) return undefined;
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined; // '-'
  const y0 = digit(value, 0);
  const y1 = digit(value, 1);
  const y2 = digit(value, 2);
  const y3 = digit(value, 3);
  const m0 = digit(value, 5);
  const m1 = digit(value, 6);
  const d0 = digit(value, 8);
  const d1 = digit(value, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return undefined;
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isIsoDate(value: unknown): value is string {
  return parseIsoDate(value) !== undefined;
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's `days_from_civil`). */
export function civilToDayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0, so the leap day is the last day of the year
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (the inverse of `civilToDayNumber`). */
export function dayNumberToCivil(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days since 1970-01-01 of an ISO date, or undefined when the value is not a strict ISO date. */
export function isoToDayNumber(value: unknown): number | undefined {
  const date = parseIsoDate(value);
  return date && civilToDayNumber(date.year, date.month, date.day);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

export function formatIsoDate(date: CivilDate): string {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** The ISO date of a day number, or undefined when its year cannot be written as `YYYY`. */
export function dayNumberToIso(dayNumber: number): string | undefined {
  if (!Number.isSafeInteger(dayNumber)) return undefined;
  const date = dayNumberToCivil(dayNumber);
  return date.year < MIN_YEAR || date.year > MAX_YEAR ? undefined : formatIsoDate(date);
}

/** Whole days from `from` to `to` (negative when `to` is earlier); undefined if either is not a date. */
export function daysBetween(from: unknown, to: unknown): number | undefined {
  const a = isoToDayNumber(from);
  const b = isoToDayNumber(to);
  return a === undefined || b === undefined ? undefined : b - a;
}

/**
 * `date` shifted by `amount` units (negative goes back). `d` and `w` count days; `m` and `y` move
 * the calendar month or year and clamp the day to that month's end, as people mean "a month
 * later": Jan 31 + 1m = Feb 28 (29 in a leap year), Feb 29 + 1y = Feb 28. Undefined when `date`
 * is not a date, `amount` is not a whole number, or the result leaves years 0000–9999.
 */
export function addToIsoDate(date: unknown, amount: number, unit: DateUnit): string | undefined {
  const start = parseIsoDate(date);
  if (!start || !Number.isSafeInteger(amount)) return undefined;
  if (unit === 'd' || unit === 'w') {
    const days = unit === 'w' ? amount * 7 : amount;
    return dayNumberToIso(civilToDayNumber(start.year, start.month, start.day) + days);
  }
  const months = unit === 'y' ? amount * 12 : amount;
  const index = start.year * 12 + (start.month - 1) + months;
  const year = Math.floor(index / 12);
  if (!Number.isSafeInteger(index) || year < MIN_YEAR || year > MAX_YEAR) return undefined;
  const month = index - year * 12 + 1;
  return formatIsoDate({ year, month, day: Math.min(start.day, daysInMonth(year, month)) });
}

// `today`, `today-30d`, `today+2w`: case-insensitive, no spaces (a query term has none).
const RELATIVE = /^today(?:([+-])(\d{1,7})([dwmy]))?$/i;

/**
 * Parses a date as a query writes it: an ISO date or `today`, `today±N(d|w|m|y)`. Anything else
 * (including `15.10.2026` and `2026-02-30`) is undefined. Relative expressions are resolved
 * later against a given `today` (`resolveDateExpression`).
 */
export function parseDateExpression(text: string): DateExpression | undefined {
  if (isIsoDate(text)) return { kind: 'iso', date: text };
  const match = RELATIVE.exec(text);
  if (!match) return undefined;
  const [, sign, digits, unit] = match;
  if (digits === undefined || sign === undefined || unit === undefined) return { kind: 'relative', amount: 0, unit: 'd' };
  const amount = Number(digits);
  return { kind: 'relative', amount: sign === '-' ? -amount : amount, unit: unit.toLowerCase() as DateUnit };
}

/** The ISO date an expression names on `today`; undefined for a bad expression or out-of-range result. */
export function resolveDateExpression(expression: string | DateExpression, today: string): string | undefined {
  const parsed = typeof expression === 'string' ? parseDateExpression(expression) : expression;
  if (!parsed) return undefined;
  if (parsed.kind === 'iso') return parsed.date;
  return addToIsoDate(today, parsed.amount, parsed.unit);
}

/**
 * The calendar date a clock reading falls on in the local time zone, as the user's calendar shows
 * it. The core never reads the clock: the CLI and the extension pass their reading in.
 */
export function localIsoDate(now: Date): string {
  return formatIsoDate({ year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() });
}
