import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import type { Raster } from './terminal-raster.js';

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

export async function extractPdfText(pdf: string): Promise<string> {
  return (await run('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
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
