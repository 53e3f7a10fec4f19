import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { activateAccount } from '../../src/auth/activate-account.js';
import { parseConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { createApp, type ZdlApp } from '../../src/http/app.js';
import type { AppOptions } from '../../src/http/app-context.js';
import { issueInvite } from '../../src/invites/issue-invite.js';
import { createLoggedMailer } from '../../src/mail/create-logged-mailer.js';
import { createPerson } from '../../src/persons/create-person.js';
import { parsePersonInput } from '../../src/persons/person-input.js';
import { TEST_INVITE_KEYS, type TestDatabase } from './database.js';

export const PUBLIC_URL = 'https://acces.zdl.test';
/** A password that passes the policy for every test person. */
export const GOOD_PASSWORD = 'rivière lente sous la pluie';

export interface TestClock {
  (): Date;
  advance(ms: number): void;
}

export function createTestClock(start = new Date()): TestClock {
  let now = start.getTime();
  return Object.assign(() => new Date(now), {
    advance: (ms: number) => {
      now += ms;
    },
  });
}

export interface TestApp {
  app: ZdlApp;
  config: Config;
  clock: TestClock;
  outbox: string;
  logs: { request: string[]; error: string[] };
}

/** The real app on the test database, with an outbox of its own and captured log lines. */
export function makeApp(
  t: TestDatabase,
  options: Partial<AppOptions> & { env?: Record<string, string> } = {},
): TestApp {
  const { env, ...overrides } = options;
  const outbox = mkdtempSync(path.join(t.dir, 'outbox-'));
  const config = parseConfig({ ...t.env, ZDL_PUBLIC_URL: PUBLIC_URL, ZDL_MAIL_OUTBOX: outbox, ...env }, t.dir);
  const clock = createTestClock();
  const logs = { request: [] as string[], error: [] as string[] };
  const db = overrides.db ?? t.db;
  const app = createApp({
    db,
    config,
    mailer: createLoggedMailer(config, db, { clock }),
    clock,
    log: { request: (line) => logs.request.push(line), error: (line) => logs.error.push(line) },
    postRateLimit: { limit: 10_000, windowMs: 60_000 },
    forgotPasswordMinMs: 0,
    ...overrides,
  });
  return { app, config, clock, outbox, logs };
}

let nextIp = 1;
/** A fresh client address per call unless one is given, so per-IP limits stay out of the way. */
export function testIp(): string {
  nextIp++;
  return `10.${(nextIp >> 16) & 255}.${(nextIp >> 8) & 255}.${nextIp & 255}`;
}

export interface PostOptions {
  headers?: Record<string, string>;
  ip?: string;
}

export function postForm(
  app: ZdlApp,
  pathname: string,
  fields: Record<string, string>,
  options: PostOptions = {},
): Promise<Response> {
  return Promise.resolve(
    app.request(
      pathname,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...options.headers },
        body: new URLSearchParams(fields).toString(),
      },
      { clientAddress: options.ip ?? testIp() },
    ),
  );
}

let unique = 0;
export function uniqueEmail(prefix = 'membre'): string {
  unique++;
  return `${prefix}.${process.pid}.${Date.now().toString(36)}.${unique}@exemple.org`;
}

export interface InvitedPerson {
  personId: number;
  /** The e-mail on file (the one the invitation goes to), if one was given. */
  email?: string;
  inviteId: number;
  code: string;
  nom: string;
  prenom: string;
}

export async function invitePerson(
  db: Database,
  now: Date,
  person: { nom?: string; prenom?: string; email?: string; validityMs?: number } = {},
): Promise<InvitedPerson> {
  const nom = person.nom ?? 'Durand';
  const prenom = person.prenom ?? 'Camille';
  const { email } = person;
  return db.transaction(async (tx) => {
    const input = parsePersonInput({ nom, prenom, ...(email ? { email } : {}) });
    const created = await createPerson(tx, input, { actor: 'cli:test', now });
    const invite = await issueInvite(tx, created.id, {
      actor: 'cli:test',
      now,
      validityMs: person.validityMs,
      keys: TEST_INVITE_KEYS,
    });
    return { personId: created.id, inviteId: invite.id, code: invite.code, nom, prenom, ...(email ? { email } : {}) };
  });
}

/** An activated account, straight through the domain (the HTTP path is tested elsewhere). */
export async function createActiveAccount(db: Database, now: Date, email: string, passwordHash: string) {
  const invited = await invitePerson(db, now);
  const account = await db.transaction((tx) =>
    activateAccount(
      tx,
      { code: invited.code, keys: TEST_INVITE_KEYS },
      { method: 'password', email, passwordHash },
      { actor: 'web', now },
    ),
  );
  return { ...invited, accountId: account.account_id, email };
}

export interface OutboxMail {
  template: string;
  to: { email: string }[];
  subject: string;
  text: string;
  html: string;
}

export function readOutbox(dir: string): OutboxMail[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as OutboxMail);
}

/** The password fields never come back: assert on any page that re-renders a form. */
export function inputValue(page: string, name: string): string | undefined {
  const match = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(page);
  return match ? /value="([^"]*)"/.exec(match[0])?.[1] : undefined;
}
