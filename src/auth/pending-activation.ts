import type { ActorContext } from '../actor.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Sql } from '../db/client.js';
import { ZdlError } from '../errors.js';
import { lockPerson } from '../persons/lock-person.js';
import type { InviteHolder } from './activate-account.js';
import { explainUnusableInvite } from './unusable-invite.js';
import { MAX_CONSECUTIVE_FAILURES, RESET_VALIDITY_MS } from './password-reset.js';
import { generateOtp, generateResetToken, hashOtp, hashToken } from './secrets.js';

// An activation whose typed address is not the one on file: nothing is spent, nothing is in
// zdl.accounts; a link and a code go to the typed address, and confirming it activates
// (confirm-pending-activation.ts). Same rules as a reset: hashed, 20 minutes, 5 attempts.

export const CONFIRMATION_VALIDITY_MS = RESET_VALIDITY_MS;
/** Confirmation e-mails per invitation and window: the form cannot be used to flood an address. */
export const CONFIRMATION_EMAILS_PER_WINDOW = 3;
export const CONFIRMATION_EMAIL_WINDOW_MS = 15 * 60_000;

/** The one rule: possession of the code proves the mailbox the invitation was sent to, no other. */
export function isAddressOnFile(typed: string, onFile: string | null): boolean {
  return onFile !== null && typed.trim().toLowerCase() === onFile.trim().toLowerCase();
}

export interface CreatedConfirmation extends InviteHolder {
  email: string;
  /** In the e-mail's link, never stored. */
  token: string;
  /** In the confirmation page's form, never stored. */
  formToken: string;
  /** In the e-mail, never stored. */
  otp: string;
  expires_at: Date;
}

function limited(message: string): ZdlError<'CONFIRMATION_LIMITED'> {
  return new ZdlError('CONFIRMATION_LIMITED', 'conflict', message);
}

interface PendingCounters {
  window_started_at: Date;
  emails_in_window: number;
  failures: number;
}

/**
 * Records (or replaces) the invitation's pending activation for the typed address. The person
 * row is locked first (one lock order, README « Security guarantees »), then the invitation is
 * re-checked; an address another account uses is refused now (and again at confirmation).
 */
export async function startPendingActivation(
  sql: Sql,
  input: { inviteId: number; email: string; passwordHash: string },
  ctx: ActorContext,
): Promise<CreatedConfirmation> {
  // The flow found the invitation by its code (nothing spent); here it is re-checked by id.
  const [found] = await sql<{ personne_id: number }[]>`
    select personne_id from zdl.user_invites where id = ${input.inviteId}`;
  if (!found) throw await explainUnusableInvite(sql, { inviteId: input.inviteId }, ctx.now);
  await lockPerson(sql, found.personne_id);
  const [target] = await sql<InviteHolder[]>`
    select i.id as invite_id, p.id as personne_id, p.nom, p.prenom
    from zdl.user_invites i join zdl.personnes p on p.id = i.personne_id
    where i.id = ${input.inviteId} and i.used_at is null and i.revoked_at is null and i.expires_at > ${ctx.now}
    for update of i`;
  const [account] = await sql`select 1 from zdl.accounts where personne_id = ${found.personne_id}`;
  if (!target || account) throw await explainUnusableInvite(sql, { inviteId: input.inviteId }, ctx.now);
  const [taken] = await sql`select 1 from zdl.accounts where lower(email) = lower(${input.email})`;
  if (taken) {
    throw new ZdlError(
      'ACCOUNT_EMAIL_TAKEN',
      'conflict',
      'Cette adresse e-mail est déjà utilisée par un autre compte. Choisissez-en une autre.',
    );
  }

  const [previous] = await sql<PendingCounters[]>`
    select window_started_at, emails_in_window, failures from zdl.pending_activations
    where invite_id = ${target.invite_id} for update`;
  const windowOpen =
    previous !== undefined && previous.window_started_at.getTime() > ctx.now.getTime() - CONFIRMATION_EMAIL_WINDOW_MS;
  if (windowOpen && previous.emails_in_window >= CONFIRMATION_EMAILS_PER_WINDOW) {
    throw limited('Trop d’e-mails de confirmation envoyés pour ce code : attendez un quart d’heure, puis recommencez.');
  }
  if ((previous?.failures ?? 0) >= MAX_CONSECUTIVE_FAILURES) {
    throw limited(
      "Trop de codes de confirmation incorrects pour ce code d'invitation : demandez un nouveau code à un administrateur.",
    );
  }

  const token = generateResetToken();
  const formToken = generateResetToken();
  const otp = generateOtp();
  const expiresAt = new Date(ctx.now.getTime() + CONFIRMATION_VALIDITY_MS);
  const windowStartedAt = windowOpen ? previous.window_started_at : ctx.now;
  const emailsInWindow = windowOpen ? previous.emails_in_window + 1 : 1;
  // The latest typed address wins: the earlier link and form die with their hashes.
  await sql`
    insert into zdl.pending_activations (invite_id, personne_id, email, password_hash, token_hash, form_hash,
      otp_hash, attempts, failures, window_started_at, emails_in_window, created_at, expires_at, invalidated_at)
    values (${target.invite_id}, ${target.personne_id}, ${input.email}, ${input.passwordHash}, ${hashToken(token)},
      ${hashToken(formToken)}, ${hashOtp(formToken, otp)}, 0, ${previous?.failures ?? 0}, ${windowStartedAt},
      ${emailsInWindow}, ${ctx.now}, ${expiresAt}, null)
    on conflict (invite_id) do update set email = excluded.email, password_hash = excluded.password_hash,
      token_hash = excluded.token_hash, form_hash = excluded.form_hash, otp_hash = excluded.otp_hash,
      attempts = 0, window_started_at = excluded.window_started_at, emails_in_window = excluded.emails_in_window,
      created_at = excluded.created_at, expires_at = excluded.expires_at, invalidated_at = null`;
  await recordAudit(
    sql,
    {
      actor: ctx.actor,
      action: 'access.confirmation_sent',
      personId: target.personne_id,
      detail: { invite_id: target.invite_id },
    },
    ctx.now,
  );
  return { ...target, email: input.email, token, formToken, otp, expires_at: expiresAt };
}

/** The provider refused the confirmation e-mail: it no longer counts toward the window's cap. */
export async function markConfirmationMailFailed(sql: Sql, inviteId: number, formToken: string): Promise<void> {
  await sql`update zdl.pending_activations set emails_in_window = greatest(emails_in_window - 1, 0)
    where invite_id = ${inviteId} and form_hash = ${hashToken(formToken)}`;
}
