import type { Command } from 'commander';
import type { CommandContext, Session } from './context.js';

/** A leaf command's module: `src/cli/commands/<group>/<verb>.ts` exports `run`. */
export interface CommandModule<O extends object = object> {
  run(ctx: CommandContext, args: string[], options: O): Promise<void>;
}

/**
 * Adapts commander's `(…args, options, command)` to `run(ctx, args, options)` of a leaf module
 * loaded by exactly one `import()` when the command runs, so that `zdl --help` loads only the
 * light definitions (as changesets' CLI does).
 */
export function lazyAction<O extends object>(session: Session, load: () => Promise<CommandModule<O>>) {
  return async (...received: unknown[]) => {
    const command = received.at(-1) as Command;
    const options = received.at(-2) as O;
    const args = received.slice(0, -2) as string[];
    const [module, ctx] = await Promise.all([load(), session.contextFor(command)]);
    await module.run(ctx, args, options);
  };
}
