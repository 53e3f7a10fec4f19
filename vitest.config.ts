import { defineConfig } from 'vitest/config';

// Every test file runs on the embedded database (a clone of a migrated PGlite template) and,
// when ZDL_TEST_DATABASE_URL is set, again on a fresh database of that PostgreSQL server.
// Files named *.embedded.test.ts or *.server.test.ts only make sense on one of the two.
const serverUrl = process.env.ZDL_TEST_DATABASE_URL;

const common = { extends: true as const };

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    projects: [
      {
        ...common,
        test: {
          name: 'embedded',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.server.test.ts'],
          globalSetup: ['test/support/embedded-template.ts'],
          env: { ZDL_TEST_DB: 'embedded' },
        },
      },
      ...(serverUrl
        ? [
            {
              ...common,
              test: {
                name: 'postgres',
                include: ['test/**/*.test.ts'],
                exclude: ['test/**/*.embedded.test.ts', 'test/mail/templates*.test.ts', 'test/http/views*.test.ts', 'test/http/security*.test.ts', 'test/auth/password-policy.test.ts', 'test/config.test.ts'],
                env: { ZDL_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
    ],
  },
});
