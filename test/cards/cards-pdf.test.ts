import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CARD, CARDS_PER_PAGE, placeCard, POINTS_PER_MM } from '../../src/cards/card-layout.js';
import type { InviteCard } from '../../src/cards/card-text.js';
import { renderCardsPdf } from '../../src/cards/cards-pdf.js';
import { generateInviteCode } from '../../src/invites/code.js';
import { buildActivationUrl } from '../../src/mail/templates/links.js';
import { cropPng, extractPdfText, readPng, renderPdfPages, runPoppler } from '../support/pdf.js';
import { decodeQr } from '../support/terminal-raster.js';

const PUBLIC_URL = 'https://acces.zdl.test';
const SHEET = {
  association: 'ZDL',
  publicUrl: PUBLIC_URL,
  contact: 'le secrétariat, 01 23 45 67 89, secretariat@zdl-association.org',
};
const NAMES: [string, string][] = [
  ['Zoé', 'Martin'],
  ['Hélène', 'Dupré-Lefèvre'],
  ['François', 'Nœl'],
  ['Ève', 'Çelik'],
  ['Maël', 'Großmann'],
  ['Anaïs', 'Bénédicte-Saint-Exupéry de la Tour d’Auvergne'],
];
const DPI = 150;
const PX = DPI / 72;

function makeCards(count: number): InviteCard[] {
  return Array.from({ length: count }, (_, i) => {
    const [prenom, nom] = NAMES[i % NAMES.length]!;
    const code = generateInviteCode();
    return {
      prenom,
      nom: `${nom} ${i + 1}`,
      code,
      link: buildActivationUrl(PUBLIC_URL, code),
      expiresAt: new Date('2026-09-30T12:05:00Z'),
    };
  });
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'zdl-cards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function renderAndRead(count: number) {
  const cards = makeCards(count);
  const pdf = path.join(dir, `cards-${count}.pdf`);
  writeFileSync(pdf, await renderCardsPdf(cards, SHEET));
  const pages = await renderPdfPages(pdf, path.join(dir, `pages-${count}`), DPI);
  return { cards, pdf, pages };
}

/** Every card's QR, read from its own region of the page image, in card order. */
function decodePages(pages: string[], count: number): (string | null)[] {
  return pages.flatMap((file, p) => {
    const png = readPng(file);
    const onPage = Math.min(CARDS_PER_PAGE, count - p * CARDS_PER_PAGE);
    return Array.from({ length: onPage }, (_, i) => {
      const { x, y } = placeCard(i);
      return decodeQr(cropPng(png, x * PX, y * PX, CARD.width * PX, CARD.height * PX));
    });
  });
}

describe('renderCardsPdf', () => {
  it('prints 11 cards on two A4 pages: each QR holds its link, the text layer its name and code', async () => {
    const { cards, pdf, pages } = await renderAndRead(11);
    expect(pages).toHaveLength(2);
    expect(await runPoppler('pdfinfo', [pdf])).toMatch(/Pages:\s+2\n[\s\S]*Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(decodePages(pages, 11)).toEqual(cards.map((card) => card.link));

    // A long name wraps on two lines (at a space): join the lines back.
    const text = (await extractPdfText(pdf)).normalize('NFC').replace(/\s+/g, ' ');
    for (const card of cards) {
      expect(text).toContain(`Bonjour ${card.prenom} ${card.nom}`);
      expect(text).toContain(card.code);
    }
    expect(text).toContain('acces.zdl.test/activate');
    expect(text).toContain('Valable jusqu’au mercredi 30 septembre 2026 à 14:05 (heure de Paris).');
    expect(text).toContain('Une question ? le secrétariat, 01 23 45 67 89, secretariat@zdl-association.org');
    expect(text).toContain('1. Scannez le code QR avec votre téléphone');

    // Vector QR codes (no image at all) and embedded fonts (a printer without DejaVu prints it).
    expect((await runPoppler('pdfimages', ['-list', pdf])).trim().split('\n')).toHaveLength(2);
    const fonts = await runPoppler('pdffonts', [pdf]);
    expect(fonts).toMatch(/DejaVuSans-Bold/);
    expect(fonts).toMatch(/DejaVuSansMono-Bold/);
    for (const line of fonts.trim().split('\n').slice(2)) expect(line).toMatch(/ yes yes yes /);

    mkdirSync('screenshots', { recursive: true });
    copyFileSync(pages[0]!, 'screenshots/cards-page-1.png');
  }, 120_000);

  it.each([
    [10, 1],
    [100, 10],
  ])(
    '%i cards take %i page(s), every QR readable',
    async (count, pageCount) => {
      const { cards, pages } = await renderAndRead(count);
      expect(pages).toHaveLength(pageCount);
      expect(decodePages(pages, count)).toEqual(cards.map((card) => card.link));
    },
    // 40 s alone here; the machine is shared by several test suites at once.
    300_000,
  );

  it('keeps the cut marks off the cards: the margins hold only the marks and the page note', () => {
    expect(CARD.width / POINTS_PER_MM).toBeCloseTo(85);
    expect(CARD.height / POINTS_PER_MM).toBeCloseTo(55);
  });
});
