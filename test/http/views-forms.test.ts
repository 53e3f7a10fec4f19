import { describe, expect, it } from 'vitest';
import { renderActivateForm } from '../../src/http/views/activate-form.js';
import { renderForgotForm } from '../../src/http/views/forgot-form.js';
import { renderForgotSent } from '../../src/http/views/forgot-sent.js';
import { renderResetForm } from '../../src/http/views/reset-form.js';
import { renderResetInvalid } from '../../src/http/views/reset-invalid.js';
import { renderResetDone } from '../../src/http/views/reset-done.js';

// Form pages and their result pages: labels, autocomplete hints, ARIA wiring of errors, escaping, secrets never re-rendered.

const EVIL = `"><script>alert('x')</script>&`;
const EVIL_ESCAPED = '&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;';

/** The <input> tag with the given id, for attribute assertions. */
function inputTag(page: string, id: string): string {
  const match = new RegExp(`<input id="${id}"[^>]*>`).exec(page);
  if (!match) throw new Error(`no input #${id}`);
  return match[0];
}

describe('activate form', () => {
  it('labels every field and sets the autocomplete hints', () => {
    const page = renderActivateForm({ values: {}, errors: {}, googleEnabled: false });
    expect(page).toContain('<form class="card" method="post" action="/activate">');
    for (const id of ['code', 'email', 'password', 'password_confirm']) expect(page).toContain(`<label for="${id}">`);
    const code = inputTag(page, 'code');
    expect(code).toContain('placeholder="ZDL-XXXXXX-YYYYY"');
    expect(code).toContain('autocomplete="off"');
    expect(code).toContain('autocapitalize="characters"');
    expect(inputTag(page, 'email')).toContain('type="email"');
    expect(inputTag(page, 'email')).toContain('autocomplete="email"');
    for (const id of ['password', 'password_confirm']) {
      expect(inputTag(page, id)).toContain('type="password"');
      expect(inputTag(page, id)).toContain('autocomplete="new-password"');
      expect(inputTag(page, id)).toContain('minlength="8"');
    }
    expect(page).toContain('Bon à savoir');
    expect(page).toContain('fiche Personne');
  });

  it('without Google: hidden mode=password, no radio, required fields', () => {
    const page = renderActivateForm({ values: { mode: 'google' }, errors: {}, googleEnabled: false });
    expect(page).toContain('<input type="hidden" name="mode" value="password">');
    expect(page).not.toContain('type="radio"');
    expect(page).not.toContain('Google');
    expect(inputTag(page, 'email')).toContain(' required');
  });

  it('with Google: both radios, password checked by default, google when asked', () => {
    const byDefault = renderActivateForm({ values: {}, errors: {}, googleEnabled: true });
    expect(byDefault).not.toContain('type="hidden" name="mode"');
    expect(byDefault).toContain('<legend>Comment voulez-vous vous connecter ?</legend>');
    expect(byDefault).toMatch(/id="mode-password" name="mode" value="password" checked>/);
    expect(byDefault).toMatch(/id="mode-google" name="mode" value="google">/);
    expect(byDefault).toContain('E-mail / mot de passe</label>');
    // Required e-mail/password would block a Google submission.
    expect(inputTag(byDefault, 'email')).not.toContain(' required');

    const google = renderActivateForm({ values: { mode: 'google' }, errors: {}, googleEnabled: true });
    expect(google).toMatch(/value="google" checked>/);
    expect(google).not.toMatch(/value="password" checked>/);
  });

  it('re-renders code and e-mail escaped, never the passwords', () => {
    const page = renderActivateForm({
      values: { code: EVIL, email: EVIL, mode: EVIL },
      errors: { form: EVIL, code: EVIL, email: EVIL, password: EVIL, password_confirm: EVIL },
      googleEnabled: true,
    });
    expect(page).not.toContain('<script>');
    expect(inputTag(page, 'code')).toContain(`value="${EVIL_ESCAPED}"`);
    expect(inputTag(page, 'email')).toContain(`value="${EVIL_ESCAPED}"`);
    expect(inputTag(page, 'password')).not.toContain('value=');
    expect(inputTag(page, 'password_confirm')).not.toContain('value=');
    expect(page.split(EVIL_ESCAPED).length - 1).toBe(7); // 2 values + form error + 4 field errors
  });

  it('ties each error to its field and shows the form error in an alert', () => {
    const page = renderActivateForm({
      values: { code: 'ZDL-ABCDEF-12345', email: 'a@b.fr' },
      errors: { form: 'Code invalide ou expiré.', password: 'Trop court.' },
      googleEnabled: false,
    });
    expect(page).toContain('<title>Erreur : Activer mon accès · ZDL — Accès</title>');
    expect(page).toContain('<div class="alert" role="alert"><p>Code invalide ou expiré.</p></div>');
    const password = inputTag(page, 'password');
    expect(password).toContain('aria-describedby="password-hint password-error"');
    expect(password).toContain('aria-invalid="true"');
    expect(page).toContain('id="password-error"><span class="visually-hidden">Erreur : </span>Trop court.</span>');
    expect(inputTag(page, 'email')).not.toContain('aria-invalid');
    expect(inputTag(page, 'code')).toContain('aria-describedby="code-hint"');
  });

  it('announces field errors even without a form error', () => {
    const page = renderActivateForm({ values: {}, errors: { code: 'Code requis.' }, googleEnabled: false });
    expect(page).toContain('role="alert"');
    expect(inputTag(page, 'code')).toContain('aria-describedby="code-hint code-error"');
  });
});

