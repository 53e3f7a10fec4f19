import { PAGE_PATHS } from '../../page-paths.js';
import { html } from '../../html.js';
import type { Signposts } from '../../signposts.js';
import { renderLayout, renderSignInButton } from './layout.js';

export interface ActivateDoneProps {
  method: 'password' | 'google';
  email?: string | undefined;
}

/** Confirmation after a successful activation, saying how to sign in from now on. */
export function renderActivateDone(props: ActivateDoneProps, site?: Signposts): string {
  const how =
    props.method === 'google'
      ? html`<p>Vous vous connecterez avec votre compte Google${props.email ? html` (<strong>${props.email}</strong>)` : ''}.</p>`
      : html`<p>Vous vous connecterez avec votre adresse e-mail${props.email ? html` <strong>${props.email}</strong>` : ''} et le mot de passe que vous venez de choisir.</p>`;
  return renderLayout(
    'Accès activé',
    html`<div class="notice success">
<h1>Votre accès est activé</h1>
${how}
</div>
${renderSignInButton(site)}
<p><a href="${PAGE_PATHS.home}">Retour à l’accueil</a></p>`,
    site,
  );
}
