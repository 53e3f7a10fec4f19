import { describe, expect, test } from 'vitest';
import { runCli } from '../support/cli.js';
import { useTestDatabase } from '../support/database.js';

// The embedded database is one PostgreSQL session shared by every zdl process, with one user:
// there is no role to restrict, and the association's application cannot reach it anyway.
const t = useTestDatabase();

describe('zdl db grant-app on the embedded database', () => {
  test('is refused with the reason and what to do, exit code 2, nothing on stdout', async () => {
    const result = await runCli(['db', 'grant-app', 'postgres', '--json'], { env: t.env, cwd: t.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("La base intégrée n'a qu'un seul utilisateur");
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stdout).toBe('');
  });
});
