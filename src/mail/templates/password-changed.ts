import type { RenderedEmail } from '../message.js';
import { html } from '../../html.js';
import { formatParisDateTime } from './format-date.js';
import type { Signposts } from '../../signposts.js';
import { renderLayout, renderParagraph } from './layout.js';
import { signInLines, whomToContact } from './signpost-lines.js';

export interface PasswordChangedEmailInput {
  prenom: string;
  changedAt: Date;
  site: Signposts;
}

// Sent after every change so that a takeover does not go unnoticed by the account's owner.
export function renderPasswordChangedEmail(input: PasswordChangedEmailInput): RenderedEmail {
  const subject = 'Le mot de passe de votre accès ZDL a été modifié';
  const greeting = `Bonjour ${input.prenom},`;
  const when = `${formatParisDateTime(input.changedAt)} (heure de Paris)`;
  const notYou = `Si ce n’est pas vous, contactez immédiatement ${whomToContact(input.site)} : quelqu’un d’autre a peut-être accès à votre compte.`;
  const onward = signInLines(input.site);
  const text = [
    greeting,
    '',
    `Le mot de passe de votre accès ZDL a été modifié le ${when}.`,
    '',
    'Si c’est vous, vous n’avez rien à faire.',
    '',
    ...onward.text,
    notYou,
    '',
  ].join('\n');
  const body = [
    renderParagraph(greeting),
    renderParagraph(html`Le mot de passe de votre accès ZDL a été modifié le <strong>${when}</strong>.`),
    renderParagraph('Si c’est vous, vous n’avez rien à faire.'),
    ...onward.html,
    renderParagraph(html`<strong>${notYou}</strong>`),
  ];
  return { subject, text, html: renderLayout(subject, body) };
}
