import { ASSOCIATION_NAME, type CardSheet } from '../cards/card-text.js';
import { loadEnv } from '../config.js';
import type { CommandContext } from './context.js';

/**
 * What every card shares. The contact is `ZDL_CONTACT` (from the environment or `.env`, like
 * the rest of the configuration); without it the cards say to ask an administrator.
 */
export async function readCardSheet(ctx: CommandContext): Promise<CardSheet> {
  const config = await ctx.config();
  const configured = (config as { contact?: string }).contact;
  const contact = configured ?? loadEnv(ctx.io.env, ctx.io.cwd).ZDL_CONTACT?.trim();
  return { association: ASSOCIATION_NAME, publicUrl: config.publicUrl, contact: contact || undefined };
}
