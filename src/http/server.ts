import { serve } from 'h3';
import { ZdlError } from '../errors.js';
import type { ZdlApp } from './app.js';

export interface RunningServer {
  /** Where the socket listens, e.g. http://127.0.0.1:3000/ (links in e-mails use ZDL_PUBLIC_URL). */
  readonly url: string;
  /**
   * Graceful stop: no new connections, in-flight requests finish (stragglers are cut after
   * `drainMs`), then the app's background e-mails, within `graceMs` in all. Resolves with the
   * e-mails still unsent then (abandoned). The caller closes the database afterwards.
   */
  close(): Promise<string[]>;
}

export interface ServerOptions {
  port: number;
  host: string;
  /** How long stopping may take in all: in-flight requests, then e-mails (default 10 s). */
  graceMs?: number;
  /**
   * Deadline for a request's headers and whole body to arrive (default 10 s); Node then answers
   * 408 and closes the socket. Without it a client trickling a body holds a socket for Node's
   * default 300 s (60 s for headers): slowloris.
   */
  requestTimeoutMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

function listenError(error: unknown, options: ServerOptions): unknown {
  const code = (error as NodeJS.ErrnoException)?.code;
  const where = `${options.host}:${options.port}`;
  if (code === 'EADDRINUSE')
    return new ZdlError(
      'PORT_IN_USE',
      'operational',
      `Le port ${where} est déjà utilisé : choisissez-en un autre avec --port.`,
      { cause: error },
    );
  if (code === 'EACCES')
    return new ZdlError(
      'PORT_DENIED',
      'operational',
      `Écoute sur ${where} refusée : choisissez un port au-delà de 1024.`,
      { cause: error },
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new ZdlError('BAD_HOST', 'usage', `Adresse d’écoute inconnue sur cette machine : ${options.host}.`, {
      cause: error,
    });
  return error;
}

export async function startServer(app: ZdlApp, options: ServerOptions): Promise<RunningServer> {
  // srvx's own signal handling is off: `zdl serve` decides when to stop and closes the database.
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const server = serve(app, {
    port: options.port,
    hostname: options.host,
    silent: true,
    gracefulShutdown: false,
    node: {
      requestTimeout,
      headersTimeout: requestTimeout,
      // Node checks both deadlines only this often (default 30 s, which would triple a 10 s one).
      connectionsCheckingInterval: Math.min(1_000, requestTimeout),
    },
  });
  try {
    await server.ready();
  } catch (error) {
    throw listenError(error, options);
  }
  let closing: Promise<string[]> | undefined;
  const graceMs = options.graceMs ?? 10_000;
  return {
    url: server.url ?? `http://${options.host}:${options.port}/`,
    close() {
      closing ??= (async () => {
        const deadline = Date.now() + graceMs;
        const force = setTimeout(() => void server.close(true).catch(() => undefined), graceMs);
        // Node closes the idle keep-alive sockets once, when close() is called; a socket whose
        // request finishes afterwards would otherwise stay open until the client drops it.
        const node = server.node?.server;
        const sweep = setInterval(() => node && 'closeIdleConnections' in node && node.closeIdleConnections(), 50);
        try {
          await server.close();
        } finally {
          clearTimeout(force);
          clearInterval(sweep);
        }
        // E-mails started by the last requests get what is left of the grace, at least 2 s.
        return app.settle(Math.max(2_000, deadline - Date.now()));
      })();
      return closing;
    },
  };
}
