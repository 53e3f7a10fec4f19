import type { RenderedEmail } from '../message.js';
import { RESET_VALIDITY_MINUTES } from '../../auth/password-reset.js';
import { html } from '../../html.js';
import { renderButton, renderCode, renderLayout, renderParagraph } from './layout.js';

export interface PasswordResetEmailInput {
  prenom: string;
  /** Full link, from buildResetUrl(publicUrl, token). */
  resetUrl: string;
  /** The 6-digit code asked on the reset page. */
  otp: string;
}

export function renderPasswordResetEmail(input: PasswordResetEmailInput): RenderedEmail {
  const subject = 'Réinitialisation de votre mot de passe ZDL';
  const minutes = RESET_VALIDITY_MINUTES;
  const greeting = `Bonjour ${input.prenom},`;
  const intro = 'Une réinitialisation du mot de passe de votre accès ZDL a été demandée.';
  const notYou =
    'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.';
  const text = [
    greeting,
    '',
    intro,
    'Pour choisir un nouveau mot de passe, ouvrez ce lien :',
    input.resetUrl,
    '',
    'puis saisissez ce code à 6 chiffres :',
    `    ${input.otp}`,
    '',
    `Le lien et le code sont valables ${minutes} minutes et ne servent qu’une fois.`,
    '',
    notYou,
    '',
  ].join('\n');
  const body = [
    renderParagraph(greeting),
    renderParagraph(intro),
    renderButton(input.resetUrl, 'Choisir un nouveau mot de passe'),
    renderParagraph('Sur cette page, saisissez ce code à 6 chiffres :'),
    renderCode(input.otp),
    renderParagraph(
      html`Le lien et le code sont valables <strong>${minutes} minutes</strong> et ne servent qu’une fois.`,
    ),
    renderParagraph(notYou),
  ];
  return { subject, text, html: renderLayout(subject, body) };
}
