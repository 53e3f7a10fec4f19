import { RESET_VALIDITY_MINUTES } from '../../auth/password-reset.js';
import { html } from '../../html.js';
import { PAGE_PATHS } from '../../page-paths.js';
import { renderLayout } from './layout.js';

/**
 * Shown for unknown, expired, used or exhausted reset links alike (no oracle). The one exception
 * is the answer to the fifth wrong code: that person just typed them, so saying so leaks nothing.
 */
export function renderResetInvalid(options: { tooManyAttempts?: boolean } = {}): string {
  const explanation = options.tooManyAttempts
    ? html`<p>Trop de codes incorrects : par sécurité, ce lien ne fonctionne plus. Demandez un nouveau lien, vous recevrez un nouveau code.</p>`
    : html`<p>Les liens de réinitialisation sont valables ${RESET_VALIDITY_MINUTES} minutes et ne servent qu’une fois. Une nouvelle demande annule aussi les liens précédents.</p>`;
  return renderLayout(
    'Lien expiré ou invalide',
    html`<h1>Ce lien est expiré ou invalide</h1>
${explanation}
<div class="actions"><a class="button" href="${PAGE_PATHS.forgotPassword}">Demander un nouveau lien</a></div>`,
  );
}
