import type { RenderedEmail } from '../message.js';
import { renderLayout, renderParagraph } from './layout.js';

// Lets an admin check the MailerSend key, the sender domain and spam filtering end to end.
export function renderTestEmail(): RenderedEmail {
  const subject = 'E-mail de test ZDL';
  const lines = [
    'Bonjour,',
    'Ce message de test confirme que ZDL peut envoyer des e-mails.',
    'Vous n’avez rien à faire.',
  ];
  return {
    subject,
    text: `${lines.join('\n\n')}\n`,
    html: renderLayout(
      subject,
      lines.map((line) => renderParagraph(line)),
    ),
  };
}
