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
