import { DEFAULT_REFERENCE_DIR, seedDemo } from '@kpi/server';
import { createTestApp, type TestApp } from './testApp';

export const REFERENCE_DIR = process.env.REFERENCE_DIR ?? DEFAULT_REFERENCE_DIR;

/** The whole application on a fresh database holding the demo seed. */
export async function createSeededTestApp(): Promise<TestApp> {
  const t = await createTestApp();
  await seedDemo(t.database.db, { referenceDir: REFERENCE_DIR });
  return t;
}
