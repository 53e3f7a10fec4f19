// Text on a card never overflows its box: fonts shrink, and a greeting may take two lines.

type Doc = PDFKit.PDFDocument;

export interface LineStyle {
  font: 'regular' | 'bold' | 'mono';
  size: number;
  /** The font shrinks down to this size before the text may overflow. */
  min: number;
}

/** One line that never wraps: the font shrinks until the text fits `width`. */
export function fitLine(doc: Doc, text: string, style: LineStyle, x: number, y: number, width: number) {
  let size = style.size;
  doc.font(style.font).fontSize(size);
  while (size > style.min && doc.widthOfString(text) > width) {
    size -= 0.25;
    doc.fontSize(size);
  }
  doc.text(text, x, y, { lineBreak: false });
}

/** The text split at spaces into at most two lines of `width`, or null (never inside a word). */
function splitTwoLines(doc: Doc, text: string, width: number): [string, string] | null {
  const words = text.split(' ');
  for (let cut = words.length - 1; cut > 0; cut--) {
    const first = words.slice(0, cut).join(' ');
    const second = words.slice(cut).join(' ');
    if (doc.widthOfString(first) <= width) return doc.widthOfString(second) <= width ? [first, second] : null;
  }
  return null;
}

/**
 * A greeting that never runs into the QR code: one line if it fits at 7.5 pt or more, else two
 * lines broken at a space, as large as fit. A name is never cut nor broken at its hyphen: it is
 * what tells the cards apart, and copied from the PDF it must come out whole.
 */
export function fitGreeting(doc: Doc, text: string, x: number, y: number, width: number) {
  doc.font('bold');
  for (let size = 10; size >= 7.5; size -= 0.25) {
    if (doc.fontSize(size).widthOfString(text) <= width) return void doc.text(text, x, y, { lineBreak: false });
  }
  for (let size = 7.5; size > 4; size -= 0.25) {
    const lines = splitTwoLines(doc.fontSize(size), text, width);
    if (lines) {
      doc.text(lines[0], x, y - 2, { lineBreak: false });
      return void doc.text(lines[1], x, y - 3 + size * 1.2, { lineBreak: false });
    }
  }
  doc.fontSize(4).text(text, x, y - 2, { width, lineGap: -1 });
}
