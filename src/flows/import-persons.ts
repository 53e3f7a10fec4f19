import type { ActorContext } from '../actor.js';
import type { CardSheet } from '../cards/card-text.js';
import { type CardsTarget, transactionWithCards } from '../cards/cards-transaction.js';
import { stageInviteCards } from '../cards/stage-invite-cards.js';
import { findEmailConflicts, type ImportedPerson, importPersons } from '../persons/import-persons.js';
import { type CsvRowError, parsePersonsCsv } from '../persons/parse-persons-csv.js';
import type { FlowDeps } from './deps.js';
import { type InvitationDelivery, sendInvitations } from './send-invitations.js';

export interface ImportRequest {
  /** The CSV text (columns nom, prenom, telephone1, telephone2, email, role). */
  csv: string;
  /** Skip unknown columns instead of refusing the file. */
  ignoreUnknownColumns?: boolean;
  /** Validate only. */
  dryRun: boolean;
  /** One invitation per person; `validityMs` defaults to 7 days. */
  invite: { validityMs?: number } | null;
  /**
   * E-mail each invitation once all are committed. Without cards every row needs an address;
   * with cards, people without one get their card only.
   */
  send: boolean;
  /** One printed card per invitation (needs `invite`), published once the import committed. */
  cards?: (CardsTarget & { sheet: CardSheet }) | null;
  onProgress?: (done: number, total: number) => void;
}

export type ImportResult =
  | { status: 'invalid'; errors: CsvRowError[] }
  | { status: 'valid'; count: number }
  | { status: 'imported'; imported: ImportedPerson[]; deliveries: InvitationDelivery[] };

const byLine = (errors: CsvRowError[]) => [...errors].sort((a, b) => a.line - b.line);

/**
 * An admin imports a CSV: all rows or none, in one transaction; any bad row is reported with its
 * line. With cards, their PDF is staged in that transaction and published after its commit.
 */
export async function importPersonsFromCsv(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'publicUrl' | 'inviteKeys'>,
  actor: Pick<ActorContext, 'actor'>,
  request: ImportRequest,
): Promise<ImportResult> {
  const { persons, errors } = parsePersonsCsv(request.csv, { ignoreUnknownColumns: request.ignoreUnknownColumns });
  const cards = request.invite ? (request.cards ?? null) : null;
  if (request.send && !cards) {
    for (const p of persons)
      if (!p.input.email)
        errors.push({ line: p.line, reason: "pas d'e-mail : impossible d'envoyer l'invitation (--send)" });
  }
  if (errors.length > 0) return { status: 'invalid', errors: byLine(errors) };

  const now = deps.clock();
  // Thousands of rows in one transaction: no deadline (transactionWithCards lifts it).
  const result = await transactionWithCards(deps.db, cards, async (tx, keep) => {
    const conflicts = await findEmailConflicts(tx, persons);
    if (conflicts.length > 0 || request.dryRun) return { conflicts, imported: [] };
    const imported = await importPersons(tx, persons, {
      actor: actor.actor,
      now,
      invite: request.invite !== null,
      keys: deps.inviteKeys,
      validityMs: request.invite?.validityMs,
      onProgress: request.onProgress && ((done) => request.onProgress!(done, persons.length)),
    });
    if (cards && imported.length > 0) {
      const items = imported.map(({ person, invite }) => ({ person, invite: invite! }));
      keep(await stageInviteCards(tx, items, { actor: actor.actor, now, file: cards.file, sheet: cards.sheet }));
    }
    return { conflicts, imported };
  });
  if (result.conflicts.length > 0) return { status: 'invalid', errors: byLine(result.conflicts) };
  if (request.dryRun) return { status: 'valid', count: persons.length };

  const invitations = result.imported
    .filter(({ person }) => person.email)
    .map(({ person, invite }) => ({ person, invite: invite! }));
  const deliveries = request.send ? await sendInvitations(deps, invitations) : [];
  return { status: 'imported', imported: result.imported, deliveries };
}
