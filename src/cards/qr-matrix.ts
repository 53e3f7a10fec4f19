import QRCode from 'qrcode';

/** A QR code's modules, `true` for dark, without the quiet zone (the renderer adds it). */
export interface QrMatrix {
  size: number;
  isDark(x: number, y: number): boolean;
}

/**
 * Error correction L (7 %) keeps the terminal QR small enough for 80×24 (a screen is not
 * damaged); M (15 %) for paper, which gets folded and smudged (ISO/IEC 18004 §6.5.1).
 */
export type QrLevel = 'L' | 'M';

/** Encodes text with qrcode's optimal mix of byte and alphanumeric segments. */
export function createQrMatrix(text: string, level: QrLevel): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: level });
  return { size: modules.size, isDark: (x, y) => modules.get(y, x) === 1 };
}
