import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from '../src/html.js';

// The one template helper of the pages and the e-mails.

const EVIL = `"><script>alert('x')</script>&`;
const EVIL_ESCAPED = '&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;';

describe('escapeHtml / html', () => {
  it('escapes every interpolation and keeps nested fragments', () => {
    const inner = html`<b>${EVIL}</b>`;
    expect(html`<p title="${EVIL}">${inner}${raw('<i>ok</i>')}${null}${undefined}${false}${[1, '<']}</p>`.value).toBe(
      `<p title="${EVIL_ESCAPED}"><b>${EVIL_ESCAPED}</b><i>ok</i>1&lt;</p>`,
    );
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('escapes the five significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes interpolations but not nested html or raw markup', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${raw('<br>')}${'&'}${null}${[1, '<']}</p>`.value).toBe(
      '<p><b>&lt;i&gt;</b><br>&amp;1&lt;</p>',
    );
  });
});
