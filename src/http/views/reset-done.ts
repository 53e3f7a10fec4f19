import { PAGE_PATHS } from '../../page-paths.js';
import { html } from '../../html.js';
import type { Signposts } from '../../signposts.js';
import { renderLayout, renderSignInButton } from './layout.js';

/** Confirmation after a successful password reset. */
export function renderResetDone(site?: Signposts): string {
  return renderLayout(
    'Mot de passe modifié',
    html`<div class="notice success">
<h1>Votre mot de passe a été modifié</h1>
<p>Vous pouvez désormais vous connecter avec votre nouveau mot de passe.</p>
</div>
${renderSignInButton(site)}
<p><a href="${PAGE_PATHS.home}">Retour à l’accueil</a></p>`,
    site,
  );
}
