import { ZdlError } from '../errors.js';

// What admins' files really are: UTF-8 (with or without the BOM Excel's « CSV UTF-8 » writes),
// UTF-16 with a BOM (Excel's « Texte Unicode »), or Windows-1252 (French Excel's « CSV (séparateur :
// point-virgule) »). Node's TextDecoder decodes UTF-8 and UTF-16 strictly; Windows-1252 is decoded
// here from its table: Node 20's TextDecoder('windows-1252') decodes it as Latin-1 (0x9C gives the
// control U+009C, not « œ »: nodejs/node#56542), and 27 code points do not need a library.

export const CSV_ENCODINGS = ['utf-8', 'utf-16', 'windows-1252'] as const;
export type CsvEncodingChoice = (typeof CSV_ENCODINGS)[number];
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
  bom: boolean;
}

export const ENCODING_LABELS: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1252': 'Windows-1252 (Excel « CSV (séparateur : point-virgule) »)',
};

function bomOf(bytes: Uint8Array): { encoding: CsvEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

function refuse(line: number, reason: string): never {
  throw new ZdlError('INVALID_CSV', 'invalid', `Fichier CSV illisible, ligne ${line} : ${reason}.`, {
    details: { line },
  });
}

// Windows-1252's 0x80–0x9F; its five undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) stay C1
// controls, which assertClean refuses. Every other byte is the Latin-1 code point.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const chunk = bytes.subarray(start, start + 8192);
    text += String.fromCharCode(
      ...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)),
    );
  }
  return text;
}

/** A byte-exact decode, or the line of the first byte that is not valid in `encoding`. */
function decodeStrict(bytes: Uint8Array, encoding: CsvEncoding): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // The lenient decode marks the first invalid sequence with U+FFFD: its line is the answer.
    const lenient = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    refuse(lineAt(lenient, lenient.indexOf('\uFFFD')), `octets invalides en ${ENCODING_LABELS[encoding]}`);
  }
}

// C0 controls but tab/LF/CR, DEL, C1 controls (Windows-1252's five undefined bytes decode to
// these), and U+FFFD (a file already mangled by an earlier conversion): never stored.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/u;

function assertClean(text: string, encoding: CsvEncoding): void {
  const found = FORBIDDEN.exec(text);
  if (!found) return;
  const char = found[0];
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const reason =
    char === '\uFFFD'
      ? 'caractère de remplacement U+FFFD (le fichier a déjà perdu ses accents lors d’une conversion) : repartez du fichier d’origine'
      : char === '\u0000'
        ? 'octet nul (fichier UTF-16 sans BOM ?) : réenregistrez-le en « CSV UTF-8 »'
        : `caractère de contrôle ${code} ${encoding === 'windows-1252' ? '(octet non défini en Windows-1252) ' : ''}: ce fichier n’est pas du texte dans un encodage accepté (UTF-8, UTF-16, Windows-1252)`;
  refuse(lineAt(text, found.index), reason);
}

/**
 * Decodes a CSV file's bytes: the BOM decides (UTF-8, UTF-16 LE/BE), else strict UTF-8, else
 * Windows-1252. `forced` skips the guessing (`--encoding`); UTF-16 without a BOM is taken as LE.
 */
export function decodeCsv(bytes: Uint8Array, forced?: CsvEncodingChoice): DecodedCsv {
  const bom = bomOf(bytes);
  let encoding: CsvEncoding;
  if (forced === 'utf-16') encoding = bom?.encoding === 'utf-16be' ? 'utf-16be' : 'utf-16le';
  else if (forced) encoding = forced;
  else if (bom) encoding = bom.encoding;
  else {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      encoding = 'utf-8';
    } catch {
      encoding = 'windows-1252';
    }
  }
  const hasBom = bom !== null && bom.encoding === encoding;
  const text = decodeStrict(hasBom ? bytes.subarray(bom.length) : bytes, encoding);
  assertClean(text, encoding);
  return { text, encoding, bom: hasBom };
}
