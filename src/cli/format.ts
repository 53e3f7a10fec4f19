// Dates as staff read them: Paris time, French format. Built on first use: creating an
// Intl formatter costs ~10 ms, which `zdl --help` should not pay.
let dateTime: Intl.DateTimeFormat | undefined;

export function formatDateTime(date: Date | null | undefined): string {
  if (!date) return '—';
  dateTime ??= new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });
  return dateTime.format(date);
}
