import { Help } from 'commander';

// Everything `--help` prints is French (the admins' language): commander's headings, its
// « (default: …) » suffixes and usage words are translated here, and each command ends with
// real examples (clig.dev: « lead with examples »).

const TITLES: Record<string, string> = {
  'Usage:': 'Utilisation :',
  'Options:': 'Options :',
  'Commands:': 'Commandes :',
  'Arguments:': 'Arguments :',
  'Global Options:': 'Options globales :',
};

function frenchSuffixes(text: string): string {
  return text
    .replace(/\(default: "?([^")]*)"?\)/g, '(par défaut : $1)')
    .replace(/\(choices: ([^)]*)\)/g, '(valeurs : $1)')
    .replace(/\(env: ([^)]*)\)/g, '(variable : $1)');
}

export const FRENCH_HELP: Partial<Help> = {
  styleTitle: (title: string) => TITLES[title] ?? title,
  optionDescription(this: Help, option) {
    return frenchSuffixes(Help.prototype.optionDescription.call(this, option));
  },
  argumentDescription(this: Help, argument) {
    return frenchSuffixes(Help.prototype.argumentDescription.call(this, argument));
  },
  commandUsage(this: Help, command) {
    return Help.prototype.commandUsage.call(this, command).replace('[command]', '[commande]');
  },
};

/** The « Exemples : » block that ends a command's help. */
export function examples(...lines: string[]): string {
  return `\nExemples :\n${lines.map((line) => `  ${line}`).join('\n')}`;
}
