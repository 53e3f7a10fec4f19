import type { ActorContext } from '../actor.js';
import { findEmailConflicts, type ImportedPerson, importPersons } from '../persons/import-persons.js';
import { type CsvRowError, parsePersonsCsv } from '../persons/parse-persons-csv.js';
import type { FlowDeps } from './deps.js';
import { type InvitationDelivery, sendInvitations } from './send-invitations.js';

export interface ImportRequest {
  /** The CSV text (columns nom, prenom, telephone1, telephone2, email, role). */
  csv: string;
  /** Validate only. */
  dryRun: boolean;
  /** One invitation per person; `validityMs` defaults to 7 days. */
  invite: { validityMs?: number } | null;
  /** E-mail each invitation once all are committed (every row then needs an address). */
  send: boolean;
  onProgress?: (done: number, total: number) => void;
}

export type ImportResult =
  | { status: 'invalid'; errors: CsvRowError[] }
  | { status: 'valid'; count: number }
  | { status: 'imported'; imported: ImportedPerson[]; deliveries: InvitationDelivery[] };

const byLine = (errors: CsvRowError[]) => [...errors].sort((a, b) => a.line - b.line);

/** An admin imports a CSV: all rows or none, in one transaction; any bad row is reported with its line. */
export async function importPersonsFromCsv(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'publicUrl'>,
  actor: Pick<ActorContext, 'actor'>,
  request: ImportRequest,
): Promise<ImportResult> {
  const { persons, errors } = parsePersonsCsv(request.csv);
  if (request.send) {
    for (const p of persons)
      if (!p.input.email)
        errors.push({ line: p.line, reason: "pas d'e-mail : impossible d'envoyer l'invitation (--send)" });
  }
  if (errors.length > 0) return { status: 'invalid', errors: byLine(errors) };

  const result = await deps.db.transaction(
    async (tx) => {
      const conflicts = await findEmailConflicts(tx, persons);
      if (conflicts.length > 0 || request.dryRun) return { conflicts, imported: [] };
      const imported = await importPersons(tx, persons, {
        actor: actor.actor,
        now: deps.clock(),
        invite: request.invite !== null,
        validityMs: request.invite?.validityMs,
        onProgress: request.onProgress && ((done) => request.onProgress!(done, persons.length)),
      });
      return { conflicts, imported };
      // Thousands of rows in one transaction: the deadline for pages and short commands does not fit.
    },
    { timeoutMs: null },
  );
  if (result.conflicts.length > 0) return { status: 'invalid', errors: byLine(result.conflicts) };
  if (request.dryRun) return { status: 'valid', count: persons.length };

  const invitations = result.imported.map(({ person, invite }) => ({ person, invite: invite! }));
  const deliveries = request.send ? await sendInvitations(deps, invitations) : [];
  return { status: 'imported', imported: result.imported, deliveries };
}
