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

/** E.164 (`+79123456789`) in the given default region, or undefined when it is not a possible number. */
export function normalizePhone(value: unknown, region: string): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  if (text === '' || text.length > 40) return undefined;
  try {
    const phone = parsePhoneNumberFromString(text, region as CountryCode);
    return phone && phone.isPossible() ? phone.number : undefined;
  } catch {
    return undefined;
  }
}
