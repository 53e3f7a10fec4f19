import type { RenderedEmail } from '../message.js';
import type { Signposts } from '../../signposts.js';
import { renderLayout, renderParagraph } from './layout.js';
import { signInLines, whomToContact } from './signpost-lines.js';

export interface AccessActivatedEmailInput {
  prenom: string;
  method: 'password' | 'google';
  site: Signposts;
}

export function renderAccessActivatedEmail(input: AccessActivatedEmailInput): RenderedEmail {
  const subject = 'Votre accès ZDL est activé';
  const greeting = `Bonjour ${input.prenom},`;
  const how =
    input.method === 'google'
      ? 'Votre accès ZDL est activé. Vous vous connecterez avec votre compte Google.'
      : 'Votre accès ZDL est activé. Vous vous connecterez avec votre adresse e-mail et le mot de passe que vous venez de choisir.';
  const notYou = `Si vous n’êtes pas à l’origine de cette activation, contactez rapidement ${whomToContact(input.site)}.`;
  const onward = signInLines(input.site);
  const text = [greeting, '', how, '', ...onward.text, notYou, ''].join('\n');
  const body = [renderParagraph(greeting), renderParagraph(how), ...onward.html, renderParagraph(notYou)];
  return { subject, text, html: renderLayout(subject, body) };
}
