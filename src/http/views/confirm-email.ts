import { RESET_VALIDITY_MINUTES } from '../../auth/password-reset.js';
import { html } from '../../html.js';
import { PAGE_PATHS } from '../../page-paths.js';
import { hasErrors, prefixErrorTitle, renderOtpField, renderFormAlert } from './form-parts.js';
import type { Signposts } from '../../signposts.js';
import { renderLayout } from './layout.js';

export interface ConfirmEmailSentProps {
  /** Where the link and the code went (the address just typed). */
  email: string;
  /** The page's own token: with the right code it confirms; alone it proves nothing. */
  formToken: string;
  errors: { otp?: string | undefined };
}

/** After an activation with an address other than the one on file: nothing is active yet. */
export function renderConfirmEmailSent(props: ConfirmEmailSentProps): string {
  const { email, formToken, errors } = props;
  return renderLayout(
    prefixErrorTitle('Confirmez votre adresse e-mail', errors),
    html`<h1>Confirmez votre adresse e-mail</h1>
<div class="notice">
<p>Un e-mail avec un lien et un code à 6 chiffres vient d’être envoyé à <strong>${email}</strong>. Ils sont valables ${RESET_VALIDITY_MINUTES} minutes.</p>
<p>Votre accès sera activé dès que cette adresse sera confirmée : ouvrez le lien, ou saisissez le code ci-dessous. D’ici là, votre code d’invitation reste valable.</p>
</div>
${renderFormAlert(undefined, hasErrors(errors))}
<form class="card" method="post" action="${PAGE_PATHS.confirmEmail}">
<input type="hidden" name="form" value="${formToken}">
${renderOtpField(errors.otp)}
<button type="submit">Confirmer mon adresse</button>
</form>
<p>Pas la bonne adresse, ou rien reçu après quelques minutes (vérifiez vos courriers indésirables) ? <a href="${PAGE_PATHS.activate}">Recommencez l’activation</a> : le nouvel e-mail annule le précédent.</p>`,
  );
}

/** The e-mail's link: GET only shows this button (mail scanners open links), the POST confirms. */
export function renderConfirmEmailButton(token: string): string {
  return renderLayout(
    'Confirmer votre adresse e-mail',
    html`<h1>Confirmer votre adresse e-mail</h1>
<p class="lead">Confirmez cette adresse pour activer votre accès.</p>
<form class="card" method="post" action="${PAGE_PATHS.confirmEmail}">
<input type="hidden" name="token" value="${token}">
<button type="submit">Confirmer mon adresse et activer mon accès</button>
</form>`,
  );
}

/**
 * Unknown, expired, replaced, used or exhausted confirmations alike (no oracle); the answer to
 * the fifth wrong code says so (that person typed them), and a refusal at the last step says why.
 */
export function renderConfirmEmailInvalid(
  options: { tooManyAttempts?: boolean; message?: string; site?: Signposts } = {},
): string {
  const explanation = options.message
    ? html`<p>${options.message}</p>`
    : options.tooManyAttempts
      ? html`<p>Trop de codes incorrects : par sécurité, ce lien et ce code ne fonctionnent plus. Recommencez l’activation avec votre code d’invitation : vous recevrez un nouveau lien et un nouveau code.</p>`
      : html`<p>Les liens et codes de confirmation sont valables ${RESET_VALIDITY_MINUTES} minutes et ne servent qu’une fois. Une nouvelle activation annule aussi les précédents.</p>`;
  return renderLayout(
    'Lien expiré ou invalide',
    html`<h1>Ce lien ou ce code est expiré ou invalide</h1>
${explanation}
<div class="actions"><a class="button" href="${PAGE_PATHS.activate}">Recommencer l’activation</a></div>`,
    options.site,
  );
}
