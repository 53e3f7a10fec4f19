import { createQrMatrix } from '../cards/qr-matrix.js';
import { renderTerminalQr } from '../cards/terminal-qr.js';
import type { CommandContext } from './context.js';
import { wantsColor } from './output.js';

/**
 * The activation link as a QR code under the code, for a phone held up to the screen. Only on
 * a terminal and never with --json (the QR is for eyes, not scripts). It needs colour escapes
 * to be black on white on any theme (see terminal-qr.ts), so by default it also follows the
 * colour opt-outs (NO_COLOR, TERM=dumb, --no-color); `--qr` shows it on a terminal regardless,
 * `--no-qr` never.
 */
export function shouldShowQr(ctx: CommandContext, qr: boolean | undefined): boolean {
  if (ctx.flags.json || qr === false || ctx.io.stdout.isTTY !== true) return false;
  return qr === true || wantsColor(ctx.io.stdout, ctx.io.env, ctx.flags.color);
}

export function printInviteQr(ctx: CommandContext, link: string): void {
  ctx.out.data(renderTerminalQr(createQrMatrix(link, 'L')));
}
