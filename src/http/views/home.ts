import { PAGE_PATHS } from '../../page-paths.js';
import { html } from '../../html.js';
import { renderLayout } from './layout.js';

/** Landing page: points to the two flows people arrive for. */
export function renderHomePage(): string {
  return renderLayout(
    'Accueil',
    html`<h1>Votre accès ZDL</h1>
<p class="lead">Cet espace vous permet d’activer votre accès aux outils de l’association avec le code reçu par e-mail, ou de choisir un nouveau mot de passe.</p>
<div class="actions">
<a class="button" href="${PAGE_PATHS.activate}">Activer mon accès</a>
<a class="button secondary" href="${PAGE_PATHS.forgotPassword}">Mot de passe oublié</a>
</div>`,
  );
}
