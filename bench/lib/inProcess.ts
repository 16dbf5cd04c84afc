import type { FastifyInstance } from 'fastify';
import { type Database, openDatabase } from '../../server/src/db/index';
import { buildApp, loadConfig } from '../../server/src/index';

export interface InProcessApp {
  app: FastifyInstance;
  database: Database;
  signIn(username: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** The whole application in this process (no port), on a PostgreSQL database, for `app.inject`. */
export async function openApp(url: string): Promise<InProcessApp> {
  const database = openDatabase({ databaseUrl: url, poolMax: 10 });
  const config = loadConfig({ NODE_ENV: 'test', CLIENT_DIST: '/nonexistent', RATE_LIMIT_PER_MINUTE: '100000000' });
  const app = await buildApp({ config, database });
  return {
    app,
    database,
    signIn: async (username, password) => {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      const cookie = response.cookies.find((c) => c.name === 'kpi_session');
      if (response.statusCode !== 200 || !cookie) throw new Error(`sign-in as ${username}: ${response.statusCode}`);
      return `kpi_session=${cookie.value}`;
    },
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
