import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';
import { makeApp } from '../support/http.js';

const t = useTestDatabase();

describe('request log', () => {
  test('--log-format json: one object per request, the path without its query string', async () => {
    const { app, logs } = makeApp(t, { logFormat: 'json' });
    await app.request('/activate?code=ZDL-ABCDEF-GHJKM');
    await app.request('/nulle-part');
    expect(logs.request).toHaveLength(2);
    const [first, second] = logs.request.map((line) => JSON.parse(line));
    expect(Object.keys(first).sort()).toEqual(['duration_ms', 'method', 'path', 'request_id', 'status', 'time']);
    expect(first).toMatchObject({ method: 'GET', path: '/activate', status: 200 });
    expect(second).toMatchObject({ method: 'GET', path: '/nulle-part', status: 404 });
    expect(typeof first.duration_ms).toBe('number');
    expect(new Date(first.time).toISOString()).toBe(first.time);
    expect(first.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.request_id).not.toBe(second.request_id);
    expect(logs.request.join('\n')).not.toContain('ZDL-ABCDEF');
  });

  test('the default stays the human line', async () => {
    const { app, logs } = makeApp(t);
    await app.request('/activate?code=ZDL-ABCDEF-GHJKM');
    expect(logs.request).toHaveLength(1);
    expect(logs.request[0]).toMatch(/^GET \/activate 200 \d+ms$/);
  });

  test('an unknown --log-format is a usage error (exit 2)', async () => {
    const result = await runCli(['serve', '--log-format', 'xml'], { env: t.env, cwd: t.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--log-format');
  });
});
