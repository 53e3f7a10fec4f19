import { randomBytes } from 'node:crypto';
import { link, lstat, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ZdlError } from '../errors.js';

// The PDF holds live invitation codes, so it is a secret file: owner-only (0600), never
// overwriting someone's file unless asked (--force), and never half-written. It is staged next
// to its final name while the invitations are being written, and published (an atomic link or
// rename in the same directory) only once they are committed: a failed transaction leaves no
// file with dead codes, and with --force the file it replaces (whose codes the failed
// transaction leaves live) stays as it was.

const SECRET_FILE_MODE = 0o600;

function fileError(file: string, error: unknown): ZdlError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'dossier introuvable'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission refusée'
        : code === 'EISDIR'
          ? 'c’est un dossier'
          : (code ?? String(error));
  return new ZdlError('FILE_UNWRITABLE', 'operational', `Impossible d’écrire ${file} : ${reason}.`, { cause: error });
}

function existsError(file: string): ZdlError {
  return new ZdlError(
    'FILE_EXISTS',
    'usage',
    `${file} existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer.`,
  );
}

/** Checked before anything is issued, so that a name already taken costs nothing. */
export async function assertCardsFileFree(file: string, force: boolean): Promise<void> {
  const stats = await lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw fileError(file, error);
  });
  if (stats?.isDirectory()) throw fileError(file, Object.assign(new Error('EISDIR'), { code: 'EISDIR' }));
  if (stats && !force) throw existsError(file);
}

/** Writes the bytes to a new owner-only file beside `file`; returns its path. */
export async function stageCardsFile(file: string, bytes: Uint8Array): Promise<string> {
  const staged = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(staged, 'wx', SECRET_FILE_MODE);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await unlink(staged).catch(() => undefined);
    throw fileError(file, error);
  }
  return staged;
}

/**
 * Gives the staged file its name once the codes are committed: `link` refuses an existing name,
 * `rename` replaces it (--force). Should that fail, the codes are live and only the staged copy
 * holds them: it stays, and the message says where.
 */
export async function publishCardsFile(staged: string, file: string, force: boolean): Promise<void> {
  try {
    if (force) await rename(staged, file);
    else {
      await link(staged, file);
      await unlink(staged);
    }
  } catch (error) {
    const why =
      (error as NodeJS.ErrnoException).code === 'EEXIST' ? existsError(file).message : fileError(file, error).message;
    throw new ZdlError(
      'FILE_UNWRITABLE',
      'operational',
      `${why}\nLes invitations sont créées : les cartes sont dans ${staged} (renommez ce fichier).`,
      { cause: error },
    );
  }
}

export async function discardCardsFile(staged: string): Promise<void> {
  await unlink(staged).catch(() => undefined);
}
