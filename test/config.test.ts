import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadEnv, parseConfig } from '../src/config.js';
import { isZdlError } from '../src/errors.js';

describe('config', () => {
  test('defaults', () => {
    const config = parseConfig({}, '/srv/zdl');
    expect(config).toMatchObject({
      databaseUrl: undefined,
      dataDir: '/srv/zdl/.zdl',
      embeddedIdleMs: 60_000,
      publicUrl: 'http://localhost:3000',
      mail: { apiUrl: 'https://api.mailersend.com/v1', outboxDir: '/srv/zdl/.zdl/outbox' },
      google: undefined,
      trustProxy: false,
      databasePrepare: undefined,
    });
  });

  test('reads .env from the working directory; the environment wins', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'zdl-env-'));
    try {
      writeFileSync(path.join(dir, '.env'), 'ZDL_PUBLIC_URL=https://acces.zdl.org/\nZDL_DATA_DIR=data\n');
      const config = parseConfig(loadEnv({ ZDL_DATA_DIR: 'other' }, dir), dir);
      expect(config.publicUrl).toBe('https://acces.zdl.org');
      expect(config.dataDir).toBe(path.join(dir, 'other'));
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  test('Google needs both client id and secret', () => {
    expect(() => parseConfig({ ZDL_GOOGLE_CLIENT_ID: 'id' })).toThrow(/ZDL_GOOGLE_CLIENT_SECRET/);
    expect(parseConfig({ ZDL_GOOGLE_CLIENT_ID: 'id', ZDL_GOOGLE_CLIENT_SECRET: 's' }).google?.issuer).toBe(
      'https://accounts.google.com',
    );
  });

  test('one error lists every bad variable', () => {
    try {
      parseConfig({ DATABASE_URL: 'http://x', MAILERSEND_API_URL: 'nope', ZDL_MAIL_FROM: 'not an address' });
      expect.unreachable();
    } catch (error) {
      expect(isZdlError(error, 'INVALID_CONFIG')).toBe(true);
      expect((error as Error).message.split('\n')).toHaveLength(4);
    }
  });

  test('ZDL_MAIL_FROM is checked by the parser the mailer uses', () => {
    // Accepted by the mailer's parser, so by the configuration too; and the reverse.
    expect(parseConfig({ ZDL_MAIL_FROM: '"ZDL, accès" <acces@zdl.org>' }).mail.from).toBe(
      '"ZDL, accès" <acces@zdl.org>',
    );
    for (const from of ['ZDL <pas une adresse>', 'ZDL <acces@zdl.org> en trop', 'a <b@c> <d@e>']) {
      expect(() => parseConfig({ ZDL_MAIL_FROM: from }), from).toThrow(
        /ZDL_MAIL_FROM : attendu « Nom <adresse@domaine> »/,
      );
    }
  });

  test('each kind of value is checked, with its reason in French', () => {
    const reasons = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return [];
      } catch (error) {
        return (error as Error).message.split('\n').slice(1);
      }
    };
    expect(reasons({ ZDL_TRUST_PROXY: 'oui' })).toEqual(['  ZDL_TRUST_PROXY : attendu : 1, 0, true, false, yes ou no']);
    expect(reasons({ ZDL_DB_TIMEOUT: '10' })).toEqual([
      '  ZDL_DB_TIMEOUT : attendu : une durée en secondes, par exemple 10s',
    ]);
    expect(reasons({ ZDL_PUBLIC_URL: 'ftp://acces.zdl.org' })).toHaveLength(1);
    expect(reasons({ ZDL_APP_URL: 'acces.zdl.org' })).toEqual(['  ZDL_APP_URL : doit être une URL http(s) complète']);
    expect(reasons({ ZDL_APP_NAME: 'x'.repeat(81) })).toEqual(['  ZDL_APP_NAME : au plus 80 caractères']);
    expect(reasons({ ZDL_EMBEDDED_IDLE: 'une minute' })).toEqual([
      '  ZDL_EMBEDDED_IDLE : attendu : une durée en secondes, par exemple 60s (0s : pas d’hôte en arrière-plan)',
    ]);
    expect(reasons({ ZDL_SECRET_KEY: 'court' })).toEqual([
      '  ZDL_SECRET_KEY : au moins 32 caractères (openssl rand -base64 32)',
    ]);
  });

  test('blank values are unset; values are read as the settings they stand for', () => {
    const config = parseConfig({
      DATABASE_URL: '  ',
      ZDL_TRUST_PROXY: 'yes',
      ZDL_DB_PREPARE: '0',
      ZDL_DB_TIMEOUT: '3s',
      ZDL_EMBEDDED_IDLE: '0s',
      ZDL_APP_NAME: '  Intranet ZDL ',
      ZDL_CONTACT: ' le secrétariat ',
      MAILERSEND_API_URL: 'http://127.0.0.1:9/v1///',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      databaseUrl: undefined,
      trustProxy: true,
      databasePrepare: false,
      databaseTimeoutMs: 3000,
      embeddedIdleMs: 0,
      requestTimeoutMs: 10_000,
      appName: 'Intranet ZDL',
      contact: 'le secrétariat',
      mail: { apiUrl: 'http://127.0.0.1:9/v1' },
      production: true,
    });
  });
});
