import { html } from '../../html.js';
import { renderLayout } from './layout.js';

/** The same neutral answer whether or not an account exists (no account enumeration). */
export function renderForgotSent(): string {
  return renderLayout(
    'Vérifiez vos e-mails',
    html`<h1>Vérifiez vos e-mails</h1>
<div class="notice">
<p>Si un compte existe pour cette adresse, vous allez recevoir un e-mail avec un lien et un code à 6 chiffres pour choisir un nouveau mot de passe. Ils sont valables 20 minutes.</p>
</div>
<p>Rien reçu après quelques minutes ? Vérifiez vos courriers indésirables, puis <a href="/forgot-password">faites une nouvelle demande</a>.</p>`,
  );
}
