import type { Command } from 'commander';
import type { CommandContext, Session } from './context.js';

/**
 * Adapts commander's `(…args, options, command)` to `(ctx, args, options)`, so that each
 * command body is a small function of its context.
 */
export function defineAction<O extends object>(
  session: Session,
  handler: (ctx: CommandContext, args: string[], options: O) => Promise<void>,
) {
  return async (...received: unknown[]) => {
    const command = received.at(-1) as Command;
    const options = received.at(-2) as O;
    const args = received.slice(0, -2) as string[];
    await handler(await session.contextFor(command), args, options);
  };
}
