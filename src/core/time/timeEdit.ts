// Log Time as an edit of the edit engine: the time line goes under `## Log` (the `log` edit), and
// is refused when it would not read back as the time it says (issue 19).
import { isIsoDate } from '../dates';
import type { EditOp } from '../edit/recordEdit';
import { t } from '../i18n';
import { formatDuration, formatTimeLine, MAX_LINE_MINUTES, parseDuration, parseTimeLine, TAG_WORD, type TimeLine } from './timeLog';

export interface NewTime {
  date: string;
  /** A duration as people type it (`1h30m`, `1,5ч`, `45m`) or whole minutes. */
  duration: string | number;
  text: string;
  /** A deal id or a service, without `#`; added at the end of the text unless the text has it. */
  tag?: string;
}

export type LogTimeOps = { ok: true; ops: EditOp[]; line: string } | { ok: false; error: string };

/** Adds a time line under `## Log` (the `log` edit of the edit engine). */
export function logTimeOps(input: NewTime): LogTimeOps {
  const minutes = typeof input.duration === 'number' ? input.duration : parseDuration(input.duration.trim().toLowerCase());
  if (minutes === undefined || !Number.isInteger(minutes) || minutes < 1 || minutes > MAX_LINE_MINUTES) {
    return { ok: false, error: t('"{0}" is not a duration: write 2h30m, 1.5h or 45m (up to 24h)', String(input.duration)) };
  }
  if (!isIsoDate(input.date)) return { ok: false, error: t('"{0}" is not a date; expected YYYY-MM-DD', input.date) };
  let text = input.text.trim();
  if (/[\r\n\u0085\u2028\u2029]/.test(text)) return { ok: false, error: t('a time line is one line of text') };
  const tag = input.tag?.trim().replace(/^#/, '');
  if (tag !== undefined && tag !== '') {
    if (!TAG_WORD.test(tag)) return { ok: false, error: t('"{0}" is not a tag: one word of letters, digits, - or _', tag) };
    if (parseTimeLine(`- ${input.date} 1m ${text}`)?.tag?.toLowerCase() !== tag.toLowerCase()) text = text === '' ? `#${tag}` : `${text} #${tag}`;
  }
  const entry: TimeLine = { indent: '', bullet: '-', date: input.date, duration: formatDuration(minutes), minutes, text };
  const line = formatTimeLine(entry);
  const back = parseTimeLine(line);
  if (!back || back.text !== text || back.minutes !== minutes || back.invoice !== undefined) {
    return { ok: false, error: t('the time line would not read back as written: {0}', line) };
  }
  return { ok: true, ops: [{ op: 'log', line: line.slice(2) }], line };
}
