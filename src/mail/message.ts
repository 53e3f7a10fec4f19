// Shared shapes of the mail module. Kept free of runtime code so every other file can import it
// without pulling in the MailerSend SDK or the file system.

export type MailTemplate =
  | 'invitation'
  | 'password_reset'
  | 'email_confirmation'
  | 'access_activated'
  | 'password_changed'
  | 'test';

export interface Mailbox {
  email: string;
  name?: string;
}

/** What a template renders; the caller adds the recipient to make a MailMessage. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface MailMessage extends RenderedEmail {
  to: Mailbox;
  template: MailTemplate;
  /** Links the e-mail log row to a person; null/undefined for e-mails not about a person (test). */
  personId?: number | null;
}

export interface MailResult {
  status: 'sent' | 'outbox';
  messageId?: string;
  outboxFile?: string;
  /** MailerSend accepted the message but reported problems (e.g. every recipient suppressed). */
  warnings?: unknown[];
}

/**
 * One delivery attempt, as written to zdl.email_log. Deliberately has no subject/body field: the
 * bodies carry invitation codes, reset tokens and OTPs, which must never reach a log.
 */
export interface EmailAttempt {
  to: string;
  personId: number | null;
  template: MailTemplate;
  status: 'sent' | 'failed' | 'outbox';
  providerMessageId: string | null;
  attempt: number;
  error: string | null;
}

export type RecordAttempt = (attempt: EmailAttempt) => Promise<void>;

export type Sleep = (ms: number) => Promise<void>;

/** A French line for the operator (stderr in the CLI, the server log in the web process). */
export type Notice = (frenchLine: string) => void;

export interface Mailer {
  kind: 'mailersend' | 'outbox';
  send(message: MailMessage): Promise<MailResult>;
}
