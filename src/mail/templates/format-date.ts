// Dates in e-mails are read by people in France whatever the server's time zone is.

const PARIS_DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * « mardi 4 décembre 2026 à 14:05 », « mardi 1er décembre » (French writes the first of the month
 * as an ordinal; ICU does not). Built from parts: ICU versions disagree on the joiner.
 */
export function formatParisDateTime(date: Date): string {
  const parts = Object.fromEntries(PARIS_DATE_TIME.formatToParts(date).map((part) => [part.type, part.value]));
  const day = parts.day === '1' ? '1er' : parts.day;
  return `${parts.weekday} ${day} ${parts.month} ${parts.year} à ${parts.hour}:${parts.minute}`;
}
