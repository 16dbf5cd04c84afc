/**
 * bench/ is not a workspace package, so bare imports of the server's dependencies would not
 * resolve from here. They are loaded from the `tests` workspace package (which depends on pg,
 * fastify, playwright-core and the @kpi packages), and autocannon from the root.
 * Types come from the same packages (see bench/tsconfig.json).
 */
import { createRequire } from 'node:module';

const fromTests = createRequire(new URL('../../tests/package.json', import.meta.url));
const fromRoot = createRequire(new URL('../../package.json', import.meta.url));
const fromServer = createRequire(new URL('../../server/package.json', import.meta.url));

export const pg = fromTests('pg') as typeof import('pg');
export const Fastify = fromTests('fastify') as typeof import('fastify').default;
export const ExcelJS = fromServer('exceljs') as typeof import('exceljs');
export const playwright = fromTests('playwright-core') as typeof import('playwright-core');
// biome-ignore lint/suspicious/noExplicitAny: autocannon ships no types
export const autocannon = fromRoot('autocannon') as any;
