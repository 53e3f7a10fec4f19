import { EmailParams, Recipient, Sender } from 'mailersend';
import type { Mailbox, MailMessage } from './message.js';

// Tracking rewrites links through MailerSend's domain and adds a pixel: for e-mails that carry
// one-time links and codes, that leaks them to a third party and breaks "GET never consumes".
export const TRACKING_OFF = { track_clicks: false, track_opens: false, track_content: false } as const;

/**
 * The body POSTed to MailerSend's /email. The outbox writes the same body, so what a developer
 * reads there is exactly what production would have sent.
 */
export function buildEmailParams(from: Mailbox, message: MailMessage): EmailParams {
  return new EmailParams()
    .setFrom(new Sender(from.email, from.name))
    .setTo([new Recipient(message.to.email, message.to.name)])
    .setSubject(message.subject)
    .setText(message.text)
    .setHtml(message.html)
    .setSettings({ ...TRACKING_OFF });
}
