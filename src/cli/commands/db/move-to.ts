import { findOtherEmbeddedHost } from '../../../db/backup/embedded-writers.js';
import { moveDatabase } from '../../../db/backup/move.js';
import { totalRows } from '../../../db/backup/row-counts.js';
import { connectServer, describeServer } from '../../../db/client.js';
import { resolveEmbeddedPaths } from '../../../db/embedded-host.js';
import { ZdlError } from '../../../errors.js';
import { secretKeyFilePath } from '../../../invites/resolve-code-keys.js';
import type { CommandContext } from '../../context.js';
import { confirmDestructive } from '../../prompt.js';

function parseTargetUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ZdlError(
      'INVALID_DATABASE_URL',
      'usage',
      'Adresse de serveur invalide : attendu postgres://utilisateur:motdepasse@hôte:5432/base.',
    );
  }
  return value;
}

export async function run(ctx: CommandContext, [value]: string[]): Promise<void> {
  const url = parseTargetUrl(value as string);
  const config = await ctx.config();
  if (config.databaseUrl && describeServer(config.databaseUrl) === describeServer(url)) {
    throw new ZdlError('SAME_DATABASE', 'usage', `zdl utilise déjà ${describeServer(url)} : rien à déplacer.`);
  }
  const source = await ctx.database();
  const writer = source.kind === 'embedded' ? findOtherEmbeddedHost(resolveEmbeddedPaths(config.dataDir)) : null;
  if (writer !== null) {
    await confirmDestructive(
      ctx.prompt,
      `Un autre processus zdl (pid ${writer}, zdl serve sans doute) utilise la base intégrée : ce qu'il écrira ` +
        'après la copie n’ira pas sur le serveur. Arrêtez-le d’abord. Copier quand même ?',
    );
  }
  const target = connectServer(url, { prepare: false, max: 1 });
  const result = await moveDatabase(source, target, ctx.clock()).finally(() => target.close());
  if (ctx.flags.json) {
    ctx.out.printJson({
      source: { database: source.kind, location: source.location },
      target: target.location,
      migrated: result.migrated,
      tables: Object.fromEntries(result.tables.map((table) => [table.name, table.rows])),
    });
  }
  ctx.out.success(`${totalRows(result.tables)} ligne(s) copiée(s) de ${source.location} vers ${target.location}.`);
  ctx.out.info(
    'Prochaine étape : mettez DATABASE_URL=<cette adresse> dans le fichier .env (ou l’environnement) de zdl serve ' +
      'et de vos tâches cron, redémarrez zdl serve, puis vérifiez avec « zdl doctor » et « zdl persons list ».',
  );
  // The invitations' hashes are keyed: on the server, zdl needs the key they were made with.
  if (!config.secretKey.current) {
    ctx.out.info(
      `Les codes d'invitation en cours restent valables si le serveur a la même clé : mettez aussi ` +
        `ZDL_SECRET_KEY=$(cat ${secretKeyFilePath(config.dataDir)}) dans ce même fichier .env.`,
    );
  }
  if (source.kind === 'embedded') {
    ctx.out.info(
      `La base intégrée (${source.location}) n'a pas été modifiée : gardez-la jusqu'à ce que tout fonctionne, puis supprimez-la.`,
    );
  }
}
