import type { ActorContext } from '../actor.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { ZdlError } from '../errors.js';
import { type InviteRef, matchInvite, type TypedCode } from '../invites/invite-match.js';
import { lockPerson } from '../persons/lock-person.js';
import { accessRevokedError, explainUnusableInvite, invalidCodeError } from './unusable-invite.js';

export interface InviteHolder {
  invite_id: number;
  personne_id: number;
  nom: string;
  prenom: string;
}

/** A pending invitation's holder, with the e-mail on file (the address the invitation went to). */
export interface PendingInviteHolder extends InviteHolder {
  email_on_file: string | null;
}

/** Reads a pending invitation without consuming it (to check the password against the name). */
export async function findPendingInvite(sql: Sql, typed: TypedCode, now: Date): Promise<PendingInviteHolder | null> {
  const matches = matchInvite(sql, typed);
  if (!matches) return null;
  const [row] = await sql<PendingInviteHolder[]>`
    select i.id as invite_id, p.id as personne_id, p.nom, p.prenom, p.email as email_on_file
    from zdl.user_invites i join zdl.personnes p on p.id = i.personne_id
    where ${matches}
      and i.used_at is null and i.revoked_at is null and i.expires_at > ${now}`;
  return row ?? null;
}

function inviteCondition(sql: Sql, invite: InviteRef, expectedId?: number) {
  const matches = matchInvite(sql, invite);
  if (!matches) throw invalidCodeError();
  const sameId = expectedId === undefined ? sql`` : sql`and i.id = ${expectedId}`;
  return sql`${matches} ${sameId}`;
}

/**
 * Spends the invitation with one conditional UPDATE, so that of two simultaneous activations
 * exactly one wins; the caller's transaction then creates the account or rolls both back.
 */
async function consumeInvite(sql: Sql, invite: InviteRef, now: Date, expectedId?: number): Promise<InviteHolder> {
  const condition = inviteCondition(sql, invite, expectedId);
  // One lock order for every flow that touches a person: the person row first, then its
  // invitations and account (revoke, re-issue and restore do the same), else activation and
  // an admin command each hold what the other waits for (40P01). The UPDATE below re-checks
  // the invitation once the lock is ours, so a revocation or re-issue committed meanwhile wins.
  const [target] = await sql<{ personne_id: number }[]>`
    select i.personne_id from zdl.user_invites i where ${condition}`;
  if (target) await lockPerson(sql, target.personne_id);
  const [row] = await sql<InviteHolder[]>`
    update zdl.user_invites i set used_at = ${now}
    from zdl.personnes p
    where p.id = i.personne_id and ${condition}
      and i.used_at is null and i.revoked_at is null and i.expires_at > ${now}
    returning i.id as invite_id, p.id as personne_id, p.nom, p.prenom`;
  if (row) return row;
  throw await explainUnusableInvite(sql, invite, now);
}

export type Credentials =
  | { method: 'password'; email: string; passwordHash: string }
  | { method: 'google'; email: string; googleSub: string };

export interface ActivatedAccount extends InviteHolder {
  account_id: number;
  email: string;
  method: Credentials['method'];
}

/** Creates the account of the invitation's Personne; the invitation is spent in the same transaction. */
export async function activateAccount(
  sql: Sql,
  invite: InviteRef,
  credentials: Credentials,
  ctx: ActorContext & { inviteId?: number },
): Promise<ActivatedAccount> {
  const holder = await consumeInvite(sql, invite, ctx.now, ctx.inviteId);
  const [existing] = await sql<{ activated_at: Date | null; revoked_at: Date | null }[]>`
    select activated_at, revoked_at from zdl.accounts where personne_id = ${holder.personne_id} for update`;
  if (existing?.revoked_at) throw accessRevokedError();
  if (existing?.activated_at) throw invalidCodeError(); // already active: the code is stale
  let accountId: number;
  try {
    const [account] = await sql<{ id: number }[]>`
      insert into zdl.accounts (personne_id, email, password_hash, google_sub, activated_at, created_at, updated_at)
      values (${holder.personne_id}, ${credentials.email},
              ${credentials.method === 'password' ? credentials.passwordHash : null},
              ${credentials.method === 'google' ? credentials.googleSub : null},
              ${ctx.now}, ${ctx.now}, ${ctx.now})
      returning id`;
    accountId = account!.id;
  } catch (error) {
    if (isUniqueViolation(error, 'accounts_email_key')) {
      throw new ZdlError(
        'ACCOUNT_EMAIL_TAKEN',
        'conflict',
        'Cette adresse e-mail est déjà utilisée par un autre compte. Choisissez-en une autre.',
      );
    }
    if (isUniqueViolation(error, 'accounts_google_sub_key')) {
      throw new ZdlError('GOOGLE_ACCOUNT_TAKEN', 'conflict', 'Ce compte Google est déjà relié à une autre personne.');
    }
    throw error;
  }
  await recordAudit(
    sql,
    {
      actor: ctx.actor,
      action: 'access.activated',
      personId: holder.personne_id,
      detail: { method: credentials.method, invite_id: holder.invite_id },
    },
    ctx.now,
  );
  return { ...holder, account_id: accountId, email: credentials.email, method: credentials.method };
}
