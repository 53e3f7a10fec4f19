import { describe, expect, it } from 'vitest';
import { html } from '../../src/html.js';
import { renderLayout } from '../../src/http/views/layout.js';
import { renderHomePage } from '../../src/http/views/home.js';
import { renderActivateForm } from '../../src/http/views/activate-form.js';
import { renderActivateDone } from '../../src/http/views/activate-done.js';
import { renderForgotForm } from '../../src/http/views/forgot-form.js';
import { renderForgotSent } from '../../src/http/views/forgot-sent.js';
import { renderResetForm } from '../../src/http/views/reset-form.js';
import { renderResetInvalid } from '../../src/http/views/reset-invalid.js';
import { renderResetDone } from '../../src/http/views/reset-done.js';
import { renderErrorPage } from '../../src/http/views/error-page.js';
import { STYLESHEET_CSS, STYLESHEET_PATH } from '../../src/http/assets/style.js';

const EVIL = `"><script>alert('x')</script>&`;
const EVIL_ESCAPED = '&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;';

/** Every page goes through the layout: check the shell once per page. */
function expectDocumentShell(page: string): void {
  expect(page.startsWith('<!doctype html>')).toBe(true);
  expect(page).toContain('<html lang="fr">');
  expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  expect(page).toContain('<link rel="stylesheet" href="/assets/style.css">');
  expect(page).toContain('ZDL</span> <span>— Accès');
  expect(page).not.toMatch(/<script/i);
  expect(page).not.toMatch(/\son[a-z]+=/i); // no inline event handlers
  expect(page).not.toMatch(/style="/i); // CSP style-src 'self' blocks inline styles
  expect(page).not.toMatch(/https?:\/\//); // no CDN, no absolute links
}

describe('html template in the layout', () => {
  it('escapes the layout title', () => {
    const page = renderLayout(EVIL, html`<p>x</p>`);
    expect(page).toContain(`<title>${EVIL_ESCAPED} · ZDL — Accès</title>`);
    expect(page).not.toContain('<script>');
  });
});

describe('pages', () => {
  it('renders every page as a French document without script', () => {
    const pages = [
      renderHomePage(),
      renderActivateForm({ values: {}, errors: {}, googleEnabled: true }),
      renderActivateForm({ values: {}, errors: {}, googleEnabled: false }),
      renderActivateDone({ method: 'password', email: 'a@b.fr' }),
      renderActivateDone({ method: 'google' }),
      renderForgotForm({ values: {}, errors: {} }),
      renderForgotSent(),
      renderResetForm({ token: 'tok', errors: {} }),
      renderResetInvalid(),
      renderResetDone(),
      renderErrorPage(404),
    ];
    for (const page of pages) expectDocumentShell(page);
  });

  it('home links to both flows', () => {
    const page = renderHomePage();
    expect(page).toContain('href="/activate">Activer mon accès</a>');
    expect(page).toContain('href="/forgot-password">Mot de passe oublié</a>');
  });

  it('serves a stylesheet with a visible focus style and the red accent', () => {
    expect(STYLESHEET_PATH).toBe('/assets/style.css');
    expect(STYLESHEET_CSS).toContain(':focus-visible');
    expect(STYLESHEET_CSS).toContain('--accent: #b91c1c');
  });
});

describe('activate done', () => {
  it('says the access is active and how to sign in, escaped', () => {
    const page = renderActivateDone({ method: 'password', email: EVIL });
    expect(page).toContain('Votre accès est activé');
    expect(page).toContain(EVIL_ESCAPED);
    expect(page).not.toContain('<script>');
    expect(renderActivateDone({ method: 'google' })).toContain('compte Google');
  });
});

describe('error page', () => {
  it.each([
    [400, 'Requête invalide'],
    [403, 'Requête refusée'],
    [404, 'Page introuvable'],
    [405, 'Méthode non autorisée'],
    [413, 'Requête trop volumineuse'],
    [415, 'Format non pris en charge'],
    [429, 'Trop de tentatives, réessayez dans quelques minutes'],
    [500, 'Une erreur inattendue est survenue'],
    [503, 'Service indisponible'],
  ])('has French defaults for %i', (status, text) => {
    const page = renderErrorPage(status);
    expectDocumentShell(page);
    expect(page).toContain(text);
    expect(page).toContain(`Erreur ${status}`);
  });

  it('falls back by class and escapes overrides', () => {
    expect(renderErrorPage(418)).toContain('Requête invalide');
    expect(renderErrorPage(502)).toContain('Une erreur inattendue est survenue');
    const page = renderErrorPage(400, { title: EVIL, message: EVIL });
    expect(page).not.toContain('<script>');
    expect(page).toContain(`<h1>${EVIL_ESCAPED}</h1>`);
  });
});
