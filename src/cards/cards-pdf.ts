import PDFDocument from 'pdfkit';
import { CARD_FONTS } from './card-fonts.js';
import { CARD, CUT_MARK, GRID, GRID_ORIGIN, PAGE, paginate, placeCard } from './card-layout.js';
import {
  CARD_INSTRUCTIONS,
  type CardSheet,
  formatCardContact,
  formatCardExpiry,
  formatTypedAddress,
  type InviteCard,
} from './card-text.js';
import { fitGreeting, fitLine } from './pdf-text-fit.js';
import { createQrMatrix, type QrMatrix } from './qr-matrix.js';

// A4 sheets of invitation cards. Everything is vector: text in an embedded font, the QR code as
// filled rectangles, so it prints sharp at any resolution.

const INK = '#1c1917';
const MUTED = '#57534e';
const ACCENT = '#b91c1c';
const GUIDE = '#c8c4c0';
/** Paper QR codes keep ISO/IEC 18004's full 4-module quiet zone. */
const QUIET_ZONE = 4;
const QR_BOX = 72;

type Doc = PDFKit.PDFDocument;

/** The dark modules as one path filled once: no hairline seams between touching modules. */
function drawQr(doc: Doc, matrix: QrMatrix, x: number, y: number, box: number) {
  const module = box / (matrix.size + 2 * QUIET_ZONE);
  const origin = { x: x + QUIET_ZONE * module, y: y + QUIET_ZONE * module };
  doc.rect(x, y, box, box).fill('#ffffff');
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; ) {
      if (!matrix.isDark(col, row)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(col, row)) col++;
      doc.rect(origin.x + start * module, origin.y + row * module, (col - start) * module, module);
    }
  }
  doc.fill('#000000');
}

function drawCard(doc: Doc, card: InviteCard, sheet: CardSheet, x: number, y: number) {
  const pad = CARD.padding;
  const qrX = x + CARD.width - pad - QR_BOX + QUIET_ZONE; // the quiet zone may overlap the padding
  drawQr(doc, createQrMatrix(card.link, 'M'), qrX, y + pad - QUIET_ZONE, QR_BOX);
  const left = x + pad;
  const leftWidth = qrX - left - 2;
  doc.fillColor(ACCENT);
  fitLine(doc, sheet.association, { font: 'bold', size: 8, min: 6 }, left, y + pad, leftWidth);
  doc.fillColor(INK);
  fitGreeting(doc, `Bonjour ${card.prenom} ${card.nom}`, left, y + pad + 13, leftWidth);
  doc.fillColor(MUTED);
  fitLine(doc, 'Votre code personnel :', { font: 'regular', size: 6.5, min: 6 }, left, y + pad + 31, leftWidth);
  doc.fillColor(INK);
  fitLine(doc, card.code, { font: 'mono', size: 13, min: 9 }, left, y + pad + 41, leftWidth);

  const width = CARD.width - 2 * pad;
  let line = y + pad + QR_BOX - 2 * QUIET_ZONE + 3;
  doc.fillColor(MUTED);
  fitLine(doc, 'Adresse à taper :', { font: 'regular', size: 7, min: 6 }, left, line + 1, width);
  const labelWidth = doc.widthOfString('Adresse à taper : ');
  doc.fillColor(INK);
  fitLine(
    doc,
    formatTypedAddress(sheet.publicUrl),
    { font: 'mono', size: 8, min: 5 },
    left + labelWidth,
    line,
    width - labelWidth,
  );
  line += 11;
  for (const instruction of CARD_INSTRUCTIONS) {
    fitLine(doc, instruction, { font: 'regular', size: 7, min: 5.5 }, left, line, width);
    line += 9;
  }
  fitLine(doc, formatCardExpiry(card.expiresAt), { font: 'bold', size: 6.5, min: 5 }, left, line + 1, width);
  doc.fillColor(MUTED);
  fitLine(doc, formatCardContact(sheet.contact), { font: 'regular', size: 6.5, min: 5 }, left, line + 10, width);
}

/** Marks in the margin at every cut line, plus faint guides on the lines themselves for scissors. */
function drawCutMarks(doc: Doc) {
  const right = GRID_ORIGIN.x + GRID.columns * CARD.width;
  const bottom = GRID_ORIGIN.y + GRID.rows * CARD.height;
  doc.save().lineWidth(0.3).dash(1.5, { space: 2 }).strokeColor(GUIDE);
  for (let c = 0; c <= GRID.columns; c++) {
    const x = GRID_ORIGIN.x + c * CARD.width;
    doc.moveTo(x, GRID_ORIGIN.y).lineTo(x, bottom).stroke();
  }
  for (let r = 0; r <= GRID.rows; r++) {
    const y = GRID_ORIGIN.y + r * CARD.height;
    doc.moveTo(GRID_ORIGIN.x, y).lineTo(right, y).stroke();
  }
  doc.restore().save().lineWidth(0.5).strokeColor('#000000');
  const { gap, length } = CUT_MARK;
  for (let c = 0; c <= GRID.columns; c++) {
    const x = GRID_ORIGIN.x + c * CARD.width;
    doc
      .moveTo(x, GRID_ORIGIN.y - gap)
      .lineTo(x, GRID_ORIGIN.y - gap - length)
      .stroke();
    doc
      .moveTo(x, bottom + gap)
      .lineTo(x, bottom + gap + length)
      .stroke();
  }
  for (let r = 0; r <= GRID.rows; r++) {
    const y = GRID_ORIGIN.y + r * CARD.height;
    doc
      .moveTo(GRID_ORIGIN.x - gap, y)
      .lineTo(GRID_ORIGIN.x - gap - length, y)
      .stroke();
    doc
      .moveTo(right + gap, y)
      .lineTo(right + gap + length, y)
      .stroke();
  }
  doc.restore();
}

function drawPageNote(doc: Doc, sheet: CardSheet, page: number, pages: number) {
  const text = `${sheet.association} · cartes d’invitation, page ${page}/${pages} · à remettre en main propre`;
  doc.fillColor(MUTED);
  fitLine(
    doc,
    text,
    { font: 'regular', size: 6.5, min: 4 },
    GRID_ORIGIN.x + 12,
    GRID_ORIGIN.y - CUT_MARK.gap - 8,
    PAGE.width / 2 - GRID_ORIGIN.x - 24,
  );
}

/** The whole PDF in memory: nothing reaches the disk until the caller writes it (mode 0600). */
export function renderCardsPdf(cards: InviteCard[], sheet: CardSheet): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    font: CARD_FONTS.regular,
    info: { Title: `${sheet.association} — cartes d’invitation`, Creator: 'zdl' },
  });
  doc.registerFont('regular', CARD_FONTS.regular);
  doc.registerFont('bold', CARD_FONTS.bold);
  doc.registerFont('mono', CARD_FONTS.mono);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const pages = paginate(cards);
  pages.forEach((pageCards, p) => {
    doc.addPage({ size: 'A4', margin: 0 });
    drawCutMarks(doc);
    drawPageNote(doc, sheet, p + 1, pages.length);
    pageCards.forEach((card, i) => {
      const { x, y } = placeCard(i);
      drawCard(doc, card, sheet, x, y);
    });
  });
  doc.end();
  return done;
}
