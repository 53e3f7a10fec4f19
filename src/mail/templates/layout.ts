import { html, raw, type SafeHtml } from '../../html.js';

// One column, inline styles only (mail clients drop <style> blocks), readable on a phone:
// ≤ 560 px wide, 16 px text, a large button plus the raw link for clients that break buttons.
// No images and no remote resources: nothing that could act as a tracking pixel.

const FONT = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";
const MONO = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace";

export function renderParagraph(content: SafeHtml | string): SafeHtml {
  return html`<p style="margin:0 0 16px 0;">${content}</p>`;
}

export function renderButton(url: string, label: string): SafeHtml {
  return html`<p style="margin:24px 0;"><a href="${url}" style="display:inline-block;padding:14px 24px;background:#b91c1c;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;font-size:18px;">${label}</a></p>
<p style="margin:0 0 16px 0;font-size:14px;color:#4b5563;">Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :<br><a href="${url}" style="color:#b91c1c;word-break:break-all;">${url}</a></p>`;
}

/** A code the person may have to type: big, monospace, spaced, easy to select. */
export function renderCode(code: string): SafeHtml {
  return html`<p style="margin:8px 0 24px 0;"><span style="display:inline-block;padding:12px 16px;background:#f3f4f6;border:1px solid #d1d5db;border-radius:6px;font-family:${raw(MONO)};font-size:24px;font-weight:bold;letter-spacing:3px;color:#111827;">${code}</span></p>`;
}

export function renderLayout(title: string, body: readonly SafeHtml[]): string {
  return html`<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
</head>
<body style="margin:0;padding:0;background:#f4f4f5;">
<div style="max-width:560px;margin:0 auto;padding:24px 16px;font-family:${raw(FONT)};font-size:16px;line-height:1.5;color:#1f2937;background:#ffffff;">
${raw(body.map((block) => block.value).join('\n'))}
<p style="margin:32px 0 0 0;font-size:13px;color:#6b7280;">Message automatique envoyé par ZDL.</p>
</div>
</body>
</html>
`.value;
}
