import { RESET_VALIDITY_MINUTES } from '../../auth/password-reset.js';
import type { DeadResetReason } from '../../auth/dead-reset.js';
import { html, type SafeHtml } from '../../html.js';
import { PAGE_PATHS } from '../../page-paths.js';
import type { Signposts } from '../../signposts.js';
import { renderLayout, renderSignInButton } from './layout.js';

const newLinkButton = html`<div class="actions"><a class="button" href="${PAGE_PATHS.forgotPassword}">Demander un nouveau lien</a></div>`;

const PAGES: Record<DeadResetReason, { title: string; body: SafeHtml }> = {
  used: {
    title: 'Votre mot de passe a déjà été changé',
    body: html`<p>Ce lien a déjà servi : votre nouveau mot de passe est enregistré, connectez-vous avec lui.</p>
<p>Vous l’avez oublié ? <a href="${PAGE_PATHS.forgotPassword}">Demandez un nouveau lien</a>.</p>`,
  },
  expired: {
    title: 'Ce lien a expiré',
    body: html`<p>Les liens de réinitialisation sont valables ${RESET_VALIDITY_MINUTES} minutes. Demandez-en un nouveau : vous recevrez un nouveau lien et un nouveau code.</p>
${newLinkButton}`,
  },
  locked: {
    title: 'Ce lien ne fonctionne plus',
    body: html`<p>Trop de codes incorrects : par sécurité, ce lien ne fonctionne plus. Demandez un nouveau lien, vous recevrez un nouveau code.</p>
${newLinkButton}`,
  },
  replaced: {
    title: 'Ce lien a été remplacé',
    body: html`<p>Une demande plus récente a remplacé ce lien : utilisez le dernier e-mail reçu, ou demandez un nouveau lien.</p>
${newLinkButton}`,
  },
  unknown: {
    title: 'Ce lien est expiré ou invalide',
    body: html`<p>Les liens de réinitialisation sont valables ${RESET_VALIDITY_MINUTES} minutes et ne servent qu’une fois. Une nouvelle demande annule aussi les liens précédents.</p>
${newLinkButton}`,
  },
};

/** The page of a reset link that no longer works, saying why (see auth/dead-reset.ts). */
export function renderResetInvalid(options: { reason?: DeadResetReason; site?: Signposts } = {}): string {
  const page = PAGES[options.reason ?? 'unknown'];
  const onward = options.reason === 'used' ? renderSignInButton(options.site) : '';
  return renderLayout(page.title, html`<h1>${page.title}</h1>\n${page.body}\n${onward}`, options.site);
}
