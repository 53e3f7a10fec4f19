import { RESET_VALIDITY_MINUTES } from '../../auth/password-reset.js';
import { html } from '../../html.js';
import { PAGE_PATHS } from '../../page-paths.js';
import { renderLayout } from './layout.js';

/** The same neutral answer whether or not an account exists (no account enumeration). */
export function renderForgotSent(): string {
  return renderLayout(
    'Vérifiez vos e-mails',
    html`<h1>Vérifiez vos e-mails</h1>
<div class="notice">
<p>Si un compte existe pour cette adresse, vous allez recevoir un e-mail avec un lien et un code à 6 chiffres pour choisir un nouveau mot de passe. Ils sont valables ${RESET_VALIDITY_MINUTES} minutes.</p>
</div>
<p>Rien reçu après quelques minutes ? Vérifiez vos courriers indésirables, puis <a href="${PAGE_PATHS.forgotPassword}">faites une nouvelle demande</a>.</p>`,
  );
}
