// Normalized e-mail and phone: the keys for duplicates, import merges and export dedupe.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

// Deliberately simple: one @, a dot in the domain, no spaces. The schema's `format: email`
// reports the finer points; this decides what is usable as a key.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trimmed and lower-cased, or undefined when it is not an e-mail address. */
export function normalizeEmail(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const email = value.trim().toLowerCase();
  return EMAIL.test(email) ? email : undefined;
}

// libphonenumber's parse is the costliest step of lint (phone and duplicate rules both ask, for
// every record, on every run of `watch`): answers are remembered. Bounded, so a long session with
// many distinct strings cannot grow it without limit.
const phoneCache = new Map<string, string | null>();
const PHONE_CACHE_LIMIT = 200_000;

/** E.164 (`+79123456789`) in the given default region, or undefined when it is not a possible number. */
export function normalizePhone(value: unknown, region: string): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (text === '' || text.length > 40) return undefined;
  const key = `${region}\u0000${text}`;
  const known = phoneCache.get(key);
  if (known !== undefined) return known ?? undefined;
  let result: string | undefined;
  try {
    const phone = parsePhoneNumberFromString(text, region as CountryCode);
    result = phone && phone.isPossible() ? phone.number : undefined;
  } catch {
    result = undefined;
  }
  if (phoneCache.size >= PHONE_CACHE_LIMIT) phoneCache.clear();
  phoneCache.set(key, result ?? null);
  return result;
}

/** Every remembered answer as `[region, text, E.164 or null]`, for a cache on disk. */
export function phoneMemoEntries(): [string, string, string | null][] {
  return [...phoneCache].map(([key, value]) => {
    const cut = key.indexOf('\u0000');
    return [key.slice(0, cut), key.slice(cut + 1), value];
  });
}

/** Takes answers remembered by an earlier run; what does not have the shape is left out. */
export function rememberPhones(entries: unknown): void {
  if (!Array.isArray(entries)) return;
  for (const entry of entries as unknown[]) {
    if (phoneCache.size >= PHONE_CACHE_LIMIT) return;
    if (!Array.isArray(entry) || entry.length !== 3) continue;
    const [region, text, value] = entry as unknown[];
    if (typeof region !== 'string' || typeof text !== 'string' || text.length > 40 || (value !== null && typeof value !== 'string')) continue;
    phoneCache.set(`${region}\u0000${text}`, value);
  }
}

/** How many answers are remembered (a cache is rewritten only when it grew). */
export function phoneMemoSize(): number {
  return phoneCache.size;
}
