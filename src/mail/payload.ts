import { EmailParams, Recipient, Sender } from 'mailersend';
import type { Mailbox, MailMessage } from './message.js';

// Tracking rewrites links through MailerSend's domain and adds a pixel: for e-mails that carry
// one-time links and codes, that leaks them to a third party and breaks "GET never consumes".
const TRACKING_OFF = { track_clicks: false, track_opens: false, track_content: false } as const;

/**
 * A display name MailerSend accepts: it refuses `,` and `;` (422 « to.0.name may not contain ; or , »),
 * so « Martin, Jr » is sent as « Martin Jr »; control characters go too. An empty result means
 * no name, and the address alone is used.
 */
function cleanDisplayName(name: string | undefined): string | undefined {
  const cleaned = (name ?? '')
    .replace(/[,;\p{Cc}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned === '' ? undefined : cleaned;
}

/**
 * The body POSTed to MailerSend's /email. The outbox writes the same body, so what a developer
 * reads there is exactly what production would have sent.
 */
export function buildEmailParams(from: Mailbox, message: MailMessage): EmailParams {
  return new EmailParams()
    .setFrom(new Sender(from.email, cleanDisplayName(from.name)))
    .setTo([new Recipient(message.to.email, cleanDisplayName(message.to.name))])
    .setSubject(message.subject)
    .setText(message.text)
    .setHtml(message.html)
    .setSettings({ ...TRACKING_OFF });
}
