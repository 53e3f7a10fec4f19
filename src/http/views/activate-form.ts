import { PAGE_PATHS } from '../../page-paths.js';
import { html, raw } from '../../html.js';
import {
  hasErrors,
  prefixErrorTitle,
  renderEmailField,
  renderField,
  renderFieldError,
  renderFormAlert,
  renderNewPasswordFields,
} from './form-parts.js';
import type { Signposts } from '../../signposts.js';
import { renderLayout } from './layout.js';

export type ActivateMode = 'password' | 'google';

export interface ActivateFormProps {
  values: { code?: string | undefined; email?: string | undefined; mode?: string | undefined };
  errors: {
    form?: string | undefined;
    code?: string | undefined;
    email?: string | undefined;
    password?: string | undefined;
    password_confirm?: string | undefined;
    mode?: string | undefined;
  };
  googleEnabled: boolean;
}

function renderModeChoice(mode: ActivateMode, error: string | undefined) {
  return html`<fieldset${error ? html` aria-describedby="mode-error"` : ''}>
<legend>Comment voulez-vous vous connecter ?</legend>
${renderFieldError('mode', error)}
<label class="choice" for="mode-password"><input type="radio" id="mode-password" name="mode" value="password"${
    mode === 'password' ? raw(' checked') : ''
  }> E-mail / mot de passe</label>
<label class="choice" for="mode-google"><input type="radio" id="mode-google" name="mode" value="google"${
    mode === 'google' ? raw(' checked') : ''
  }> Continuer avec Google</label>
</fieldset>`;
}

/** The activation form. Passwords are never re-rendered; with Google, e-mail/password are ignored by the server. */
export function renderActivateForm(props: ActivateFormProps, site?: Signposts): string {
  const { values, errors, googleEnabled } = props;
  const mode: ActivateMode = googleEnabled && values.mode === 'google' ? 'google' : 'password';
  // `required` would block a Google submission (hidden fields cannot be filled), so only without Google.
  const required = !googleEnabled;
  const fieldErrors = { ...errors, form: undefined };
  const body = html`<h1>Activer mon accès</h1>
<p class="lead">Saisissez le code reçu par e-mail, puis choisissez comment vous connecter.</p>
${renderFormAlert(errors.form, hasErrors(fieldErrors))}
<form class="card" method="post" action="${PAGE_PATHS.activate}">
${renderField({
  id: 'code',
  name: 'code',
  label: 'Code d’invitation',
  type: 'text',
  value: values.code,
  hint: 'Il figure dans l’e-mail d’invitation, sous la forme ZDL-XXXXXX-YYYYY.',
  error: errors.code,
  attributes: {
    placeholder: 'ZDL-XXXXXX-YYYYY',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    required: true,
  },
})}
${googleEnabled ? renderModeChoice(mode, errors.mode) : raw('<input type="hidden" name="mode" value="password">')}
<div class="password-only">
${renderEmailField({
  value: values.email,
  hint: googleEnabled ? 'Seulement pour « E-mail / mot de passe ».' : undefined,
  error: errors.email,
  required,
})}
${renderNewPasswordFields({ label: 'Mot de passe', errors, required })}
</div>
<button type="submit">Activer mon accès</button>
</form>
<aside class="notice" aria-labelledby="bon-a-savoir">
<h2 id="bon-a-savoir">Bon à savoir</h2>
<p>Le code d’invitation relie votre compte à votre fiche Personne de l’association : c’est ainsi que vos accès vous sont attribués. Il ne sert qu’une seule fois.</p>
<p>Code perdu ou expiré ? Demandez-en un nouveau à la personne qui vous a invité.</p>
</aside>`;
  return renderLayout(prefixErrorTitle('Activer mon accès', errors), body, site);
}
