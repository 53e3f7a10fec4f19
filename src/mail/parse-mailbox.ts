import { ZdlError } from '../errors.js';
import type { Mailbox } from './message.js';

// ZDL_MAIL_FROM is written the way people write it in a mail client (« ZDL <acces@zdl.org> »);
// MailerSend wants the name and the address as separate fields.

const NAME_ADDR = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<]*?))\s*<\s*([^<>\s@]+@[^<>\s@]+)\s*>\s*$/;
const BARE_ADDR = /^\s*([^<>\s@]+@[^<>\s@]+)\s*$/;

export function parseMailbox(value: string): Mailbox {
  const named = NAME_ADDR.exec(value);
  if (named) {
    const name = (named[1]?.replace(/\\(.)/g, '$1') ?? named[2] ?? '').trim();
    const email = named[3] as string;
    return name === '' ? { email } : { email, name };
  }
  const bare = BARE_ADDR.exec(value);
  if (bare) return { email: bare[1] as string };
  throw new ZdlError(
    'INVALID_CONFIG',
    'usage',
    `Configuration invalide :\n  ZDL_MAIL_FROM : attendu « Nom <adresse@domaine> » ou une adresse, reçu « ${value} »`,
    { details: { variables: ['ZDL_MAIL_FROM'] } },
  );
}
