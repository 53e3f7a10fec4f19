import { createRequire } from 'node:module';
import type { CountryCode, MetadataJson, PhoneNumber } from 'libphonenumber-js/core';

// Phone numbers as people type them (06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78,
// 0033…, +262…) are stored in E.164 (+33612345678) and shown in French national format.
// The full metadata (`max`) tells a possible number from a real one (06 12 34 56 is neither).

// Its metadata takes ~100 ms to load: required on first use only, so that `persons list` of
// French numbers (formatted below without it) and every other command start without it.
type Core = typeof import('libphonenumber-js/core');
// Two parts of the library its type declarations leave out: the numbering plans' patterns
// (Metadata), and PhoneNumber's constructor from a region and a national number, which its own
// parser uses (source/PhoneNumber.js).
interface NumberingPlans {
  selectNumberingPlan(country: CountryCode): void;
  nationalNumberPattern(): string;
  getCountryCodesForCallingCode(callingCode: string): CountryCode[];
}
type RegionalNumber = new (country: CountryCode, nationalNumber: string, metadata: MetadataJson) => PhoneNumber;
interface Library {
  core: Core;
  RegionalNumber: RegionalNumber;
  metadata: MetadataJson;
  /** Per calling code, in REGIONS order: its regions, each with its general national-number pattern. */
  plans: { callingCode: string; regions: { country: CountryCode; general: RegExp }[] }[];
}
let library: Library | undefined;

// A national number (0…) may be from an overseas department with its own country code:
// 0692 12 34 56 is Réunion's +262 692 12 34 56, not +33 6 92 12 34 56. Some of their numbers
// are also valid French ones (0596…, 0269…, 0508…): the overseas reading wins, so they come first.
const REGIONS: CountryCode[] = ['RE', 'YT', 'GP', 'MQ', 'GF', 'BL', 'MF', 'PM', 'FR'];

function load(): Library {
  if (library) return library;
  const require = createRequire(import.meta.url);
  const core = require('libphonenumber-js/core') as Core;
  const metadata = require('libphonenumber-js/metadata.max.json') as MetadataJson;
  const plan = new core.Metadata(metadata) as unknown as NumberingPlans;
  // Parsing with region R gives the number of whichever region shares R's calling code it is
  // valid in (RE reads Mayotte's numbers too): the regions are tried by calling code.
  const plans: Library['plans'] = [];
  for (const region of REGIONS) {
    const callingCode = core.getCountryCallingCode(region, metadata);
    if (plans.some((p) => p.callingCode === callingCode)) continue;
    const regions = plan.getCountryCodesForCallingCode(callingCode).map((country) => {
      plan.selectNumberingPlan(country);
      return { country, general: new RegExp(`^(?:${plan.nationalNumberPattern()})$`) };
    });
    plans.push({ callingCode, regions });
  }
  library = { core, RegionalNumber: core.PhoneNumber as unknown as RegionalNumber, metadata, plans };
  return library;
}

const parse = (text: string, country?: CountryCode) => {
  const { core, metadata } = load();
  return core.parsePhoneNumberFromString(text, country ? { defaultCountry: country } : {}, metadata);
};

/** Every region in turn, as the library parses a typed number: the reference, ~20 µs a region. */
export function parseEachRegion(text: string): PhoneNumber | null {
  for (const country of REGIONS) {
    const number = parse(text, country);
    if (number?.isValid()) return number;
    if (text.trim().startsWith('+') || text.trim().startsWith('00')) break; // the country is typed
  }
  return null;
}

// 0 and nine digits, in pairs or not, with spaces, dots or dashes: how nearly every number in a
// file is typed. Every region here has the national prefix 0, no prefix rewriting and
// nine-digit numbers, so its national significant number is the nine digits in each of them.
const SEPARATORS = /[ .-]/g;
const NATIONAL = /^0[1-9]\d{8}$/;

/**
 * The same answer as parseEachRegion for a national number, without parsing the text nine
 * times (an import has 100 000 of them): a region is asked only when the number matches its
 * general pattern, which every valid number of the region matches (libphonenumber's own check).
 */
function parseNational(digits: string): PhoneNumber | null {
  const { RegionalNumber, metadata, plans } = load();
  const national = digits.slice(1);
  for (const { regions } of plans) {
    for (const { country, general } of regions) {
      if (!general.test(national)) continue;
      const number = new RegionalNumber(country, national, metadata);
      if (number.isValid()) return number;
    }
  }
  return null;
}

function parseValid(text: string): PhoneNumber | null {
  const digits = text.trim().replace(SEPARATORS, '');
  return NATIONAL.test(digits) ? parseNational(digits) : parseEachRegion(text);
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
  const number = parse(stored);
  if (!number?.isValid()) return stored;
  return number.countryCallingCode === '33' ? number.formatNational() : number.formatInternational();
}

/** True when a stored value is what zdl stores today: a real number in E.164. */
export function isStoredPhone(stored: string): boolean {
  const number = parse(stored);
  return number?.isValid() === true && number.number === stored;
}
