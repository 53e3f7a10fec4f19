import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../auth/password-policy.js';
// Shared form fragments, so every field gets the same label / hint / error / ARIA wiring.
import { html, raw, type SafeHtml } from '../../html.js';

export interface FieldOptions {
  id: string;
  name: string;
  label: string;
  type: 'text' | 'email' | 'password';
  /** Re-rendered value; callers never pass passwords or one-time codes here. */
  value?: string | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  /** Extra attributes written by code (names trusted, values escaped); `true` renders a bare attribute. */
  attributes?: Record<string, string | number | boolean | undefined>;
}

function renderAttributes(attributes: FieldOptions['attributes'] = {}): SafeHtml[] {
  return Object.entries(attributes).map(([name, value]) => {
    if (value === undefined || value === false) return html``;
    if (value === true) return html` ${raw(name)}`;
    return html` ${raw(name)}="${String(value)}"`;
  });
}

/** Renders an error message tied to a field by id (referenced from aria-describedby). */
export function renderFieldError(id: string, message: string | undefined): SafeHtml {
  if (!message) return html``;
  return html`<span class="error-message" id="${id}-error"><span class="visually-hidden">Erreur : </span>${message}</span>`;
}

/** Renders one labelled input with its hint and error, linked by aria-describedby / aria-invalid. */
export function renderField(options: FieldOptions): SafeHtml {
  const { id, name, label, type, value, hint, error } = options;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
<label for="${id}">${label}</label>
${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''}
${renderFieldError(id, error)}
<input id="${id}" name="${name}" type="${type}"${value !== undefined && value !== '' ? html` value="${value}"` : ''}${
    describedBy ? html` aria-describedby="${describedBy}"` : ''
  }${error ? raw(' aria-invalid="true"') : ''}${renderAttributes(options.attributes)}>
</div>`;
}

/** The form-level message box; with only field errors it still announces that something needs fixing. */
export function renderFormAlert(formError: string | undefined, hasFieldErrors: boolean): SafeHtml {
  if (!formError && !hasFieldErrors) return html``;
  const message = formError ?? 'Le formulaire contient des erreurs : corrigez les champs indiqués ci-dessous.';
  return html`<div class="alert" role="alert"><p>${message}</p></div>`;
}

/** True when any value of an error record is a non-empty message. */
export function hasErrors(errors: Record<string, string | undefined>): boolean {
  return Object.values(errors).some((message) => Boolean(message));
}

/** Page titles start with « Erreur : » when the form came back with errors (first thing a screen reader says). */
export function prefixErrorTitle(title: string, errors: Record<string, string | undefined>): string {
  return hasErrors(errors) ? `Erreur : ${title}` : title;
}

/** The e-mail field of the activation and forgot-password forms. */
export function renderEmailField(options: {
  value?: string;
  error?: string;
  hint?: string;
  required: boolean;
}): SafeHtml {
  return renderField({
    id: 'email',
    name: 'email',
    label: 'Adresse e-mail',
    type: 'email',
    value: options.value,
    hint: options.hint,
    error: options.error,
    attributes: { autocomplete: 'email', autocapitalize: 'none', spellcheck: 'false', required: options.required },
  });
}

const PASSWORD_HINT = `Au moins ${MIN_PASSWORD_LENGTH} caractères (${MAX_PASSWORD_LENGTH} au plus). Évitez les mots de passe courants, votre nom et votre adresse e-mail : une phrase de quelques mots est idéale.`;

/** A new password and its confirmation (activation and reset), never re-rendered with a value. */
export function renderNewPasswordFields(options: {
  label: string;
  errors: { password?: string; password_confirm?: string };
  required: boolean;
}): SafeHtml {
  return html`${renderField({
    id: 'password',
    name: 'password',
    label: options.label,
    type: 'password',
    hint: PASSWORD_HINT,
    error: options.errors.password,
    // No maxlength: browsers silently cut a pasted password at maxlength (in UTF-16 units); the
    // server refuses over MAX_PASSWORD_LENGTH code points with a message instead.
    attributes: {
      autocomplete: 'new-password',
      minlength: MIN_PASSWORD_LENGTH,
      passwordrules: `minlength: ${MIN_PASSWORD_LENGTH}; maxlength: ${MAX_PASSWORD_LENGTH};`,
      required: options.required,
    },
  })}
${renderField({
  id: 'password_confirm',
  name: 'password_confirm',
  label: 'Confirmation du mot de passe',
  type: 'password',
  error: options.errors.password_confirm,
  attributes: { autocomplete: 'new-password', minlength: MIN_PASSWORD_LENGTH, required: options.required },
})}`;
}

/** The 6-digit code of a link-and-code e-mail, as phones fill it from the message. */
export function renderOtpField(error: string | undefined): SafeHtml {
  return renderField({
    id: 'otp',
    name: 'otp',
    label: 'Code à 6 chiffres',
    type: 'text',
    hint: 'Il figure dans l’e-mail, sous le lien.',
    error,
    attributes: {
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      pattern: '[0-9]{6}',
      maxlength: 6,
      spellcheck: 'false',
      required: true,
    },
  });
}
