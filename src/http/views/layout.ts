import { STYLESHEET_PATH } from '../assets/style.js';
import { PAGE_PATHS } from '../../page-paths.js';
import { html, type SafeHtml } from '../../html.js';

/** Wraps a page body in the shared French document shell (no script, one same-origin stylesheet). */
export function renderLayout(title: string, body: SafeHtml): string {
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
<footer class="site-footer"><div class="inner"><p>ZDL — Espace d’accès des membres · <a href="${PAGE_PATHS.home}">Accueil</a></p></div></footer>
</body>
</html>
`.value;
}
