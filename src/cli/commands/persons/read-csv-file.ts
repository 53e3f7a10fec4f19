import { readFile } from 'node:fs/promises';
import { ZdlError } from '../../../errors.js';
import { CSV_ENCODINGS, type DecodedCsv, decodeCsv, ENCODING_LABELS } from '../../../persons/decode-csv.js';
import type { CommandContext } from '../../context.js';
import { parseChoice } from '../../flags.js';

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ZdlError(
      'FILE_UNREADABLE',
      'usage',
      `Impossible de lire ${file} : ${code === 'ENOENT' ? 'fichier introuvable' : (code ?? String(error))}.`,
    );
  }
}

/** Reads and decodes the CSV (`--encoding` or detected), and says on stderr which encoding it read. */
export async function readCsvFile(ctx: CommandContext, file: string, encoding?: string): Promise<DecodedCsv> {
  const forced = encoding === undefined ? undefined : parseChoice(encoding, CSV_ENCODINGS, '--encoding');
  const decoded = decodeCsv(await readBytes(file), forced);
  const how = forced ? 'imposé par --encoding' : 'détecté';
  ctx.out.info(`Encodage lu : ${ENCODING_LABELS[decoded.encoding]}${decoded.bom ? ' avec BOM' : ''} (${how}).`);
  return decoded;
}
