import type { Config } from '../../../config.js';
import type { CommandContext } from '../../context.js';
import {
  broken,
  type Check,
  type CheckLevel,
  checkActor,
  checkDatabase,
  checkMail,
  describeError,
  fine,
} from './checks.js';
import { checkAppUrl, checkContact, checkPublicUrl, checkSender, checkTrustProxy } from './deploy-checks.js';
import { checkPooler } from './pooler.js';
import { checkGoogle, checkMailerSendKey } from './remote-checks.js';

const MARKS: Record<CheckLevel, string> = { ok: '✓', warn: '⚠', error: '✗' };

async function checkConfigured(ctx: CommandContext, config: Config): Promise<Check[]> {
  const [database, pooler, mailerSendKey, google] = await Promise.all([
    checkDatabase(ctx),
    checkPooler(config),
    checkMailerSendKey(config),
    checkGoogle(config),
  ]);
  return [
    ...database,
    pooler,
    checkMail(config),
    mailerSendKey,
    checkSender(config),
    checkPublicUrl(config),
    google,
    checkTrustProxy(config),
    checkAppUrl(config),
    checkContact(config),
  ];
}

/**
 * Exit code: 0 when nothing is broken (⚠ included, unless --strict), 1 when a check is ✗, 2 for
 * an invalid configuration, as every other command.
 */
export async function run(ctx: CommandContext, _args: string[], options: { strict?: boolean }): Promise<void> {
  const checks: Check[] = [];
  let config: Config | undefined;
  try {
    config = await ctx.config();
    checks.push(fine('config', 'variables valides'));
  } catch (error) {
    checks.push(broken('config', describeError(error).replace(/\n\s*/g, ' ')));
  }
  if (config) checks.push(...(await checkConfigured(ctx, config)));
  checks.push(checkActor(ctx.actor));
  const ok = checks.every((check) => check.level !== 'error');
  const warnings = checks.some((check) => check.level === 'warn');
  if (ctx.flags.json) {
    ctx.out.printJson({
      ok,
      level: !ok ? 'error' : warnings ? 'warn' : 'ok',
      checks: checks.map((check) => ({ ...check, ok: check.level !== 'error' })),
    });
  } else {
    const { green, red, yellow } = ctx.out.color;
    const paint: Record<CheckLevel, (text: string) => string> = { ok: green, warn: yellow, error: red };
    for (const check of checks)
      ctx.out.data(`${paint[check.level](MARKS[check.level])} ${check.name} : ${check.detail}`);
  }
  if (!config) ctx.setExitCode(2);
  else if (!ok || (warnings && options.strict === true)) ctx.setExitCode(1);
}
