import type { ActorContext } from '../actor.js';
import type { CardSheet } from '../cards/card-text.js';
import { type CardsTarget, transactionWithCards } from '../cards/cards-transaction.js';
import { stageInviteCards } from '../cards/stage-invite-cards.js';
import { type ImportedPerson, importPersons } from '../persons/import-persons.js';
import { applyUpdates, type MatchedRow, matchExisting, type OnExisting } from '../persons/match-existing.js';
import { type CsvRowError, parsePersonsCsv } from '../persons/parse-persons-csv.js';
import type { FlowDeps } from './deps.js';
import { type InvitationDelivery, sendInvitations } from './send-invitations.js';

export interface ImportRequest {
  /** The CSV text (columns nom, prenom, telephone1, telephone2, email, role). */
  csv: string;
  /** Skip unknown columns instead of refusing the file. */
  ignoreUnknownColumns?: boolean;
  /**
   * A row that is an existing person (same e-mail, or without e-mail same nom + prénom +
   * téléphone 1): refused (`fail`, the default), left as it is (`skip`) or updated (`update`).
   */
  onExisting?: OnExisting;
  /** Validate only. */
  dryRun: boolean;
  /**
   * One invitation per created person; `validityMs` defaults to 7 days. Skipped and updated
   * people keep their invitations and access as they are (`zdl invites issue` for them).
   */
  invite: { validityMs?: number } | null;
  /**
   * E-mail each invitation once all are committed. Without cards every created row needs an
   * address; with cards, people without one get their card only.
   */
  send: boolean;
  /** One printed card per invitation (needs `invite`), published once the import committed. */
  cards?: (CardsTarget & { sheet: CardSheet }) | null;
  onProgress?: (done: number, total: number) => void;
  /** Ctrl-C: aborting before the commit rolls everything back; its reason is thrown. */
  signal?: AbortSignal;
}

export interface ExistingRows {
  /** Rows that changed an existing person (`update`), with the person as it is now. */
  updated: MatchedRow[];
  /** Rows of existing people left as they are (`skip`, or `update` with nothing different). */
  skipped: MatchedRow[];
}

export type ImportResult = { ignoredColumns: string[] } & (
  | { status: 'invalid'; errors: CsvRowError[] }
  | ({ status: 'valid'; count: number; created: number } & ExistingRows)
  | ({ status: 'imported'; imported: ImportedPerson[]; deliveries: InvitationDelivery[] } & ExistingRows)
);

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
  const parsed = parsePersonsCsv(request.csv, { ignoreUnknownColumns: request.ignoreUnknownColumns });
  const { ignoredColumns } = parsed;
  if (parsed.errors.length > 0) return { status: 'invalid', errors: byLine(parsed.errors), ignoredColumns };
  const cards = request.invite ? (request.cards ?? null) : null;

  const now = deps.clock();
  // Thousands of rows in one transaction: no deadline (transactionWithCards lifts it).
  const result = await transactionWithCards(deps.db, cards, async (tx, keep) => {
    const { fresh, matched, errors } = await matchExisting(tx, parsed.persons, request.onExisting ?? 'fail');
    if (request.send && !cards) {
      for (const p of fresh)
        if (!p.input.email)
          errors.push({ line: p.line, reason: "pas d'e-mail : impossible d'envoyer l'invitation (--send)" });
    }
    const existing: ExistingRows = {
      updated: matched.filter((row) => Object.keys(row.changes).length > 0),
      skipped: matched.filter((row) => Object.keys(row.changes).length === 0),
    };
    if (errors.length > 0 || request.dryRun) return { errors, fresh, existing, imported: [] };
    const imported = await importPersons(tx, fresh, {
      actor: actor.actor,
      now,
      invite: request.invite !== null,
      keys: deps.inviteKeys,
      validityMs: request.invite?.validityMs,
      onProgress: request.onProgress && ((done) => request.onProgress!(done, fresh.length)),
      signal: request.signal,
    });
    const persons = await applyUpdates(tx, existing.updated, { actor: actor.actor, now });
    existing.updated = existing.updated.map((row, i) => ({ ...row, person: persons[i]! }));
    if (cards && imported.length > 0) {
      const items = imported.map(({ person, invite }) => ({ person, invite: invite! }));
      keep(await stageInviteCards(tx, items, { actor: actor.actor, now, file: cards.file, sheet: cards.sheet }));
    }
    request.signal?.throwIfAborted(); // the last moment before COMMIT
    return { errors, fresh, existing, imported };
  });
  if (result.errors.length > 0) return { status: 'invalid', errors: byLine(result.errors), ignoredColumns };
  if (request.dryRun) {
    const count = parsed.persons.length;
    return { status: 'valid', count, created: result.fresh.length, ...result.existing, ignoredColumns };
  }

  const invitations = result.imported
    .filter(({ person }) => person.email)
    .map(({ person, invite }) => ({ person, invite: invite! }));
  const deliveries = request.send ? await sendInvitations(deps, invitations) : [];
  return { status: 'imported', imported: result.imported, deliveries, ...result.existing, ignoredColumns };
}
