// Dates as staff read them: Paris time, French format.
const dateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  dateStyle: 'short',
  timeStyle: 'short',
});

export function formatDateTime(date: Date | null | undefined): string {
  return date ? dateTime.format(date) : '—';
}
