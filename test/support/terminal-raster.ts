import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS whose `module.exports` is the function, with itself as `.default` too.
const jsQR = jsQRModule.default;

// Paints what a terminal shows for some text (one cell = 1×2 squares of `scale` pixels, the
// half blocks ▀ ▄ █ and spaces, SGR 256-colour attributes) so a QR reader can read it. Any
// character or escape it does not know fails the test rather than being guessed.

export type Rgb = readonly [number, number, number];
export interface Theme {
  foreground: Rgb;
  background: Rgb;
}
export const DARK_THEME: Theme = { foreground: [230, 230, 230], background: [30, 30, 30] };
export const LIGHT_THEME: Theme = { foreground: [40, 40, 40], background: [250, 250, 250] };

const CUBE = [0, 95, 135, 175, 215, 255];

function palette256(n: number): Rgb {
  if (n >= 16 && n <= 231) {
    const i = n - 16;
    return [CUBE[Math.floor(i / 36)]!, CUBE[Math.floor(i / 6) % 6]!, CUBE[i % 6]!];
  }
  throw new Error(`palette colour ${n} not emulated`);
}

export interface Raster {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** `margin` cells of the theme's background around the text, like the rest of a terminal. */
export function rasterizeTerminal(text: string, theme: Theme, scale = 4, margin = 6): Raster {
  const lines = text.split('\n');
  const cells = lines.map((line) => {
    const row: { ch: string; fg: Rgb; bg: Rgb }[] = [];
    let fg = theme.foreground;
    let bg = theme.background;
    for (let i = 0; i < line.length; ) {
      if (line[i] === '\x1b') {
        const match = /^\x1b\[([\d;]*)m/.exec(line.slice(i));
        if (!match) throw new Error(`unknown escape at ${i}: ${JSON.stringify(line.slice(i, i + 8))}`);
        const params = match[1] === '' ? [0] : match[1]!.split(';').map(Number);
        for (let p = 0; p < params.length; p++) {
          const code = params[p]!;
          if (code === 0) [fg, bg] = [theme.foreground, theme.background];
          else if (code === 39) fg = theme.foreground;
          else if (code === 49) bg = theme.background;
          else if ((code === 38 || code === 48) && params[p + 1] === 5) {
            const colour = palette256(params[p + 2]!);
            if (code === 38) fg = colour;
            else bg = colour;
            p += 2;
          } else throw new Error(`SGR ${code} not emulated`);
        }
        i += match[0].length;
        continue;
      }
      const ch = line[i]!;
      if (!' ▀▄█'.includes(ch)) throw new Error(`character ${JSON.stringify(ch)} not emulated`);
      row.push({ ch, fg, bg });
      i++;
    }
    return row;
  });
  const columns = Math.max(...cells.map((row) => row.length)) + 2 * margin;
  const rows = cells.length + 2 * margin;
  const width = columns * scale;
  const height = rows * 2 * scale;
  const data = new Uint8ClampedArray(width * height * 4);
  const paint = (px: number, py: number, colour: Rgb) => {
    for (let y = py; y < py + scale; y++)
      for (let x = px; x < px + scale; x++) data.set([...colour, 255], (y * width + x) * 4);
  };
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < columns; c++) {
      const cell = cells[r - margin]?.[c - margin];
      const top = cell ? (cell.ch === '▀' || cell.ch === '█' ? cell.fg : cell.bg) : theme.background;
      const bottom = cell ? (cell.ch === '▄' || cell.ch === '█' ? cell.fg : cell.bg) : theme.background;
      paint(c * scale, r * 2 * scale, top);
      paint(c * scale, (r * 2 + 1) * scale, bottom);
    }
  return { width, height, data };
}

/** What a phone would read, without trying the inverted image (many readers do not). */
export function decodeQr(raster: Raster): string | null {
  return jsQR(raster.data, raster.width, raster.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

export function encodePng(raster: Raster): Buffer {
  const png = new PNG({ width: raster.width, height: raster.height });
  png.data = Buffer.from(raster.data.buffer, raster.data.byteOffset, raster.data.byteLength);
  return PNG.sync.write(png);
}
