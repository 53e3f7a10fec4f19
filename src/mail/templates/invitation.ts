import type { RenderedEmail } from '../message.js';
import { html } from '../../html.js';
import { formatParisDateTime } from './format-date.js';
import { renderButton, renderCode, renderLayout, renderParagraph } from './layout.js';

export interface InvitationEmailInput {
  prenom: string;
  nom: string;
  code: string;
  /** Full link, from buildActivationUrl(publicUrl, code). */
  activationUrl: string;
  expiresAt: Date;
}

export function renderInvitationEmail(input: InvitationEmailInput): RenderedEmail {
  const subject = 'Votre invitation à activer votre accès ZDL';
  const greeting = `Bonjour ${input.prenom} ${input.nom},`;
  const expiry = `${formatParisDateTime(input.expiresAt)} (heure de Paris)`;
  const text = [
    greeting,
    '',
    'Un accès à ZDL vous a été ouvert. Pour l’activer, ouvrez ce lien :',
    input.activationUrl,
    '',
    'Ou saisissez ce code sur la page d’activation :',
    `    ${input.code}`,
    '',
    `Le code et le lien sont valables jusqu’au ${expiry} et ne servent qu’une fois.`,
    '',
    'Si vous ne vous attendiez pas à cette invitation, ignorez simplement ce message.',
    '',
  ].join('\n');
  const body = [
    renderParagraph(greeting),
    renderParagraph('Un accès à ZDL vous a été ouvert. Pour l’activer, utilisez le bouton ci-dessous.'),
    renderButton(input.activationUrl, 'Activer mon accès'),
    renderParagraph('Ou saisissez ce code sur la page d’activation :'),
    renderCode(input.code),
    renderParagraph(
      html`Le code et le lien sont valables jusqu’au <strong>${expiry}</strong> et ne servent qu’une fois.`,
    ),
    renderParagraph('Si vous ne vous attendiez pas à cette invitation, ignorez simplement ce message.'),
  ];
  return { subject, text, html: renderLayout(subject, body) };
}
