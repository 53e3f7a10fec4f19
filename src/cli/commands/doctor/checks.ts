import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../../config.js';
import { readMigrationStatus } from '../../../db/migrations.js';
import type { CommandContext } from '../../context.js';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** Worth telling, but not a failure (doctor still exits 0). */
  warning?: boolean;
}

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
    return {
      name: 'admin',
      ok: true,
      warning: true,
      detail: 'le journal d’audit inscrira « cli:root » : définissez ZDL_ADMIN=<votre nom> (ou --as <nom>)',
    };
  }
  return { name: 'admin', ok: true, detail: `le journal d’audit inscrira « ${actor} »` };
}

export function describeError(error: unknown): string {
  return (error as Error)?.message ?? String(error);
}

export function checkMail(config: Config): Check {
  if (config.mail.apiKey)
    return { name: 'mail', ok: true, detail: `MailerSend (${config.mail.apiUrl}), expéditeur ${config.mail.from}` };
  if (config.production)
    return {
      name: 'mail',
      ok: false,
      detail: 'MAILERSEND_API_KEY manque (NODE_ENV=production refuse la boîte locale)',
    };
  try {
    assertCreatable(config.mail.outboxDir);
    return {
      name: 'mail',
      ok: true,
      detail: `boîte locale ${config.mail.outboxDir} (aucun e-mail réel : MAILERSEND_API_KEY absente)`,
    };
  } catch (error) {
    return {
      name: 'mail',
      ok: false,
      detail: `boîte locale ${config.mail.outboxDir} non inscriptible : ${describeError(error)}`,
    };
  }
}

export function checkPublicUrl(config: Config): Check {
  const url = new URL(config.publicUrl);
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    return {
      name: 'public_url',
      ok: false,
      detail: `${config.publicUrl} : les liens des e-mails doivent être en https`,
    };
  }
  return {
    name: 'public_url',
    ok: true,
    detail: config.publicUrl + (local ? ' (locale : les liens ne marcheront que sur cette machine)' : ''),
  };
}

export async function checkDatabase(ctx: CommandContext): Promise<Check[]> {
  let db: Awaited<ReturnType<CommandContext['database']>>;
  try {
    db = await ctx.database({ checkMigrations: false, create: false });
    await db.transaction((tx) => tx`select 1`);
  } catch (error) {
    return [
      { name: 'database', ok: false, detail: describeError(error) },
      { name: 'migrations', ok: false, detail: 'base injoignable' },
    ];
  }
  const checks: Check[] = [
    { name: 'database', ok: true, detail: `${db.kind === 'embedded' ? 'intégrée' : 'serveur'} : ${db.location}` },
  ];
  try {
    const statuses = await readMigrationStatus(db);
    const pending = statuses.filter((s) => s.state === 'pending').length;
    const changed = statuses.filter((s) => s.state === 'changed').length;
    checks.push({
      name: 'migrations',
      ok: pending === 0 && changed === 0,
      detail:
        changed > 0
          ? `${changed} migration(s) modifiée(s) après application`
          : pending > 0
            ? `${pending} migration(s) en attente : lancez « zdl db migrate »`
            : `${statuses.length} appliquée(s)`,
    });
  } catch (error) {
    checks.push({ name: 'migrations', ok: false, detail: describeError(error) });
  }
  return checks;
}
