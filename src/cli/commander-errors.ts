import type { CommanderError } from 'commander';

// Commander's own usage errors, said in French (the admins' language); exit code 2.
const TRANSLATIONS: [RegExp, (...groups: string[]) => string][] = [
  [
    /unknown option '([^']+)'(?:\n\(Did you mean (.+)\?\))?/,
    (opt, hint) => `option inconnue ${opt}${hint ? ` (vouliez-vous dire ${hint} ?)` : ''}`,
  ],
  [
    /unknown command '([^']+)'(?:\n\(Did you mean (.+)\?\))?/,
    (cmd, hint) => `commande inconnue « ${cmd} »${hint ? ` (vouliez-vous dire ${hint} ?)` : ''}`,
  ],
  [/missing required argument '([^']+)'/, (arg) => `argument obligatoire manquant : <${arg}>`],
  [/option '([^']+)' argument missing/, (opt) => `valeur manquante pour l'option ${opt}`],
  [/required option '([^']+)' not specified/, (opt) => `option obligatoire manquante : ${opt}`],
  [/too many arguments(?: for '([^']+)')?/, (cmd) => `trop d'arguments${cmd ? ` pour « ${cmd} »` : ''}`],
  [
    /option '([^']+)' argument '([^']*)' is invalid\.?\s*(.*)/,
    (opt, value, why) => `valeur invalide pour ${opt} : « ${value} »${why ? `. ${why}` : ''}`,
  ],
];

export function translateCommanderError(error: CommanderError): string {
  const message = error.message.replace(/^error: /, '');
  for (const [pattern, translate] of TRANSLATIONS) {
    const match = pattern.exec(message);
    if (match) return translate(...match.slice(1).map((group) => group ?? ''));
  }
  return message;
}
