import { countUnparsedPhones } from '../../../persons/unparsed-phones.js';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../../config.js';
import { readMigrationStatus } from '../../../db/migrations.js';
import type { CommandContext } from '../../context.js';

/** ✓ fine, ⚠ works but should be fixed (exit 0 unless --strict), ✗ broken (exit 1). */
export type CheckLevel = 'ok' | 'warn' | 'error';

export interface Check {
  name: string;
  level: CheckLevel;
  detail: string;
}

export const fine = (name: string, detail: string): Check => ({ name, level: 'ok', detail });
export const warn = (name: string, detail: string): Check => ({ name, level: 'warn', detail });
export const broken = (name: string, detail: string): Check => ({ name, level: 'error', detail });

/** The directory a later write would create `dir` in: doctor checks it without creating anything. */
function assertCreatable(dir: string): void {
  let existing = dir;
  while (!existsSync(existing)) existing = path.dirname(existing);
  if (!statSync(existing).isDirectory()) throw new Error(`${existing} n’est pas un dossier`);
  accessSync(existing, constants.W_OK);
}

/** The audit log's actor: `cli:root` says nothing of which admin acted. */
export function checkActor(actor: string): Check {
  if (actor === 'cli:root') {
    return warn('admin', 'le journal d’audit inscrira « cli:root » : définissez ZDL_ADMIN=<votre nom> (ou --as <nom>)');
  }
  return fine('admin', `le journal d’audit inscrira « ${actor} »`);
}

export function describeError(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

export function checkMail(config: Config): Check {
  if (config.mail.apiKey) return fine('mail', `MailerSend (${config.mail.apiUrl})`);
  if (config.production)
    return broken('mail', 'MAILERSEND_API_KEY manque (NODE_ENV=production refuse la boîte locale)');
  try {
    assertCreatable(config.mail.outboxDir);
    return fine('mail', `boîte locale ${config.mail.outboxDir} (aucun e-mail réel : MAILERSEND_API_KEY absente)`);
  } catch (error) {
    return broken('mail', `boîte locale ${config.mail.outboxDir} non inscriptible : ${describeError(error)}`);
  }
}

export async function checkDatabase(ctx: CommandContext): Promise<Check[]> {
  let db: Awaited<ReturnType<CommandContext['database']>>;
  try {
    db = await ctx.database({ checkMigrations: false, create: false });
    await db.transaction((tx) => tx`select 1`);
  } catch (error) {
    return [broken('database', describeError(error)), broken('migrations', 'base injoignable')];
  }
  const checks: Check[] = [fine('database', `${db.kind === 'embedded' ? 'intégrée' : 'serveur'} : ${db.location}`)];
  try {
    const statuses = await readMigrationStatus(db);
    const pending = statuses.filter((s) => s.state === 'pending').length;
    const changed = statuses.filter((s) => s.state === 'changed').length;
    checks.push(
      changed > 0
        ? broken('migrations', `${changed} migration(s) modifiée(s) après application`)
        : pending > 0
          ? broken('migrations', `${pending} migration(s) en attente : lancez « zdl db migrate »`)
          : fine('migrations', `${statuses.length} appliquée(s)`),
    );
    // Numbers typed before zdl parsed them, that migration 008 could not read: kept as typed.
    const unparsed = changed + pending > 0 ? 0 : await db.transaction((tx) => countUnparsedPhones(tx));
    checks.push(
      unparsed > 0
        ? warn(
            'phones',
            `${unparsed} numéro(s) de téléphone non reconnu(s), gardés tels quels : corrigez-les avec « zdl persons edit »`,
          )
        : fine('phones', 'numéros de téléphone au format international'),
    );
  } catch (error) {
    checks.push(broken('migrations', describeError(error)));
  }
  return checks;
}
