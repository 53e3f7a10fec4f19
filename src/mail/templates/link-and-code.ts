import { RESET_VALIDITY_MINUTES } from '../../auth/password-reset.js';
import { html } from '../../html.js';
import type { RenderedEmail } from '../message.js';
import { renderButton, renderCode, renderLayout, renderParagraph } from './layout.js';

/** What differs between the e-mails that carry a link and a 6-digit code (reset, address check). */
export interface LinkAndCodeEmail {
  subject: string;
  prenom: string;
  intro: string;
  url: string;
  /** Plain text before the link, e.g. « Pour la confirmer, ouvrez ce lien : ». */
  linkLead: string;
  buttonLabel: string;
  /** Before the code in the plain text, and in the HTML (which shows a button, not the link). */
  codeLead: { text: string; html: string };
  otp: string;
  /** What to do when the message was not asked for. */
  notYou: string;
}

/** Both parts of a link-and-code e-mail: 20 minutes, single use (RESET_VALIDITY_MINUTES). */
export function renderLinkAndCodeEmail(email: LinkAndCodeEmail): RenderedEmail {
  const minutes = RESET_VALIDITY_MINUTES;
  const greeting = `Bonjour ${email.prenom},`;
  const text = [
    greeting,
    '',
    email.intro,
    email.linkLead,
    email.url,
    '',
    email.codeLead.text,
    `    ${email.otp}`,
    '',
    `Le lien et le code sont valables ${minutes} minutes et ne servent qu’une fois.`,
    '',
    email.notYou,
    '',
  ].join('\n');
  const body = [
    renderParagraph(greeting),
    renderParagraph(email.intro),
    renderButton(email.url, email.buttonLabel),
    renderParagraph(email.codeLead.html),
    renderCode(email.otp),
    renderParagraph(
      html`Le lien et le code sont valables <strong>${minutes} minutes</strong> et ne servent qu’une fois.`,
    ),
    renderParagraph(email.notYou),
  ];
  return { subject: email.subject, text, html: renderLayout(email.subject, body) };
}
