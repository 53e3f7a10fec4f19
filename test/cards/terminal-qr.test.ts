import { describe, expect, it } from 'vitest';
import { createQrMatrix } from '../../src/cards/qr-matrix.js';
import { renderTerminalQr } from '../../src/cards/terminal-qr.js';
import { DARK_THEME, decodeQr, LIGHT_THEME, rasterizeTerminal } from '../support/terminal-raster.js';

const stripAnsi = (text: string) => text.replace(/\x1b\[[\d;]*m/g, '');

describe('renderTerminalQr', () => {
  const links = [
    'http://localhost:3000/activate?code=ZDL-7K2M9Q-4XH8R',
    'https://acces.zdl-association-paris.org/activate?code=ZDL-0ABCDE-FGHJK',
  ];

  it.each(links)('decodes back to the exact link on a dark and a light theme: %s', (link) => {
    const qr = renderTerminalQr(createQrMatrix(link, 'L'));
    expect(decodeQr(rasterizeTerminal(qr, DARK_THEME))).toBe(link);
    expect(decodeQr(rasterizeTerminal(qr, LIGHT_THEME))).toBe(link);
  });

  it('fits an 80×24 terminal with room for the code and its link', () => {
    const link = `https://${'a'.repeat(24)}.example.org/activate?code=ZDL-7K2M9Q-4XH8R`;
    const lines = stripAnsi(renderTerminalQr(createQrMatrix(link, 'L'))).split('\n');
    expect(lines.length).toBeLessThanOrEqual(20);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it('sets both colours on every line and resets them before each newline', () => {
    const qr = renderTerminalQr(createQrMatrix(links[0]!, 'L'));
    for (const line of qr.split('\n')) {
      expect(line.startsWith('\x1b[38;5;16;48;5;231m')).toBe(true);
      expect(line.endsWith('\x1b[0m')).toBe(true);
    }
  });

  it('is what a theme-coloured rendering would not be: the default colours would read inverted on a dark theme', () => {
    // The same glyphs without the explicit colours: a dark theme draws them light on dark.
    const qr = stripAnsi(renderTerminalQr(createQrMatrix(links[0]!, 'L')));
    expect(decodeQr(rasterizeTerminal(qr, DARK_THEME))).toBeNull();
    expect(decodeQr(rasterizeTerminal(qr, LIGHT_THEME))).toBe(links[0]);
  });
});
