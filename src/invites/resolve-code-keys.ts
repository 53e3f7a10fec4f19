import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { ZdlError } from '../errors.js';
import { deriveInviteCodeKey, type InviteCodeKeys } from './code-keys.js';

/** The embedded database's key, beside its PostgreSQL data (`pgdata/`): a backup, a dump of the tables, holds no key. */
export function secretKeyFilePath(dataDir: string): string {
  return path.join(dataDir, 'secret.key');
}

function readOrCreateKeyFile(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx': two processes starting at once do not overwrite each other's key.
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw unsafe(file, 'impossible de la créer', error);
  }
  if ((statSync(file).mode & 0o077) !== 0) throw unsafe(file, 'lisible par d’autres utilisateurs (chmod 600)');
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw unsafe(file, 'contenu invalide');
  return secret;
}

function unsafe(file: string, why: string, cause?: unknown): ZdlError {
  return new ZdlError('SECRET_KEY_FILE_UNSAFE', 'operational', `Clé des codes d’invitation ${file} : ${why}`, {
    cause,
  });
}

/**
 * The keys for invitation codes: ZDL_SECRET_KEY (and ZDL_SECRET_KEY_PREVIOUS), else, for the
 * embedded database only, a key file created on first use. A server database without the
 * variable is refused: a key generated on one machine would not match the next server's.
 */
export function resolveInviteCodeKeys(config: Pick<Config, 'secretKey' | 'databaseUrl' | 'dataDir'>): InviteCodeKeys {
  const current =
    config.secretKey.current ??
    (config.databaseUrl ? undefined : readOrCreateKeyFile(secretKeyFilePath(config.dataDir)));
  if (!current) {
    throw new ZdlError(
      'SECRET_KEY_MISSING',
      'usage',
      'ZDL_SECRET_KEY manquante : avec un serveur PostgreSQL, les codes d’invitation sont hachés avec une clé ' +
        'qui n’est pas dans la base. Générez-la une fois (openssl rand -base64 32) et donnez la même à chaque ' +
        'machine qui lance zdl (README, « Invitation codes »).',
    );
  }
  const previous = config.secretKey.previous;
  return { current: deriveInviteCodeKey(current), previous: previous ? deriveInviteCodeKey(previous) : null };
}
