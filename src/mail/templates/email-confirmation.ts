import { RESET_VALIDITY_MINUTES } from '../../auth/password-reset.js';
import { html } from '../../html.js';
import type { RenderedEmail } from '../message.js';
import { renderButton, renderCode, renderLayout, renderParagraph } from './layout.js';

export interface EmailConfirmationInput {
  prenom: string;
  /** Full link, from buildConfirmEmailUrl(publicUrl, token). */
  confirmUrl: string;
  /** The 6-digit code asked on the page « Confirmez votre adresse e-mail ». */
  otp: string;
}

/** Sent to an address typed at activation that is not the one on file: the access waits for it. */
export function renderEmailConfirmationEmail(input: EmailConfirmationInput): RenderedEmail {
  const subject = 'Confirmez votre adresse e-mail pour activer votre accès ZDL';
  const minutes = RESET_VALIDITY_MINUTES;
  const greeting = `Bonjour ${input.prenom},`;
  const intro = 'Cette adresse a été saisie pour activer un accès ZDL. L’accès sera activé dès qu’elle sera confirmée.';
  const notYou =
    'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : aucun accès ne sera relié à cette adresse.';
  const text = [
    greeting,
    '',
    intro,
    'Pour la confirmer, ouvrez ce lien :',
    input.confirmUrl,
    '',
    'ou saisissez ce code à 6 chiffres sur la page d’activation :',
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
    renderButton(input.confirmUrl, 'Confirmer mon adresse e-mail'),
    renderParagraph('Ou saisissez ce code à 6 chiffres sur la page d’activation :'),
    renderCode(input.otp),
    renderParagraph(
      html`Le lien et le code sont valables <strong>${minutes} minutes</strong> et ne servent qu’une fois.`,
    ),
    renderParagraph(notYou),
  ];
  return { subject, text, html: renderLayout(subject, body) };
}
