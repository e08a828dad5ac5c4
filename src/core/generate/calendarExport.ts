// Open tasks and next actions as an iCalendar file (issue 18): what a phone's calendar imports so
// the reminders reach it. Each becomes a VEVENT (Google Calendar and Outlook import VEVENTs; a
// VTODO is dropped by both): all-day on its date, or at its `HH:MM` (floating: the time the user
// wrote, in whatever zone the phone is) for half an hour, with a reminder. The UID is built from
// what identifies the task, not from where it sits, so a re-import updates instead of duplicating.
import ical, { ICalAlarmRelatesTo, ICalAlarmType } from 'ical-generator';
import { t } from '../i18n';
import type { TaskItem } from '../tasks/tasks';

export interface CalendarExport {
  text: string;
  /** Events written. */
  events: number;
  /** Open items without a due date: a calendar has no day to put them on. */
  undated: number;
}

/** Reminder of an all-day event: 09:00 that day; of a timed one: 15 minutes before. */
const ALL_DAY_REMINDER_AFTER = 9 * 3600;
const TIMED_REMINDER_BEFORE = 15 * 60;
const TIMED_LENGTH_MS = 30 * 60 * 1000;

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable fingerprint of a task's words. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * Stable across runs and edits that move the line or change the date: the client, the kind, the
 * deal (its index in `deals:`) and the task's playbook key, else its words. Rewording a task makes
 * a new event (the old one stays in the calendar until the user deletes it).
 */
export function taskUid(item: TaskItem): string {
  const deal = item.deal === undefined ? '' : `-deal${item.deal.index}`;
  const what = item.kind === 'next_action' ? '' : `-${fingerprint(item.key ?? item.text.trim())}`;
  return `${item.id}-${item.kind === 'next_action' ? 'next' : 'task'}${deal}${what}@plain-crm`;
}

const dateParts = (iso: string): number[] => iso.split('-').map(Number);

/**
 * The calendar of `items` (done ones are left out). `today` stamps every event, so the same tasks
 * give the same file byte for byte.
 */
export function tasksCalendar(items: readonly TaskItem[], today: string): CalendarExport {
  const [sy, sm, sd] = dateParts(today);
  const calendar = ical({ name: t('Plain CRM tasks'), prodId: { company: 'plain-crm', product: 'tasks', language: 'EN' } });
  let events = 0;
  let undated = 0;
  const seen = new Set<string>();
  for (const item of items) {
    if (item.done) continue;
    if (item.due === undefined) {
      undated++;
      continue;
    }
    let uid = taskUid(item);
    // Two open tasks with the same words on one client: the second keeps its own event.
    for (let n = 2; seen.has(uid); n++) uid = `${taskUid(item).replace('@plain-crm', '')}-${n}@plain-crm`;
    seen.add(uid);
    const [y, m, d] = dateParts(item.due);
    const who = item.deal ? `${item.name} — ${item.deal.label}` : item.name;
    const summary = `${who}: ${item.kind === 'next_action' ? t('next action: ') : ''}${item.text}`;
    const description = [item.line > 0 ? `${item.file}:${item.line}` : item.file, item.owner ? `@${item.owner}` : ''].filter(Boolean).join('\n');
    const time = item.time === undefined ? undefined : item.time.split(':').map(Number);
    // In UTC: ical-generator formats a date and a floating time with the UTC fields, so the zone of
    // the machine running the export changes nothing.
    const start = new Date(Date.UTC(y!, m! - 1, d!, time?.[0] ?? 0, time?.[1] ?? 0));
    const event = calendar.createEvent({
      id: uid,
      stamp: new Date(Date.UTC(sy!, sm! - 1, sd!)),
      start,
      ...(time ? { end: new Date(start.getTime() + TIMED_LENGTH_MS), floating: true } : { allDay: true }),
      summary,
      description,
      categories: [{ name: 'Plain CRM' }],
    });
    // A positive trigger without RELATED=START would count from the end of an all-day event (the next day).
    if (time) event.createAlarm({ type: ICalAlarmType.display, triggerBefore: TIMED_REMINDER_BEFORE });
    else event.createAlarm({ type: ICalAlarmType.display, triggerAfter: ALL_DAY_REMINDER_AFTER }).relatesTo(ICalAlarmRelatesTo.start);
    events++;
  }
  return { text: calendar.toString(), events, undated };
}

/** `events 12; without a date 2`: what the export put in and what it could not. */
export function calendarSummary(result: CalendarExport): string {
  return result.undated > 0 ? t('events {0}; without a date (not in the calendar) {1}', result.events, result.undated) : t('events {0}', result.events);
}
