import type { Sql } from '../db/client.js';
import { ZdlError } from '../errors.js';
import { type InviteRef, matchInvite } from '../invites/invite-match.js';
import { type InviteStatus, inviteStatusExpression } from '../invites/invite-status.js';

/**
 * Why an invitation that exists cannot be used. Told to whoever holds its code, on the link's GET
 * and on the form's answers: codes carry 55 bits and guesses are rate-limited, so nobody learns
 * a code's state without holding it — and its holder needs the next step (sign in, or ask for a
 * new code), not a riddle. Unknown and malformed codes keep the neutral message; both paths run
 * the same indexed lookup, so the response time does not tell them apart either.
 */
export type DeadInvite = 'used' | 'expired' | 'revoked' | 'access_revoked';

const MESSAGES: Record<Exclude<DeadInvite, 'access_revoked'> | 'unknown', string> = {
  unknown: "Ce code d'invitation n'est pas valable. Vérifiez-le, ou demandez un nouveau code à un administrateur.",
  used: 'Ce code a déjà servi : votre accès est activé. Connectez-vous, ou utilisez « Mot de passe oublié ».',
  expired: "Ce code d'invitation a expiré. Demandez-en un nouveau à un administrateur de l'association.",
  revoked: "Ce code d'invitation a été remplacé ou annulé. Utilisez le dernier reçu, ou demandez-en un nouveau.",
};

export function invalidCodeError(reason: keyof typeof MESSAGES = 'unknown'): ZdlError<'INVALID_INVITE'> {
  return new ZdlError('INVALID_INVITE', 'invalid', MESSAGES[reason], { details: { reason } });
}

export function accessRevokedError(): ZdlError<'ACCESS_REVOKED'> {
  return new ZdlError(
    'ACCESS_REVOKED',
    'conflict',
    "Votre accès a été révoqué : adressez-vous à un administrateur de l'association.",
  );
}

/** The state of an invitation that can no longer be used; null when unknown, malformed or still live. */
export async function findDeadInvite(sql: Sql, invite: InviteRef, now: Date): Promise<DeadInvite | null> {
  const condition = matchInvite(sql, invite);
  if (!condition) return null;
  const [row] = await sql<{ status: InviteStatus; access_revoked: boolean }[]>`
    select ${inviteStatusExpression(sql, now)} as status, coalesce(a.revoked_at is not null, false) as access_revoked
    from zdl.user_invites i left join zdl.accounts a on a.personne_id = i.personne_id
    where ${condition}
    order by i.id desc limit 1`;
  if (!row) return null;
  // Revoking access also revokes the invitation: its holder is told why.
  if (row.access_revoked) return 'access_revoked';
  return row.status === 'pending' ? null : row.status;
}

/** The refusal for an invitation that could not be used. */
export async function explainUnusableInvite(
  sql: Sql,
  invite: InviteRef,
  now: Date,
): Promise<ZdlError<'INVALID_INVITE' | 'ACCESS_REVOKED'>> {
  const dead = await findDeadInvite(sql, invite, now);
  if (dead === 'access_revoked') return accessRevokedError();
  return invalidCodeError(dead ?? 'unknown');
}
