import type { QrMatrix } from './qr-matrix.js';

// A QR code for the admin's terminal, two modules per character cell with the half blocks
// ▀ ▄ █ (a cell is about twice as tall as it is wide, so each module comes out square).
//
// Readers need dark modules on a light ground (ISO/IEC 18004 §7.3.6; phones rarely try the
// inverse), whatever the terminal's theme. So nothing is left to the theme's default colours:
// every cell, quiet zone included, sets both colours explicitly, the dark modules drawn as the
// glyph in black and the light ones as the cell's background in white. They are the 256-colour
// palette's 16 (#000000) and 231 (#ffffff), which themes do not remap, unlike the 16 basic
// colours (a dark theme's « white » is often light grey and its « black » the background). The
// attributes are reset before each newline: with background-colour erase, a newline under a
// white background would paint the rest of the line white on some terminals.

const DARK_ON_LIGHT = '\x1b[38;5;16;48;5;231m';
const RESET = '\x1b[0m';

/**
 * ISO asks for 4 modules of quiet zone; 2 keep a version-4 code (33 modules, a 60-character
 * link) within 19 lines, so that it fits 24 lines with the code and its link. The test decodes
 * it framed by a dark theme's background, the worst case.
 */
const TERMINAL_QUIET_ZONE = 2;

function glyph(top: boolean, bottom: boolean): string {
  if (top && bottom) return '█';
  if (top) return '▀';
  if (bottom) return '▄';
  return ' ';
}

/** The lines of the QR code (no trailing newline), each starting and ending in the reset colours. */
export function renderTerminalQr(matrix: QrMatrix, quietZone = TERMINAL_QUIET_ZONE): string {
  const span = matrix.size + 2 * quietZone;
  const isDark = (x: number, y: number) => {
    const mx = x - quietZone;
    const my = y - quietZone;
    return mx >= 0 && my >= 0 && mx < matrix.size && my < matrix.size && matrix.isDark(mx, my);
  };
  const lines: string[] = [];
  for (let y = 0; y < span; y += 2) {
    let line = DARK_ON_LIGHT;
    for (let x = 0; x < span; x++) line += glyph(isDark(x, y), y + 1 < span && isDark(x, y + 1));
    lines.push(line + RESET);
  }
  return lines.join('\n');
}
