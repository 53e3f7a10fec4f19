import { html } from './html.js';
import { hasErrors, prefixErrorTitle, renderField, renderFormAlert } from './form-parts.js';
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
<form class="card" method="post" action="/reset-password">
<input type="hidden" name="token" value="${token}">
${renderField({
  id: 'otp',
  name: 'otp',
  label: 'Code à 6 chiffres',
  type: 'text',
  hint: 'Il figure dans l’e-mail, sous le lien.',
  error: errors.otp,
  attributes: {
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    pattern: '[0-9]{6}',
    maxlength: 6,
    spellcheck: 'false',
    required: true,
  },
})}
${renderField({
  id: 'password',
  name: 'password',
  label: 'Nouveau mot de passe',
  type: 'password',
  hint: 'Au moins 8 caractères (128 au plus). Évitez les mots de passe courants, votre nom et votre adresse e-mail : une phrase de quelques mots est idéale.',
  error: errors.password,
  // No maxlength: a pasted password would be cut silently; the server explains the 128 limit instead.
  attributes: { autocomplete: 'new-password', minlength: 8, passwordrules: 'minlength: 8; maxlength: 128;', required: true },
})}
${renderField({
  id: 'password_confirm',
  name: 'password_confirm',
  label: 'Confirmation du mot de passe',
  type: 'password',
  error: errors.password_confirm,
  attributes: { autocomplete: 'new-password', minlength: 8, required: true },
})}
<button type="submit">Modifier mon mot de passe</button>
</form>`,
  );
}
