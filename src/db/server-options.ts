import { readFileSync } from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { invalidConfig } from '../env-reader.js';
import type { ZdlError } from '../errors.js';

// DATABASE_URL in libpq's spelling (what Supabase's and other providers' docs give) turned into
// postgres.js options. postgres.js understands `sslmode` only loosely and sends every unknown
// query parameter to the server as a run-time parameter (`unrecognized configuration parameter
// "sslrootcert"`), so zdl takes the TLS and prepare parameters out of the URL and builds the
// `ssl` option itself, following libpq's documented meaning of each sslmode (PostgreSQL docs,
// "SSL Support", table 34.1):
// - require: encrypted, server NOT authenticated (anyone in the path can present a certificate),
//   unless sslrootcert is given, in which case libpq verifies the chain (as verify-ca);
// - verify-ca: the chain must lead to sslrootcert's CA; the host name is not checked;
// - verify-full: the chain and the host name (or IP) are checked;
// - sslrootcert=system: the system's CA store, and libpq then requires verify-full.

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';

const SSL_MODES: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

// libpq-only parameters: never sent to the server.
const CLIENT_PARAMETERS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'prepare'];

export type SslOption = false | 'prefer' | 'require' | tls.ConnectionOptions;

export interface ServerOptions {
  /** The URL without the client-side parameters above. */
  url: string;
  host: string;
  ssl: SslOption;
  sslMode: SslMode | undefined;
  /** `?prepare=` of the URL, if any. */
  prepare: boolean | undefined;
}

function invalid(message: string): ZdlError {
  return invalidConfig([{ variable: 'DATABASE_URL', message }]);
}

function readPem(parameter: string, file: string, cwd: string): Buffer {
  try {
    return readFileSync(path.resolve(cwd, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'fichier introuvable' : code === 'EACCES' ? 'lecture interdite' : String(code);
    throw invalid(`${parameter}=${file} illisible (${why})`);
  }
}

function parsePrepare(value: string | null): boolean | undefined {
  if (value === null) return undefined;
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw invalid(`prepare=${value} : attendu true ou false`);
}

function buildSsl(mode: SslMode | undefined, host: string, params: URLSearchParams, cwd: string): SslOption {
  const rootCert = params.get('sslrootcert');
  const system = rootCert === 'system';
  if (system && mode !== undefined && mode !== 'verify-full') {
    throw invalid(`sslrootcert=system exige sslmode=verify-full (comme libpq), pas sslmode=${mode}`);
  }
  const effective = system ? 'verify-full' : mode === 'require' && rootCert ? 'verify-ca' : mode;
  if (effective === undefined || effective === 'disable') return false;
  if (effective === 'allow' || effective === 'prefer') return 'prefer';
  if (effective === 'require') return 'require';
  const options: tls.ConnectionOptions = { rejectUnauthorized: true };
  // Without sslrootcert (or with `system`), Node's CA store: its bundled roots + NODE_EXTRA_CA_CERTS.
  if (rootCert && !system) options.ca = readPem('sslrootcert', rootCert, cwd);
  const cert = params.get('sslcert');
  const key = params.get('sslkey');
  if (cert) options.cert = readPem('sslcert', cert, cwd);
  if (key) options.key = readPem('sslkey', key, cwd);
  // verify-ca: the chain only. verify-full: the chain and the name we dialled, checked against
  // the certificate's SANs here explicitly, because postgres.js gives TLS no servername for an IP.
  options.checkServerIdentity =
    effective === 'verify-ca' ? () => undefined : (_servername, peer) => tls.checkServerIdentity(host, peer);
  return options;
}

/** Splits a libpq-style DATABASE_URL into the URL postgres.js gets and the options zdl sets. */
export function parseServerUrl(url: string, cwd = process.cwd()): ServerOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Multi-host URLs (host1,host2) are not WHATWG URLs: postgres.js reads them as they are.
    return { url, host: 'localhost', ssl: false, sslMode: undefined, prepare: undefined };
  }
  const params = parsed.searchParams;
  const rawMode = params.get('sslmode');
  if (rawMode !== null && !SSL_MODES.includes(rawMode as SslMode)) {
    throw invalid(`sslmode=${rawMode} inconnu (attendu : ${SSL_MODES.join(', ')})`);
  }
  const sslMode = (rawMode ?? undefined) as SslMode | undefined;
  const host = decodeURIComponent(parsed.hostname.replace(/^\[|\]$/g, '')) || 'localhost';
  const ssl = buildSsl(sslMode, host, params, cwd);
  const prepare = parsePrepare(params.get('prepare'));
  for (const name of CLIENT_PARAMETERS) params.delete(name);
  return { url: parsed.toString(), host, ssl, sslMode, prepare };
}
