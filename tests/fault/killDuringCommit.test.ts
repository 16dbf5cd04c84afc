import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitRequest,
  contractKpis,
  createDatabase,
  encodedReturn,
  type FaultCluster,
  type Kpi,
  type ServerProcess,
  signIn,
  startFaultCluster,
  startServer,
  waitForStatement,
} from './support';

/**
 * SIGKILL of the server while a commit is writing: PostgreSQL rolls the transaction back when the
 * connection drops, so the database holds the whole upload or none of it — never part — and the
 * upload can be committed after a restart. The kill lands at two points of the commit: while the
 * statement that writes the observations and their revisions runs (one statement per 5,000
 * figures, `saveFiguresWithRevisions`), and while the upload row is updated (the last statement
 * before COMMIT).
 */
const KILL_POINTS = [
  { name: 'writing observations and their revisions', statement: '^with incoming as \\(' },
  { name: 'updating the upload, just before COMMIT', statement: '^update "?uploads"? ' },
];

interface Stored {
  observations: number;
  revisions: number;
  outcome: string;
  committedAudits: number;
}

describe('the server killed with SIGKILL in the middle of a commit (PostgreSQL)', () => {
  let cluster: FaultCluster;
  let databaseUrl: string;
  let server: ServerProcess | undefined;
  let client: pg.Client;
  let kpis: Kpi[];

  async function stored(uploadId: number): Promise<Stored> {
    const { rows } = await client.query(
      `select (select count(*)::int from observations where upload_id = $1) as observations,
              (select count(*)::int from observation_revisions where upload_id = $1) as revisions,
              (select outcome::text from uploads where id = $1) as outcome,
              (select count(*)::int from audit_log where action = 'return.commit' and outcome = 'success'
                 and target = 'upload ' || $1) as "committedAudits"`,
      [uploadId],
    );
    return rows[0] as Stored;
  }

  beforeAll(async () => {
    cluster = await startFaultCluster();
    databaseUrl = await createDatabase(cluster, 'fault_kill');
    server = await startServer(databaseUrl);
    kpis = await contractKpis(server.baseUrl, await signIn(server.baseUrl, 'viewer'));
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await server?.stop();
    cluster?.stop();
  });

  for (const [index, point] of KILL_POINTS.entries()) {
    it(`killed while ${point.name}: all of the upload or none of it, and it commits after a restart`, async () => {
      server ??= await startServer(databaseUrl);
      const commissioner = await signIn(server.baseUrl, 'commissioner');
      const figures = kpis.length * 72;
      const bytes = encodedReturn(kpis, 40 + index);
      const preview = await fetch(`${server.baseUrl}/api/returns/uploads?fileName=kill-${index}.csv`, {
        method: 'POST',
        headers: { cookie: commissioner, 'content-type': 'text/csv' },
        body: new Uint8Array(bytes),
      });
      expect(preview.status).toBe(200);
      const uploadId = ((await preview.json()) as { upload: { id: number } }).upload.id;

      const commit = commitRequest(server.baseUrl, commissioner, uploadId).then(
        (r) => r.status,
        () => 'connection lost' as const,
      );
      const seen = await waitForStatement(client, point.statement);
      server.kill('SIGKILL');
      const exit = await server.exited;
      server = undefined;
      expect(exit.signal).toBe('SIGKILL');
      const outcome = await commit;
      // the statement may have finished just before the kill: then the commit may even have answered
      expect(seen || outcome === 200).toBe(true);

      // PostgreSQL ends the dead client's backend and rolls back; wait for that before looking
      for (let i = 0; i < 100; i++) {
        const { rows } = await client.query(
          `select count(*)::int as n from pg_stat_activity where application_name = 'kpi-dashboard' and xact_start is not null`,
        );
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const after = await stored(uploadId);
      console.log(`killed while ${point.name} (statement seen: ${seen}; client: ${outcome}): ${JSON.stringify(after)}`);
      const all = { observations: figures, revisions: figures, outcome: 'committed', committedAudits: 1 };
      const none = { observations: 0, revisions: 0, outcome: 'validated', committedAudits: 0 };
      expect([all, none]).toContainEqual(after);

      // a new server process finishes the job, or says it is done
      server = await startServer(databaseUrl);
      const again = await commitRequest(server.baseUrl, await signIn(server.baseUrl, 'commissioner'), uploadId);
      expect(again.status).toBe(after.outcome === 'committed' ? 409 : 200);
      expect(await stored(uploadId)).toEqual(all);
    });
  }
});
