import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkReferenceFiles, ReferenceDataError, referencePaths } from '@kpi/seed';
import { queryRows } from '@kpi/server/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REFERENCE_DIR, seedDemo } from '../../server/src/seedLoader/loadSeed';
import { startServerProcess } from '../support/serverProcess';
import { createTestDatabase, testDriverName } from '../support/testDatabase';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A copy of the repository's reference folder that a test may break and mend. */
function copyOfReference(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-reference-'));
  cpSync(DEFAULT_REFERENCE_DIR, dir, { recursive: true });
  return dir;
}

describe('the reference data ships with the repository', () => {
  it('lives in data/reference/ and every file the seed reads is there', () => {
    expect(DEFAULT_REFERENCE_DIR).toBe(path.join(root, 'data', 'reference'));
    expect(() => checkReferenceFiles(DEFAULT_REFERENCE_DIR)).not.toThrow();
  });

  it('names the missing file, where it was looked for and REFERENCE_DIR, in one paragraph', () => {
    const dir = copyOfReference();
    try {
      const file = referencePaths(dir).c4;
      rmSync(file);
      let error: unknown;
      try {
        checkReferenceFiles(dir);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ReferenceDataError);
      const message = (error as Error).message;
      expect(message).toContain('dfe/c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv');
      expect(message).toContain(file);
      expect(message).toContain('REFERENCE_DIR');
      expect(message).not.toContain('\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(process.getuid?.() === 0)('calls a file it cannot read unreadable, not missing', () => {
    const dir = copyOfReference();
    try {
      chmodSync(referencePaths(dir).ons, 0o000);
      expect(() => checkReferenceFiles(dir)).toThrow(/not readable/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe(`a missing reference file leaves nothing half-seeded (${testDriverName()})`, () => {
  let dir: string;
  beforeAll(() => {
    dir = copyOfReference();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes nothing, and the next seed with the file back seeds cleanly', async () => {
    const database = await createTestDatabase();
    try {
      const file = referencePaths(dir).publishedFigures;
      renameSync(file, `${file}.away`);
      await expect(seedDemo(database.db, { referenceDir: dir })).rejects.toBeInstanceOf(ReferenceDataError);
      const [empty] = await queryRows<{ n: number }>(
        database.db,
        sql`select (select count(*) from organisations) + (select count(*) from areas) as n`,
      );
      expect(Number(empty?.n)).toBe(0);

      renameSync(`${file}.away`, file);
      const report = await seedDemo(database.db, { referenceDir: dir });
      expect(report.totals.organisations).toBe(1);
      expect(report.totals.observations).toBeGreaterThan(1000);
    } finally {
      await database.close();
    }
  });
});

// The journey of the issue, as a person meets it: the server started with the data folder moved away.
describe.skipIf(testDriverName() !== 'pglite')('the server started without its reference data', () => {
  it('exits non-zero with a paragraph naming the file and REFERENCE_DIR; with the folder back it seeds and serves', async () => {
    const dir = copyOfReference();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kpi-data-'));
    const away = `${dir}-away`;
    try {
      renameSync(dir, away);
      const { code, output } = await runServerUntilExit({ REFERENCE_DIR: dir, DATA_DIR: dataDir });
      expect(code).not.toBe(0);
      expect(output).toContain('Cannot seed the demo data.');
      expect(output).toContain('REFERENCE_DIR');
      expect(output).toContain(`The reference data folder ${dir} does not exist`);
      expect(output).not.toMatch(/\n\s+at /); // no stack trace

      renameSync(away, dir);
      const server = await startServerProcess({ REFERENCE_DIR: dir, DATA_DIR: dataDir });
      try {
        expect(server.output()).toContain('Seeded in');
        const ready = await fetch(`${server.baseUrl}/api/ready`);
        expect(ready.status).toBe(200);
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(away, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000); // two real starts of the server, one of them seeding: minutes on a busy 2-core machine
});

function runServerUntilExit(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server neither failed nor stopped within 90 s:\n${output}`));
    }, 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
