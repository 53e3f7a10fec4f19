// The one stylesheet, kept as a string module: `tsc` copies no assets into dist/, and a string has no
// path to resolve at run time. Served at STYLESHEET_PATH (same origin, so CSP `style-src 'self'` holds).

export const STYLESHEET_PATH = '/assets/style.css';

export const STYLESHEET_CSS = `
:root {
  --accent: #b91c1c;        /* ZDL red: 6.5:1 on white */
  --accent-dark: #991b1b;
  --text: #1c1917;
  --muted: #57534e;         /* 7.4:1 on white */
  --bg: #f5f3f0;
  --card: #ffffff;
  --border: #78716c;        /* 4.8:1: inputs stay visible (WCAG 1.4.11) */
  --line: #e7e5e4;
  --error: #b91c1c;
  --error-bg: #fef2f2;
  --info-bg: #f0f4f8;
  --success: #166534;
  --focus: #1d4ed8;
  color-scheme: light;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  min-height: 100vh;
  display: flex;
  flex-direction: column;
  background: var(--bg);
  color: var(--text);
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1.0625rem;
  line-height: 1.55;
  /* A long e-mail address (« Vous vous connecterez avec … ») wraps instead of widening a phone screen. */
  overflow-wrap: break-word;
}
a { color: var(--accent); text-underline-offset: 0.15em; }
a:hover { color: var(--accent-dark); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip-link { position: absolute; left: -9999px; top: 0; }
.skip-link:focus { left: 0.5rem; top: 0.5rem; z-index: 10; background: var(--card); padding: 0.5rem 0.75rem; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}

.site-header { background: var(--card); border-bottom: 4px solid var(--accent); }
.site-header .inner, .site-footer .inner, main { width: 100%; max-width: 34rem; margin: 0 auto; padding: 0 1rem; }
.brand {
  display: inline-flex; align-items: center; gap: 0.5rem; min-height: 3.5rem;
  color: var(--text); text-decoration: none; font-weight: 700; font-size: 1.125rem;
}
.brand-mark { background: var(--accent); color: #fff; padding: 0.1rem 0.45rem; border-radius: 0.25rem; letter-spacing: 0.04em; }

main { flex: 1; padding-top: 1.5rem; padding-bottom: 2rem; }
h1 { font-size: 1.625rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.125rem; margin: 0 0 0.5rem; }
p { margin: 0 0 1rem; }
.lead { color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 0.75rem; padding: 1.25rem; margin-bottom: 1.25rem; }

.field { margin-bottom: 1.25rem; }
legend { padding: 0; }
label, legend { display: block; font-weight: 600; margin-bottom: 0.25rem; }
.hint { display: block; color: var(--muted); font-size: 0.9375rem; margin-bottom: 0.35rem; }
input[type="text"], input[type="email"], input[type="password"] {
  display: block; width: 100%; min-height: 3rem; padding: 0.625rem 0.75rem;
  font: inherit; font-size: max(1rem, 16px); /* 16px+ stops iOS from zooming */
  color: var(--text); background: #fff; border: 2px solid var(--border); border-radius: 0.5rem;
}
input:focus-visible { border-color: var(--focus); }
input[aria-invalid="true"] { border-color: var(--error); }
.error-message { display: block; color: var(--error); font-weight: 600; margin-bottom: 0.35rem; }
fieldset { border: 0; padding: 0; margin: 0 0 1.25rem; min-width: 0; }
.choice { display: flex; align-items: center; gap: 0.75rem; min-height: 3rem; padding: 0.25rem 0.75rem; margin-bottom: 0.5rem;
  border: 2px solid var(--border); border-radius: 0.5rem; background: #fff; font-weight: 500; cursor: pointer; }
.choice input { width: 1.375rem; height: 1.375rem; margin: 0; accent-color: var(--accent); flex: none; }
/* The chosen mode is marked in ink, not red: red borders mean « error » on these forms. */
.choice:has(input:checked) { border-color: var(--text); background: #fafaf9; }
/* Without JavaScript: hide the e-mail/password fields when "Google" is chosen (the server ignores them). */
form:has(input[name="mode"][value="google"]:checked) .password-only { display: none; }

.button, button {
  display: inline-flex; align-items: center; justify-content: center; width: 100%; min-height: 3rem;
  padding: 0.75rem 1.25rem; font: inherit; font-weight: 700; text-decoration: none;
  color: #fff; background: var(--accent); border: 2px solid var(--accent); border-radius: 0.5rem; cursor: pointer;
}
.button:hover, button:hover { background: var(--accent-dark); border-color: var(--accent-dark); color: #fff; }
.button.secondary { color: var(--accent); background: #fff; }
.button.secondary:hover { color: var(--accent-dark); background: var(--error-bg); }
.actions { display: grid; gap: 0.75rem; margin: 1.5rem 0; }

.alert { border-left: 5px solid var(--error); background: var(--error-bg); padding: 0.875rem 1rem; border-radius: 0.25rem; margin-bottom: 1.25rem; }
.alert p:last-child { margin-bottom: 0; }
.notice { border-left: 5px solid var(--muted); background: var(--info-bg); padding: 0.875rem 1rem; border-radius: 0.25rem; margin: 1.5rem 0; }
.notice p:last-child { margin-bottom: 0; }
.success { border-left-color: var(--success); }
.status-code { color: var(--muted); font-size: 0.9375rem; margin-bottom: 0.25rem; }

.site-footer { border-top: 1px solid var(--line); color: var(--muted); font-size: 0.9375rem; }
.site-footer p { margin: 0; padding: 1rem 0; }

@media (min-width: 40rem) {
  main { padding-top: 2.5rem; }
  .card { padding: 1.75rem; }
  h1 { font-size: 1.875rem; }
}
@media (prefers-reduced-motion: reduce) { * { transition: none !important; } }
@media (forced-colors: active) { .button, button { border: 2px solid ButtonText; } }
`;
