import { invalidConfig } from '../env-reader.js';
import type { Mailbox } from './message.js';

// ZDL_MAIL_FROM is written the way people write it in a mail client (« ZDL <acces@zdl.org> »);
// MailerSend wants the name and the address as separate fields.

const NAME_ADDR = /^\s*(?:"((?:[^"\\]|\\.)*)"|([^<]*?))\s*<\s*([^<>\s@]+@[^<>\s@]+)\s*>\s*$/;
export const MAILBOX_EXPECTED = 'attendu « Nom <adresse@domaine> » ou une adresse';
const BARE_ADDR = /^\s*([^<>\s@]+@[^<>\s@]+)\s*$/;

/** The mailbox in `value`, or undefined when it is not « Nom <adresse> » or a bare address. */
export function matchMailbox(value: string): Mailbox | undefined {
  const named = NAME_ADDR.exec(value);
  if (named) {
    const name = (named[1]?.replace(/\\(.)/g, '$1') ?? named[2] ?? '').trim();
    const email = named[3] as string;
    return name === '' ? { email } : { email, name };
  }
  const bare = BARE_ADDR.exec(value);
  return bare ? { email: bare[1] as string } : undefined;
}

export function parseMailbox(value: string): Mailbox {
  const mailbox = matchMailbox(value);
  if (mailbox) return mailbox;
  throw invalidConfig([{ variable: 'ZDL_MAIL_FROM', message: `${MAILBOX_EXPECTED}, reçu « ${value} »` }]);
}
