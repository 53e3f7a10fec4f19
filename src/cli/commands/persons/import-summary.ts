import { ZdlError } from '../../../errors.js';
import type { ExistingRows } from '../../../flows/import-persons.js';
import type { CsvRowError } from '../../../persons/parse-persons-csv.js';
import type { CommandContext } from '../../context.js';
import { countOf } from '../../plural.js';

// The four counts of an import, in French on stderr and under stable keys in --json.

type Counted = ExistingRows & ({ created: number } | { imported: unknown[] });

const createdOf = (result: Counted) => ('created' in result ? result.created : result.imported.length);

/** `existing`: what became of each row that was already a person (line, id, outcome, fields). */
export function summaryJson(result: Counted) {
  return {
    created: createdOf(result),
    updated: result.updated.length,
    skipped: result.skipped.length,
    refused: 0,
    existing: [
      ...result.updated.map(({ line, person, changes }) => ({
        line,
        id: person.id,
        outcome: 'updated',
        fields: Object.keys(changes),
      })),
      ...result.skipped.map(({ line, person }) => ({ line, id: person.id, outcome: 'skipped', fields: [] })),
    ].sort((a, b) => a.line - b.line),
  };
}

/** « 2 personnes créées, 1 mise à jour, 3 ignorées (déjà présentes), 0 refusée ». */
export function summaryLine(result: Counted, refused = 0): string {
  return [
    countOf(createdOf(result), 'personne créée', 'personnes créées'),
    countOf(result.updated.length, 'mise à jour', 'mises à jour'),
    `${countOf(result.skipped.length, 'ignorée', 'ignorées')} (déjà présentes)`,
    countOf(refused, 'refusée', 'refusées'),
  ].join(', ');
}

export function reportRowErrors(ctx: CommandContext, errors: CsvRowError[], encoding: string): never {
  if (ctx.flags.json) {
    ctx.out.printJson({ encoding, imported: 0, created: 0, updated: 0, skipped: 0, refused: errors.length, errors });
  }
  for (const { line, reason } of errors) ctx.out.info(`  ligne ${line} : ${reason}`);
  throw new ZdlError(
    'INVALID_CSV',
    'invalid',
    `${countOf(errors.length, 'ligne refusée', 'lignes refusées')} : rien n'a été importé (ni créé, ni mis à jour).`,
  );
}