describe('forgot password', () => {
  it('renders the e-mail field, escaped value and error', () => {
    const page = renderForgotForm({ values: { email: EVIL }, errors: { email: EVIL } });
    expect(page).toContain('<form class="card" method="post" action="/forgot-password">');
    const email = inputTag(page, 'email');
    expect(email).toContain('type="email"');
    expect(email).toContain('autocomplete="email"');
    expect(email).toContain(`value="${EVIL_ESCAPED}"`);
    expect(email).toContain('aria-invalid="true"');
    expect(email).toContain('aria-describedby="email-error"');
    expect(page).not.toContain('<script>');
  });

  it('sent page is neutral and mentions the 20 minutes', () => {
    const page = renderForgotSent();
    expect(page).toContain('Si un compte existe pour cette adresse, vous allez recevoir un e-mail');
    expect(page).toContain('20 minutes');
  });
});

describe('reset password', () => {
  it('carries the token hidden and escaped, with the OTP hints', () => {
    const page = renderResetForm({ token: EVIL, errors: {} });
    expect(page).toContain(`<input type="hidden" name="token" value="${EVIL_ESCAPED}">`);
    const otp = inputTag(page, 'otp');
    expect(otp).toContain('inputmode="numeric"');
    expect(otp).toContain('autocomplete="one-time-code"');
    expect(otp).toContain('pattern="[0-9]{6}"');
    expect(otp).toContain('maxlength="6"');
    expect(otp).not.toContain('value=');
    for (const id of ['password', 'password_confirm']) {
      expect(inputTag(page, id)).toContain('autocomplete="new-password"');
      expect(inputTag(page, id)).not.toContain('value=');
    }
    expect(page).not.toContain('<script>');
  });

  it('shows errors per field', () => {
    const page = renderResetForm({
      token: 't',
      errors: { otp: 'Code incorrect.', password_confirm: 'Les deux mots de passe ne correspondent pas.' },
    });
    expect(inputTag(page, 'otp')).toContain('aria-invalid="true"');
    expect(inputTag(page, 'otp')).toContain('aria-describedby="otp-hint otp-error"');
    expect(inputTag(page, 'password_confirm')).toContain('aria-describedby="password_confirm-error"');
    expect(inputTag(page, 'password')).not.toContain('aria-invalid');
    expect(page).toContain('role="alert"');
  });

  it('invalid and done pages', () => {
    const invalid = renderResetInvalid();
    expect(invalid).toContain('Ce lien est expiré ou invalide');
    expect(invalid).toContain('href="/forgot-password"');
    expect(renderResetDone()).toContain('Votre mot de passe a été modifié');
  });
});
