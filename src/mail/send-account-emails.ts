import type { Signposts } from '../signposts.js';
import type { Mailer, MailResult } from './message.js';
import { renderAccessActivatedEmail } from './templates/access-activated.js';
import { renderInvitationEmail } from './templates/invitation.js';
import { renderEmailConfirmationEmail } from './templates/email-confirmation.js';
import { buildActivationUrl, buildConfirmEmailUrl, buildResetUrl } from './templates/links.js';
import { renderPasswordChangedEmail } from './templates/password-changed.js';
import { renderPasswordResetEmail } from './templates/password-reset.js';

// The e-mails of an account's life, addressed and rendered once for both edges (CLI and web).

interface Recipient {
  personne_id: number;
  email: string;
  nom: string;
  prenom: string;
}

const mailboxOf = (r: Recipient) => ({ email: r.email, name: `${r.prenom} ${r.nom}` });

export function sendInvitationEmail(
  mailer: Mailer,
  publicUrl: string,
  recipient: Recipient,
  invite: { code: string; expires_at: Date },
): Promise<MailResult> {
  const rendered = renderInvitationEmail({
    prenom: recipient.prenom,
    nom: recipient.nom,
    code: invite.code,
    activationUrl: buildActivationUrl(publicUrl, invite.code),
    expiresAt: invite.expires_at,
  });
  return mailer.send({
    ...rendered,
    to: mailboxOf(recipient),
    template: 'invitation',
    personId: recipient.personne_id,
  });
}

export function sendPasswordResetEmail(
  mailer: Mailer,
  publicUrl: string,
  reset: Recipient & { token: string; otp: string },
): Promise<MailResult> {
  const rendered = renderPasswordResetEmail({
    prenom: reset.prenom,
    resetUrl: buildResetUrl(publicUrl, reset.token),
    otp: reset.otp,
  });
  return mailer.send({ ...rendered, to: mailboxOf(reset), template: 'password_reset', personId: reset.personne_id });
}

/** To the address typed at activation (not the one on file), which the access waits for. */
export function sendEmailConfirmationEmail(
  mailer: Mailer,
  publicUrl: string,
  pending: Recipient & { token: string; otp: string },
): Promise<MailResult> {
  const rendered = renderEmailConfirmationEmail({
    prenom: pending.prenom,
    confirmUrl: buildConfirmEmailUrl(publicUrl, pending.token),
    otp: pending.otp,
  });
  return mailer.send({
    ...rendered,
    to: mailboxOf(pending),
    template: 'email_confirmation',
    personId: pending.personne_id,
  });
}

export function sendAccessActivatedEmail(
  mailer: Mailer,
  site: Signposts,
  account: Recipient & { method: 'password' | 'google' },
): Promise<MailResult> {
  const rendered = renderAccessActivatedEmail({ prenom: account.prenom, method: account.method, site });
  return mailer.send({
    ...rendered,
    to: mailboxOf(account),
    template: 'access_activated',
    personId: account.personne_id,
  });
}

export function sendPasswordChangedEmail(
  mailer: Mailer,
  site: Signposts,
  account: Recipient,
  changedAt: Date,
): Promise<MailResult> {
  const rendered = renderPasswordChangedEmail({ prenom: account.prenom, changedAt, site });
  return mailer.send({
    ...rendered,
    to: mailboxOf(account),
    template: 'password_changed',
    personId: account.personne_id,
  });
}
