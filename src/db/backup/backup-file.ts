import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { link, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { ZdlError } from '../../errors.js';
import type { Database } from '../client.js';
import { dumpDatabase } from './dump.js';
import type { BackupHeader } from './format.js';

export interface BackupFileOptions {
  /** Replace an existing file (otherwise refused). */
  force?: boolean;
  now?: Date;
}

function fileExists(file: string): ZdlError {
  return new ZdlError(
    'BACKUP_FILE_EXISTS',
    'conflict',
    `${file} existe déjà : choisissez un autre nom ou ajoutez --force.`,
  );
}

function unwritable(file: string, error: unknown): ZdlError {
  const code = (error as NodeJS.ErrnoException).code ?? 'erreur inconnue';
  return new ZdlError('BACKUP_FILE_UNWRITABLE', 'operational', `Impossible d'écrire ${file} (${code}).`, {
    cause: error,
  });
}

/**
 * Writes a backup of `db` to `file`: gzip'd JSON lines, mode 0600 (it holds password and secret
 * hashes). Written to a temporary file in the same directory, flushed to disk, then put in place
 * in one step, so `file` is never a half-written backup; without `force` an existing file is
 * never replaced (link(2) fails if the name is taken, even if it appeared meanwhile).
 */
export async function writeBackupFile(
  db: Database,
  file: string,
  options: BackupFileOptions = {},
): Promise<BackupHeader> {
  if (!options.force && existsSync(file)) throw fileExists(file);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await (await open(temporary, 'wx', 0o600)).close();
  } catch (error) {
    throw unwritable(file, error);
  }
  try {
    const gzip = createGzip();
    const written = pipeline(gzip, createWriteStream(temporary, { flags: 'r+' }));
    written.catch(() => {}); // awaited below; a write error also fails the pending write
    const header = await dumpDatabase(
      db,
      async (line) => {
        if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
      },
      options.now,
    ).catch((error) => {
      gzip.destroy(); // closes the file too: nothing stays open behind a failed dump
      throw error;
    });
    gzip.end();
    await written.catch((error) => {
      throw unwritable(file, error);
    });
    const handle = await open(temporary, 'r+');
    await handle.sync().finally(() => handle.close());
    try {
      if (options.force) await rename(temporary, file);
      else await link(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw fileExists(file);
      throw unwritable(file, error);
    }
    return header;
  } finally {
    await rm(temporary, { force: true });
  }
}
