import { PAGE_PATHS } from '../../page-paths.js';
import { html } from '../../html.js';
import { hasErrors, prefixErrorTitle, renderEmailField, renderFormAlert } from './form-parts.js';
import { renderLayout } from './layout.js';

export interface ForgotFormProps {
  values: { email?: string | undefined };
  errors: { form?: string | undefined; email?: string | undefined };
}

/** Asks for the e-mail address to send a reset link and code to. */
export function renderForgotForm(props: ForgotFormProps): string {
  const { values, errors } = props;
  return renderLayout(
    prefixErrorTitle('Mot de passe oublié', errors),
    html`<h1>Mot de passe oublié</h1>
<p class="lead">Indiquez l’adresse e-mail de votre compte : nous vous enverrons un lien et un code pour choisir un nouveau mot de passe.</p>
${renderFormAlert(errors.form, hasErrors({ email: errors.email }))}
<form class="card" method="post" action="${PAGE_PATHS.forgotPassword}">
${renderEmailField({ value: values.email, error: errors.email, required: true })}
<button type="submit">Recevoir le lien</button>
</form>
<p><a href="${PAGE_PATHS.activate}">Pas encore de compte ? Activer mon accès</a></p>`,
  );
}
