import path from 'node:path';
import type { ActorContext } from '../actor.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import { buildActivationUrl } from '../mail/templates/links.js';
import { stageCardsFile } from './cards-file.js';
import { renderCardsPdf } from './cards-pdf.js';
import type { CardSheet } from './card-text.js';

export interface CardInvite {
  person: { id: number; nom: string; prenom: string };
  invite: { id: number; code: string; expires_at: Date };
}

/**
 * Inside the transaction that issued the invitations: renders their cards, stages the PDF next
 * to `file` (see cards-file.ts) and audits, per person, that a card was printed (the invitation's
 * id and the file, never the code). The caller publishes the staged file after the commit, or
 * discards it if the transaction fails.
 */
export async function stageInviteCards(
  sql: Sql,
  items: CardInvite[],
  options: ActorContext & { file: string; sheet: CardSheet },
): Promise<string> {
  const cards = items.map(({ person, invite }) => ({
    prenom: person.prenom,
    nom: person.nom,
    code: invite.code,
    link: buildActivationUrl(options.sheet.publicUrl, invite.code),
    expiresAt: invite.expires_at,
  }));
  const staged = await stageCardsFile(options.file, await renderCardsPdf(cards, options.sheet));
  for (const { person, invite } of items) {
    await recordAudit(
      sql,
      {
        actor: options.actor,
        action: 'invite.card_printed',
        personId: person.id,
        detail: { invite_id: invite.id, file: path.resolve(options.file), cards: items.length },
      },
      options.now,
    );
  }
  return staged;
}
