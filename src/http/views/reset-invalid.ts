import { html } from './html.js';
import { renderLayout } from './layout.js';

/** Shown for unknown, expired, used or exhausted reset links alike (no oracle). */
export function renderResetInvalid(): string {
  return renderLayout(
    'Lien expiré ou invalide',
    html`<h1>Ce lien est expiré ou invalide</h1>
<p>Les liens de réinitialisation sont valables 20 minutes et ne servent qu’une fois. Une nouvelle demande annule aussi les liens précédents.</p>
<div class="actions"><a class="button" href="/forgot-password">Demander un nouveau lien</a></div>`,
  );
}
