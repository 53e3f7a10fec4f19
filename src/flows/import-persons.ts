import type { ActorContext } from '../actor.js';
import type { CardSheet } from '../cards/card-text.js';
import { type CardsTarget, transactionWithCards } from '../cards/cards-transaction.js';
import { stageInviteCards } from '../cards/stage-invite-cards.js';
import { createPersonsWriter, type ImportedPerson } from '../persons/import-persons.js';
import { applyUpdates, loadExistingMatcher, type MatchedRow, type OnExisting } from '../persons/match-existing.js';
import { type CsvRowError, readPersonsCsv } from '../persons/parse-persons-csv.js';
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
  /** After each batch the database has taken: the rows written so far (the total is known at the end). */
  onProgress?: (done: number) => void;
  /** Ctrl-C: aborting before the commit rolls everything back; its reason is thrown. */
  signal?: AbortSignal;
  /** Rows read and written at a time (10 000; tests cross batch boundaries with a few rows). */
  batchSize?: number;
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

/** Thrown out of the transaction to roll back the batches written before a bad row was read. */
class RowsRefused extends Error {
  constructor(
    readonly errors: CsvRowError[],
    readonly ignoredColumns: string[],
  ) {
    super('rows refused');
  }
}

/**
 * An admin imports a CSV: all rows or none, in one transaction; any bad row is reported with its
 * line. The file is read batch by batch inside the transaction: while the database writes one
 * batch, the next is read and validated; the first bad row stops the writing, the rest of the file
 * is still read for its errors, and the transaction rolls back. With cards, their PDF is staged in
 * that transaction and published after its commit.
 */
export async function importPersonsFromCsv(
  deps: Pick<FlowDeps, 'db' | 'mailer' | 'clock' | 'publicUrl' | 'inviteKeys'>,
  actor: Pick<ActorContext, 'actor'>,
  request: ImportRequest,
): Promise<ImportResult> {
  const cards = request.invite ? (request.cards ?? null) : null;
  const now = deps.clock();
  // Thousands of rows in one transaction: no deadline (transactionWithCards lifts it).
  const outcome = await transactionWithCards(deps.db, cards, async (tx, keep) => {
    const match = await loadExistingMatcher(tx, request.onExisting ?? 'fail');
    const writer = request.dryRun
      ? null
      : createPersonsWriter(tx, {
          actor: actor.actor,
          now,
          invite: request.invite !== null,
          keys: deps.inviteKeys,
          validityMs: request.invite?.validityMs,
          onProgress: request.onProgress,
          signal: request.signal,
        });
    const errors: CsvRowError[] = [];
    const matched: MatchedRow[] = [];
    let created = 0;
    const { ignoredColumns } = await readPersonsCsv(request.csv, {
      ignoreUnknownColumns: request.ignoreUnknownColumns,
      batchSize: request.batchSize,
      onBatch: async (batch) => {
        const found = match(batch.persons);
        errors.push(...batch.errors, ...found.errors);
        if (request.send && !cards) {
          for (const p of found.fresh)
            if (!p.input.email)
              errors.push({ line: p.line, reason: "pas d'e-mail : impossible d'envoyer l'invitation (--send)" });
        }
        matched.push(...found.matched);
        created += found.fresh.length;
        if (writer && errors.length === 0) await writer.write(found.fresh);
      },
    });
    if (errors.length > 0) throw new RowsRefused(errors, ignoredColumns);
    const existing: ExistingRows = {
      updated: matched.filter((row) => Object.keys(row.changes).length > 0),
      skipped: matched.filter((row) => Object.keys(row.changes).length === 0),
    };
    if (!writer) return { ignoredColumns, created, existing, imported: null };
    const imported = await writer.finish();
    const persons = await applyUpdates(tx, existing.updated, { actor: actor.actor, now });
    existing.updated = existing.updated.map((row, i) => ({ ...row, person: persons[i]! }));
    if (cards && imported.length > 0) {
      const items = imported.map(({ person, invite }) => ({ person, invite: invite! }));
      keep(await stageInviteCards(tx, items, { actor: actor.actor, now, file: cards.file, sheet: cards.sheet }));
    }
    request.signal?.throwIfAborted(); // the last moment before COMMIT
    return { ignoredColumns, created, existing, imported };
  }).catch((error: unknown) => {
    if (error instanceof RowsRefused) return error;
    throw error;
  });
  if (outcome instanceof RowsRefused) {
    return { status: 'invalid', errors: byLine(outcome.errors), ignoredColumns: outcome.ignoredColumns };
  }
  const { ignoredColumns, created, existing, imported } = outcome;
  if (imported === null) {
    const count = created + existing.updated.length + existing.skipped.length;
    return { status: 'valid', count, created, ...existing, ignoredColumns };
  }

  const invitations = imported
    .filter(({ person }) => person.email)
    .map(({ person, invite }) => ({ person, invite: invite! }));
  const deliveries = request.send ? await sendInvitations(deps, invitations) : [];
  return { status: 'imported', imported, deliveries, ...existing, ignoredColumns };
}
