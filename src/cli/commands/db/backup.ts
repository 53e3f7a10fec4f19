import path from 'node:path';
import { writeBackupFile } from '../../../db/backup/backup-file.js';
import type { CommandContext } from '../../context.js';

export async function run(ctx: CommandContext, [file]: string[], options: { force?: boolean }): Promise<void> {
  const target = path.resolve(ctx.io.cwd, file as string);
  const database = await ctx.database();
  const header = await writeBackupFile(database, target, { force: options.force === true, now: ctx.clock() });
  const rows = header.tables.reduce((sum, table) => sum + table.rows, 0);
  if (ctx.flags.json) {
    ctx.out.printJson({
      file: target,
      database: database.kind,
      location: database.location,
      created_at: header.created_at,
      migrations: header.migrations.map((migration) => migration.version),
      tables: Object.fromEntries(header.tables.map((table) => [table.name, table.rows])),
    });
  }
  ctx.out.success(
    `Sauvegarde de ${database.location} écrite dans ${target} : ${rows} ligne(s) dans ${header.tables.length} tables ` +
      '(fichier lisible par vous seul : il contient des empreintes de mots de passe).',
  );
}
