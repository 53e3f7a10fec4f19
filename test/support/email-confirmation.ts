import type { ZdlApp } from '../../src/http/app.js';
import { inputValue, postForm, readOutbox } from './http.js';

export interface ConfirmationMail {
  /** The link's token (…/activate/confirm?token=…). */
  token: string;
  otp: string;
  url: string;
}

/** The latest confirmation e-mail sent to `email`: its link and its 6-digit code. */
export function confirmationMailTo(outbox: string, email: string): ConfirmationMail {
  const mails = readOutbox(outbox).filter(
    (m) => m.template === 'email_confirmation' && m.to[0]!.email.toLowerCase() === email.toLowerCase(),
  );
  const mail = mails.at(-1);
  if (!mail) throw new Error(`no confirmation e-mail to ${email}`);
  const url = /https?:\/\/\S+\/activate\/confirm\?token=\S+/.exec(mail.text)![0];
  const otp = /^ {4}(\d{6})$/m.exec(mail.text)![1]!;
  return { url, token: new URL(url).searchParams.get('token')!, otp };
}

/** The page « Confirmez votre adresse e-mail »'s form token. */
export function formTokenOf(page: string): string {
  const token = inputValue(page, 'form');
  if (!token) throw new Error('no confirmation form on this page');
  return token;
}

/** Types the e-mail's code into the page that announced it, as the person would. */
export async function confirmWithCode(app: ZdlApp, page: string, outbox: string, email: string): Promise<Response> {
  await app.settle();
  const { otp } = confirmationMailTo(outbox, email);
  return postForm(app, '/activate/confirm', { form: formTokenOf(page), otp });
}
