import { createRequire } from 'node:module';
import type { CountryCode, PhoneNumber } from 'libphonenumber-js/max';

// Phone numbers as people type them (06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78,
// 0033…, +262…) are stored in E.164 (+33612345678) and shown in French national format.
// The full metadata (`/max`) tells a possible number from a real one (06 12 34 56 is neither).

// Its metadata takes ~100 ms to load: required on first use only, so that `persons list` of
// French numbers (formatted below without it) and every other command start without it.
type Parse = typeof import('libphonenumber-js/max').parsePhoneNumberFromString;
let parser: Parse | undefined;
const parsePhoneNumberFromString: Parse = (...args) => {
  parser ??= (createRequire(import.meta.url)('libphonenumber-js/max') as { parsePhoneNumberFromString: Parse })
    .parsePhoneNumberFromString;
  return parser(...args);
};

// A national number (0…) may be from an overseas department with its own country code:
// 0692 12 34 56 is Réunion's +262 692 12 34 56, not +33 6 92 12 34 56. Their prefixes (0262,
// 0590, 0696…) are theirs alone, so they are tried before metropolitan France.
const REGIONS: CountryCode[] = ['RE', 'YT', 'GP', 'MQ', 'GF', 'BL', 'MF', 'PM', 'FR'];

function parseValid(text: string): PhoneNumber | null {
  for (const country of REGIONS) {
    const number = parsePhoneNumberFromString(text, country);
    if (number?.isValid()) return number;
    if (text.trim().startsWith('+') || text.trim().startsWith('00')) break; // the country is typed
  }
  return null;
}

/** E.164 for a real number, null for one that cannot exist. */
export function toE164(text: string): string | null {
  return parseValid(text)?.number ?? null;
}

/**
 * A stored number for tables: French ones in national format (06 12 34 56 78), others in
 * international format (+262 692 12 34 56); a number kept as typed (not E.164) is shown as is.
 */
export function formatPhone(stored: string | null): string | null {
  if (stored === null || !stored.startsWith('+')) return stored;
  // Every French number is 0 + 9 digits in pairs: no metadata needed (15 000 rows in a list).
  const french = /^\+33([1-9])(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(stored);
  if (french) return `0${french.slice(1).join(' ')}`;
  const number = parsePhoneNumberFromString(stored);
  if (!number?.isValid()) return stored;
  return number.countryCallingCode === '33' ? number.formatNational() : number.formatInternational();
}

/** True when a stored value is what zdl stores today: a real number in E.164. */
export function isStoredPhone(stored: string): boolean {
  const number = parsePhoneNumberFromString(stored);
  return number?.isValid() === true && number.number === stored;
}
