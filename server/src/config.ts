import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type OidcSettings, parseOidcSettings } from './auth/oidcSettings';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  /** Optional: migrations run as this (owner) role, and DATABASE_URL's role gets only the rights it needs. */
  DATABASE_MIGRATION_URL: z.string().url().optional(),
  /** Optional: streaming-replication standbys of DATABASE_URL for reads, comma-separated. */
  DATABASE_READ_URL: z
    .string()
    .trim()
    .optional()
    .refine(
      (value) => !value || value.split(',').every((url) => URL.canParse(url.trim())),
      'DATABASE_READ_URL must be one postgres:// URL or several separated by commas',
    ),
  DATA_DIR: z.string().default(path.join(REPO_ROOT, '.data', 'pglite')),
  DEMO_PASSWORD: z.string().min(8, 'DEMO_PASSWORD must be at least 8 characters').optional(),
  REFERENCE_DIR: z.string().default(path.join(REPO_ROOT, 'data', 'reference')),
  CLIENT_DIST: z.string().default(path.join(REPO_ROOT, 'client', 'dist')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  /** Which proxies to believe about the client's address: `false` (none), `true` (any), or a list of addresses/CIDRs. */
  TRUST_PROXY: z.string().default('false'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(20),
  SIGN_IN_THROTTLE_MINUTES: z.coerce.number().int().positive().default(15),
  /** The address people use; state-changing requests must come from its origin. */
  PUBLIC_URL: z
    .string()
    .trim()
    .optional()
    .refine(
      (value) => !value || URL.canParse(value),
      'PUBLIC_URL must be an absolute URL such as https://kpi.example.gov.uk',
    ),
});

export interface AppConfig {
  /** Demo mode seeds illustrative data and creates one account per role. */
  demoMode: boolean;
  host: string;
  port: number;
  databaseUrl: string | undefined;
  /** When set, migrations run with this URL (the tables' owner) instead of databaseUrl. */
  databaseMigrationUrl: string | undefined;
  /** Standbys for reads (DATABASE_READ_URL); empty when reads go to databaseUrl. */
  databaseReadUrls: string[];
  dataDir: string;
  demoPassword: string | undefined;
  referenceDir: string;
  clientDist: string;
  logLevel: string;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  dbPoolMax: number;
  trustProxy: boolean | string[];
  rateLimitPerMinute: number;
  signInThrottle: { maxFailuresPerAccount: number; maxFailuresPerAddress: number; windowMinutes: number };
  /** Single sign-on; null when not configured (local accounts only). */
  oidc: OidcSettings | null;
  /**
   * The origin (scheme, host and port) of PUBLIC_URL; a browser's state-changing request must come
   * from it. Without it, from the request's own origin.
   */
  publicOrigin?: string | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const oidc = parseOidcSettings(env);
  return {
    demoMode: e.NODE_ENV !== 'production',
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseMigrationUrl: e.DATABASE_MIGRATION_URL,
    databaseReadUrls: e.DATABASE_READ_URL ? e.DATABASE_READ_URL.split(',').map((url) => url.trim()) : [],
    dataDir: path.resolve(e.DATA_DIR),
    demoPassword: e.DEMO_PASSWORD,
    referenceDir: path.resolve(e.REFERENCE_DIR),
    clientDist: path.resolve(e.CLIENT_DIST),
    logLevel: e.LOG_LEVEL,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    dbPoolMax: e.DB_POOL_MAX,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    signInThrottle: {
      maxFailuresPerAccount: e.SIGN_IN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerAddress: e.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
      windowMinutes: e.SIGN_IN_THROTTLE_MINUTES,
    },
    oidc,
    publicOrigin: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : null,
  };
}

/** Explicit, never implied: a forged X-Forwarded-For is ignored unless the proxy in front is trusted. */
function parseTrustProxy(value: string): boolean | string[] {
  const trimmed = value.trim();
  if (trimmed === 'false' || trimmed === '') return false;
  if (trimmed === 'true') return true;
  return trimmed.split(',').map((part) => part.trim());
}
