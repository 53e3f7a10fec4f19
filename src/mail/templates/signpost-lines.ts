import type { SafeHtml } from '../../html.js';
import { type Signposts, signInLabel } from '../../signposts.js';
import { renderButton } from './layout.js';

/** Whom to contact when something is wrong: ZDL_CONTACT when set, else the association's admins. */
export function whomToContact(site: Signposts): string {
  return site.contact ?? 'un administrateur de l’association';
}

/** The way onward once access works, in both parts of an e-mail; nothing without ZDL_APP_URL. */
export function signInLines(site: Signposts): { text: string[]; html: SafeHtml[] } {
  if (!site.appUrl) return { text: [], html: [] };
  return { text: [`${signInLabel(site)} : ${site.appUrl}`, ''], html: [renderButton(site.appUrl, signInLabel(site))] };
}
