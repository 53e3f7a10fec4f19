import { formatParisDateTime } from '../mail/templates/format-date.js';
import type { CommandContext } from './context.js';

/** After a sheet of cards is published (`invites cards`, `persons import --cards`): what it holds. */
export function reportCardsWritten(ctx: CommandContext, out: string, count: number, expiresAt: Date): void {
  ctx.out.success(
    `${count} carte(s) écrite(s) dans ${out} : ${count} code(s) valable(s) jusqu’au ${formatParisDateTime(expiresAt)} (heure de Paris).`,
  );
  ctx.out.info(
    'Ce fichier contient les codes : imprimez-le, remettez chaque carte en main propre, puis supprimez le fichier.',
  );
}
