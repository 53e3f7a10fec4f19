import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { CARD, CARDS_PER_PAGE, placeCard } from '../../src/cards/card-layout.js';
import { decodeQr, type Raster } from './terminal-raster.js';

// Poppler (Debian's poppler-utils, installed by .ci/run) reads the PDFs as a printer would.

const run = promisify(execFile);

/** Renders every page to `<dir>/page-N.png` at `dpi`; returns the files in page order. */
export async function renderPdfPages(pdf: string, dir: string, dpi = 150): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  await run('pdftoppm', ['-r', String(dpi), '-png', pdf, path.join(dir, 'page')]);
  return readdirSync(dir)
    .filter((name) => /^page-\d+\.png$/.test(name))
    .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]))
    .map((name) => path.join(dir, name));
}

export async function extractPdfText(pdf: string, args: string[] = []): Promise<string> {
  return (await run('pdftotext', ['-enc', 'UTF-8', ...args, pdf, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** The link in each card's QR code, in card order, read from pdftoppm's images of `pdf`. */
export async function readCardLinks(pdf: string, count: number, dpi = 150): Promise<(string | null)[]> {
  const px = dpi / 72;
  const pages = await renderPdfPages(pdf, `${pdf}-pages`, dpi);
  return pages.flatMap((file, p) => {
    const png = readPng(file);
    return Array.from({ length: Math.min(CARDS_PER_PAGE, count - p * CARDS_PER_PAGE) }, (_, i) => {
      const { x, y } = placeCard(i);
      return decodeQr(cropPng(png, x * px, y * px, CARD.width * px, CARD.height * px));
    });
  });
}

/** The text layer of each card, in card order: pdftotext cropped to the card (72 dpi: points). */
export async function readCardTexts(pdf: string, count: number): Promise<string[]> {
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    const page = String(Math.floor(i / CARDS_PER_PAGE) + 1);
    const { x, y } = placeCard(i % CARDS_PER_PAGE);
    const crop = [x, y, CARD.width, CARD.height].map((value) => String(Math.round(value)));
    const [cx, cy, cw, ch] = crop;
    texts.push(
      await extractPdfText(pdf, ['-f', page, '-l', page, '-r', '72', '-x', cx!, '-y', cy!, '-W', cw!, '-H', ch!]),
    );
  }
  return texts;
}

/** `pdfinfo`, `pdffonts`, `pdfimages -list`: whatever poppler says, as text. */
export async function runPoppler(tool: 'pdfinfo' | 'pdffonts' | 'pdfimages', args: string[]): Promise<string> {
  return (await run(tool, args)).stdout;
}

export function readPng(file: string): PNG {
  return PNG.sync.read(readFileSync(file));
}

/** A rectangle of a page image (in pixels) as an RGBA raster for jsQR. */
export function cropPng(png: PNG, x: number, y: number, width: number, height: number): Raster {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const w = Math.min(png.width - x0, Math.ceil(width));
  const h = Math.min(png.height - y0, Math.ceil(height));
  const data = new Uint8ClampedArray(w * h * 4);
  for (let row = 0; row < h; row++) {
    const start = ((y0 + row) * png.width + x0) * 4;
    data.set(png.data.subarray(start, start + w * 4), row * w * 4);
  }
  return { width: w, height: h, data };
}
