import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { ZdlError } from '../../errors.js';
import { type BackupHeader, type BackupLine, invalidBackup, parseHeader, parseLine } from './format.js';

export interface BackupSource {
  header: BackupHeader;
  /** The lines after the header, parsed; read once. */
  lines: AsyncIterable<BackupLine>;
}

/** Parses in-memory lines (as `dumpDatabase` wrote them), e.g. for a move between databases. */
export function readBackupLines(raw: string[]): BackupSource {
  const header = parseHeader(raw[0]);
  async function* lines(): AsyncGenerator<BackupLine> {
    for (let index = 1; index < raw.length; index++) yield parseLine(raw[index] as string, index + 1);
  }
  return { header, lines: lines() };
}

/** Opens a backup file and reads its header; the rest is streamed by `lines`. */
export async function openBackupFile(file: string): Promise<BackupSource & { close(): void }> {
  try {
    await access(file);
  } catch (error) {
    throw new ZdlError('BACKUP_NOT_FOUND', 'not_found', `Fichier introuvable ou illisible : ${file}.`, {
      cause: error,
    });
  }
  const input = createReadStream(file);
  const gunzip = createGunzip();
  const reader = createInterface({ input: input.pipe(gunzip), crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = reader[Symbol.asyncIterator]();
  // A read or gzip error would otherwise end the lines early, as a silently truncated file.
  let streamError: unknown;
  const fail = (error: unknown) => {
    streamError ??= error;
    reader.close();
  };
  input.on('error', fail);
  gunzip.on('error', fail);
  const next = async (): Promise<string | undefined> => {
    let result: IteratorResult<string>;
    try {
      result = await iterator.next();
    } catch (error) {
      streamError ??= error; // readline re-throws its input's errors
    }
    if (streamError || !result!) throw invalidBackup('fichier gzip corrompu ou tronqué', streamError);
    return result.done ? undefined : result.value;
  };
  const close = () => {
    reader.close();
    input.destroy();
  };
  let header: BackupHeader;
  try {
    header = parseHeader(await next());
  } catch (error) {
    close();
    throw error;
  }
  async function* lines(): AsyncGenerator<BackupLine> {
    try {
      for (let lineNumber = 2; ; lineNumber++) {
        const line = await next();
        if (line === undefined) return;
        yield parseLine(line, lineNumber);
      }
    } finally {
      close();
    }
  }
  return { header, lines: lines(), close };
}
