import { PAGE_PATHS } from '../../page-paths.js';
import { html } from '../../html.js';
import { hasErrors, prefixErrorTitle, renderOtpField, renderFormAlert, renderNewPasswordFields } from './form-parts.js';
import { renderLayout } from './layout.js';

export interface ResetFormProps {
  /** The reset token from the link; it travels in a hidden field so only the POST consumes it. */
  token: string;
  errors: {
    form?: string | undefined;
    otp?: string | undefined;
    password?: string | undefined;
    password_confirm?: string | undefined;
  };
}

/** New-password form. Neither the code nor the passwords are ever re-rendered. */
export function renderResetForm(props: ResetFormProps): string {
  const { token, errors } = props;
  const fieldErrors = { otp: errors.otp, password: errors.password, password_confirm: errors.password_confirm };
  return renderLayout(
    prefixErrorTitle('Nouveau mot de passe', errors),
    html`<h1>Choisir un nouveau mot de passe</h1>
<p class="lead">Saisissez le code à 6 chiffres reçu dans le même e-mail que le lien, puis votre nouveau mot de passe.</p>
${renderFormAlert(errors.form, hasErrors(fieldErrors))}
<form class="card" method="post" action="${PAGE_PATHS.resetPassword}">
<input type="hidden" name="token" value="${token}">
${renderOtpField(errors.otp)}
${renderNewPasswordFields({ label: 'Nouveau mot de passe', errors, required: true })}
<button type="submit">Modifier mon mot de passe</button>
</form>`,
  );
}
