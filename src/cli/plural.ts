// « 1 personne », « 2 personnes », « 15 000 personnes »: French plurals and digit grouping.
// French puts 0 and 1 in the singular (« 0 personne ») — Grevisse, Le Bon Usage § 511.
let grouping: Intl.NumberFormat | undefined;

export function formatCount(count: number): string {
  grouping ??= new Intl.NumberFormat('fr-FR');
  return grouping.format(count);
}

export function countOf(count: number, singular: string, plural: string): string {
  return `${formatCount(count)} ${Math.abs(count) < 2 ? singular : plural}`;
}
