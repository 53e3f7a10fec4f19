import type { DeadInvite } from '../../auth/unusable-invite.js';
import { html, type SafeHtml } from '../../html.js';
import { PAGE_PATHS } from '../../page-paths.js';
import type { Signposts } from '../../signposts.js';
import { renderLayout, renderSignInButton } from './layout.js';

const PAGES: Record<DeadInvite, { title: string; body: SafeHtml }> = {
  used: {
    title: 'Votre accès est déjà activé',
    body: html`<p>Ce lien d’invitation a déjà servi : connectez-vous avec l’adresse e-mail et le mot de passe (ou le compte Google) choisis ce jour-là.</p>
<p>Mot de passe oublié ? <a href="${PAGE_PATHS.forgotPassword}">Recevez un lien pour en choisir un nouveau</a>.</p>`,
  },
  expired: {
    title: 'Ce lien n’est plus valable',
    body: html`<p>Cette invitation a expiré. Demandez une nouvelle invitation à un administrateur de l’association : vous recevrez un nouveau code.</p>`,
  },
  revoked: {
    title: 'Ce lien n’est plus valable',
    body: html`<p>Cette invitation a été remplacée ou annulée. Utilisez la dernière invitation reçue, ou demandez-en une nouvelle à un administrateur de l’association.</p>`,
  },
  access_revoked: {
    title: 'Votre accès a été révoqué',
    body: html`<p>Cette invitation ne peut plus servir : adressez-vous à un administrateur de l’association.</p>`,
  },
};

/** What an invitation link that already served, expired or was revoked says when opened. */
export function renderActivateDead(reason: DeadInvite, site?: Signposts): string {
  const page = PAGES[reason];
  const onward = reason === 'used' ? renderSignInButton(site) : '';
  return renderLayout(page.title, html`<h1>${page.title}</h1>\n${page.body}\n${onward}`, site);
}
