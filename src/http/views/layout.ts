import { STYLESHEET_PATH } from '../assets/style.js';
import { PAGE_PATHS } from '../../page-paths.js';
import { html, type SafeHtml } from '../../html.js';
import { NO_SIGNPOSTS, type Signposts, signInLabel } from '../../signposts.js';

/** Wraps a page body in the shared French document shell (no script, one same-origin stylesheet). */
export function renderLayout(title: string, body: SafeHtml, site: Signposts = NO_SIGNPOSTS): string {
  // Every page that says « adressez-vous à un administrateur » then names whom (ZDL_CONTACT).
  const contact = site.contact ? html`<p>Une question ? ${site.contact}</p>` : '';
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title} · ZDL — Accès</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<a class="skip-link" href="#contenu">Aller au contenu</a>
<header class="site-header"><div class="inner"><a class="brand" href="${PAGE_PATHS.home}"><span class="brand-mark">ZDL</span> <span>— Accès</span></a></div></header>
<main id="contenu">
${body}
</main>
<footer class="site-footer"><div class="inner">${contact}<p>ZDL — Espace d’accès des membres · <a href="${PAGE_PATHS.home}">Accueil</a></p></div></footer>
</body>
</html>
`.value;
}

/** The primary way onward once access works: the association's application, when configured. */
export function renderSignInButton(site: Signposts | undefined): SafeHtml | '' {
  return site?.appUrl
    ? html`<div class="actions"><a class="button" href="${site.appUrl}">${signInLabel(site)}</a></div>`
    : '';
}
