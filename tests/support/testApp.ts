import { type AppConfig, type BuildAppOptions, buildApp, ensureDemoAccounts, loadConfig } from '@kpi/server';
import type { Database } from '@kpi/server/db';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase } from './testDatabase';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The whole application on a fresh database, with the four demo accounts; no port is opened.
 * `options.fileReaders`: a file reader pool the test can watch.
 */
export async function createTestApp(
  overrides: Partial<AppConfig> = {},
  now?: () => Date,
  options: Pick<BuildAppOptions, 'fileReaders'> = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = { ...loadConfig({ NODE_ENV: 'test', CLIENT_DIST: '/nonexistent' }), ...overrides };
  await ensureDemoAccounts(database.db, TEST_PASSWORD);
  const app = await buildApp({ config, database, ...(now ? { now } : {}), ...options });
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Signs in through the API and returns the Cookie header value to send with later requests. */
export async function signInAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200)
    throw new Error(`sign-in as ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'kpi_session');
  if (!cookie) throw new Error('no session cookie was set');
  return `kpi_session=${cookie.value}`;
}
