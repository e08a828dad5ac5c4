// "Today" for the extension. The core takes the date as an argument; this is the one place the
// extension reads the clock.
import { isIsoDate, localIsoDate } from '../core/dates';

/** `PLAIN_CRM_TODAY` (YYYY-MM-DD) pins the date, as it does for the CLI; else the local date. */
export function today(): string {
  const pinned = process.env['PLAIN_CRM_TODAY'];
  return pinned !== undefined && isIsoDate(pinned) ? pinned : localIsoDate(new Date());
}
