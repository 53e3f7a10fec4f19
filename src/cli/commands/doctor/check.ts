import type { Config } from '../../../config.js';
import type { CommandContext } from '../../context.js';
import { type Check, checkActor, checkDatabase, checkMail, checkPublicUrl, describeError } from './checks.js';
import { checkPooler } from './pooler.js';

export async function run(ctx: CommandContext): Promise<void> {
  const checks: Check[] = [];
  let config: Config | undefined;
  try {
    config = await ctx.config();
    checks.push({ name: 'config', ok: true, detail: 'variables valides' });
  } catch (error) {
    checks.push({ name: 'config', ok: false, detail: describeError(error).replace(/\n\s*/g, ' ') });
  }
  if (config) {
    checks.push(...(await checkDatabase(ctx)), await checkPooler(config), checkMail(config), checkPublicUrl(config));
    checks.push({
      name: 'google',
      ok: true,
      detail: config.google
        ? `activé (${config.google.issuer})`
        : 'désactivé (ZDL_GOOGLE_CLIENT_ID / ZDL_GOOGLE_CLIENT_SECRET absents)',
    });
  }
  checks.push(checkActor(ctx.actor));
  const ok = checks.every((check) => check.ok);
  if (ctx.flags.json) ctx.out.printJson({ ok, checks });
  else {
    const { green, red, yellow } = ctx.out.color;
    const mark = (check: Check) => (!check.ok ? red('✗') : check.warning ? yellow('!') : green('✓'));
    for (const check of checks) ctx.out.data(`${mark(check)} ${check.name} : ${check.detail}`);
  }
  if (!ok) ctx.setExitCode(1);
}
