import type { ActorContext } from '../actor.js';
import { auditRowsFrom } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { ZdlError } from '../errors.js';
import { type InviteRef, matchInvite, type TypedCode } from '../invites/invite-match.js';
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

export type Credentials =
  | { method: 'password'; email: string; passwordHash: string }
  | { method: 'google'; email: string; googleSub: string };

export interface ActivatedAccount extends InviteHolder {
  account_id: number;
  email: string;
  method: Credentials['method'];
}

interface Activation extends InviteHolder {
  account_id: number | null;
  already_active: boolean;
  access_revoked: boolean;
}

/**
 * Creates the account of the invitation's Personne and spends the invitation, in the caller's
 * transaction: one conditional UPDATE, so that of two simultaneous activations exactly one wins.
 * The account, its audit row and the end of a pending confirmation for that invitation are
 * written by the same statement, only if the person has no active or revoked account (then the
 * refusal is thrown and the caller's transaction rolls the UPDATE back).
 */
export async function activateAccount(
  sql: Sql,
  invite: InviteRef,
  credentials: Credentials,
  ctx: ActorContext & { inviteId?: number },
): Promise<ActivatedAccount> {
  const condition = inviteCondition(sql, invite, ctx.inviteId);
  const { now } = ctx;
  // One lock order for every flow that touches a person: the person row first, then its
  // invitations and account (revoke, re-issue and restore do the same), else activation and
  // an admin command each hold what the other waits for (40P01). The UPDATE below re-checks
  // the invitation once the lock is ours, so a revocation or re-issue committed meanwhile wins.
  await sql`select p.id from zdl.personnes p join zdl.user_invites i on i.personne_id = p.id
    where ${condition} for update of p`;
  let row: Activation | undefined;
  try {
    [row] = await sql<Activation[]>`
      with consumed as (
        update zdl.user_invites i set used_at = ${now}
        from zdl.personnes p
        where p.id = i.personne_id and ${condition}
          and i.used_at is null and i.revoked_at is null and i.expires_at > ${now}
        returning i.id as invite_id, p.id as personne_id, p.nom, p.prenom
      ), existing as (
        select a.activated_at, a.revoked_at from zdl.accounts a join consumed c on c.personne_id = a.personne_id
        for update of a
      ), created as (
        insert into zdl.accounts (personne_id, email, password_hash, google_sub, activated_at, created_at, updated_at)
        select c.personne_id, ${credentials.email},
               ${credentials.method === 'password' ? credentials.passwordHash : null},
               ${credentials.method === 'google' ? credentials.googleSub : null}, ${now}, ${now}, ${now}
        from consumed c
        where not exists (select 1 from existing e where e.revoked_at is not null or e.activated_at is not null)
        returning id, personne_id
      ), audited as (
        ${auditRowsFrom(
          sql,
          { actor: ctx.actor, action: 'access.activated', at: now },
          sql`created a join consumed c using (personne_id)`,
          sql`a.personne_id`,
          sql`jsonb_build_object('method', ${credentials.method}::text, 'invite_id', c.invite_id)`,
        )}
      ), discarded as (
        delete from zdl.pending_activations pa using created a join consumed c using (personne_id)
        where pa.invite_id = c.invite_id
      )
      select c.invite_id, c.personne_id, c.nom, c.prenom, a.id as account_id,
             coalesce(e.activated_at is not null, false) as already_active,
             coalesce(e.revoked_at is not null, false) as access_revoked
      from consumed c left join existing e on true left join created a on true`;
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
  if (!row) throw await explainUnusableInvite(sql, invite, now);
  if (row.access_revoked) throw accessRevokedError();
  if (row.already_active || row.account_id === null) throw invalidCodeError(); // already active: the code is stale
  const { invite_id, personne_id, nom, prenom, account_id } = row;
  return { invite_id, personne_id, nom, prenom, account_id, email: credentials.email, method: credentials.method };
}
