import os from 'node:os';
import type { Command } from 'commander';
import { systemClock, type Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/client.js';
import type { OpenOptions } from '../db/open-database.js';
import type { CliIO } from './io.js';
import { createOutput, type Output } from './output.js';
import type { PromptPolicy } from './prompt.js';

export interface GlobalFlags {
  json: boolean;
  color: boolean;
  input: boolean;
  yes: boolean;
  debug: boolean;
  /** `--as <nom>`: the admin acting, where several share one OS account. */
  as?: string;
}

/** What a command action gets: its I/O, lazily-loaded config and database, and who acts. */
export interface CommandContext {
  io: CliIO;
  flags: GlobalFlags;
  out: Output;
  prompt: PromptPolicy & { yes: boolean };
  actor: string;
  clock: Clock;
  config(): Promise<Config>;
  database(options?: OpenOptions): Promise<Database>;
  /** Ends with this exit code once the command returns (for failures that still print data). */
  setExitCode(code: 0 | 1 | 2 | 3): void;
}

export interface Session {
  /** Built per action, once commander has parsed the global flags. */
  contextFor(command: Command): Promise<CommandContext>;
  exitCode: number;
  close(): Promise<void>;
}

function osUser(env: CliIO['env']): string {
  try {
    return os.userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? 'inconnu';
  }
}

/**
 * Who the audit log says acted: `--as`, else ZDL_ADMIN, else the OS user. Where admins share root
 * or a service account, the OS user alone does not say which person acted (ASVS V7.1.2: logs
 * identify the user).
 */
function actorFor(flags: Pick<GlobalFlags, 'as'>, env: CliIO['env']): string {
  const named = (flags.as ?? env.ZDL_ADMIN)?.trim();
  return `cli:${named ? named : osUser(env)}`;
}

export function createSession(io: CliIO, clock: Clock = systemClock): Session {
  let config: Promise<Config> | undefined;
  let database: Promise<Database> | undefined;
  const session: Session = {
    exitCode: 0,
    async contextFor(command) {
      const opts = command.optsWithGlobals() as Partial<GlobalFlags>;
      const flags: GlobalFlags = {
        json: opts.json === true,
        color: opts.color !== false,
        input: opts.input !== false,
        yes: opts.yes === true,
        debug: opts.debug === true,
        as: typeof opts.as === 'string' ? opts.as : undefined,
      };
      const out = await createOutput(io, flags);
      const loadConfig = () =>
        (config ??= import('../config.js').then(({ loadEnv, parseConfig }) =>
          parseConfig(loadEnv(io.env, io.cwd), io.cwd),
        ));
      return {
        io,
        flags,
        out,
        prompt: { io, interactive: flags.input && io.stdin.isTTY === true, yes: flags.yes },
        actor: actorFor(flags, io.env),
        clock,
        setExitCode: (code) => {
          session.exitCode = code;
        },
        config: loadConfig,
        database: (options) =>
          (database ??= Promise.all([loadConfig(), import('../db/open-database.js')]).then(([cfg, { openDatabase }]) =>
            openDatabase(cfg, {
              onEmbeddedCreate: (paths) =>
                out.info(
                  `Base de données intégrée créée dans ${paths.pgdata} (définissez DATABASE_URL pour utiliser un serveur PostgreSQL).`,
                ),
              ...options,
            }),
          )),
      };
    },
    async close() {
      const db = await database?.catch(() => undefined);
      await db?.close();
    },
  };
  return session;
}
