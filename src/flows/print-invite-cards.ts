import type { ActorContext } from '../actor.js';
import type { CardSheet } from '../cards/card-text.js';
import { transactionWithCards } from '../cards/cards-transaction.js';
import { type CardInvite, stageInviteCards } from '../cards/stage-invite-cards.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/client.js';
import type { InviteCodeKeys } from '../invites/code-keys.js';
import { issueInvite } from '../invites/issue-invite.js';
import type { Person } from '../persons/person.js';

export interface PrintInviteCards {
  persons: Person[];
  validityMs?: number;
  file: string;
  force: boolean;
  sheet: CardSheet;
}

export interface PrintedInviteCards {
  file: string;
  issued: { person: Person; invite: CardInvite['invite'] & { person_id: number } }[];
  expiresAt: Date | null;
}

/**
 * An admin prints invitation cards: one new invitation per person, issued exactly as
 * `invites issue` does (earlier live ones revoked, active or revoked accesses refused), all in
 * one transaction with the cards' audit; the PDF gets its name only after the commit, so a
 * failure leaves neither codes without a card nor a card with dead codes.
 */
export async function printInviteCards(
  deps: { db: Database; clock: Clock; inviteKeys: InviteCodeKeys },
  actor: Pick<ActorContext, 'actor'>,
  input: PrintInviteCards,
): Promise<PrintedInviteCards> {
  const now = deps.clock();
  const target = { file: input.file, force: input.force };
  const issued = await transactionWithCards(deps.db, target, async (tx, keep) => {
    const items: PrintedInviteCards['issued'] = [];
    for (const person of input.persons) {
      const invite = await issueInvite(tx, person.id, {
        actor: actor.actor,
        now,
        validityMs: input.validityMs,
        keys: deps.inviteKeys,
      });
      items.push({ person, invite });
    }
    keep(await stageInviteCards(tx, items, { actor: actor.actor, now, file: input.file, sheet: input.sheet }));
    return items;
  });
  return { file: input.file, issued, expiresAt: issued[0]?.invite.expires_at ?? null };
}
