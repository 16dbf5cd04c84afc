import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitRequest,
  contractKpis,
  createDatabase,
  encodedReturn,
  type FaultCluster,
  type ServerProcess,
  signIn,
  sleep,
  startFaultCluster,
  startServer,
  uploadReturn,
  waitForLockWait,
} from './support';

describe('SIGTERM with requests in flight (PostgreSQL)', () => {
  let cluster: FaultCluster;
  let databaseUrl: string;
  let server: ServerProcess;

  beforeAll(async () => {
    cluster = await startFaultCluster();
    databaseUrl = await createDatabase(cluster, 'fault_sigterm');
    server = await startServer(databaseUrl);
  });

  afterAll(async () => {
    await server?.stop();
    cluster?.stop();
  });

  it('finishes the commit and the reads in flight, refuses new work, closes its connections and exits 0', async () => {
    const viewer = await signIn(server.baseUrl, 'viewer');
    const commissioner = await signIn(server.baseUrl, 'commissioner');
    const kpis = await contractKpis(server.baseUrl, viewer);
    const uploaded = await uploadReturn(server.baseUrl, commissioner, encodedReturn(kpis, 7), 'sigterm.csv');
    const figures = uploaded.counts.figures;

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    // Holds the commit inside its transaction, at its last statement, until after the signal.
    const locker = new pg.Client({ connectionString: databaseUrl });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table audit_log in share row exclusive mode');
      const lockerPid = Number((await locker.query('select pg_backend_pid() as pid')).rows[0].pid);
      const failed = (error: Error) => ({
        status: String((error.cause as { code?: string } | undefined)?.code ?? error.message),
        problem: false,
        bytes: 0,
        body: {} as { outcome?: string },
      });
      const commit = commitRequest(server.baseUrl, commissioner, uploaded.upload.id).then(
        async (r) => ({ status: r.status, body: (await r.json()) as { outcome?: string } }),
        failed,
      );
      const reads = Array.from({ length: 20 }, (_, i) =>
        fetch(`${server.baseUrl}${i % 2 ? '/api/scorecard?month=2023-03' : '/api/indicators/PI4/series'}`, {
          headers: { cookie: viewer },
        }).then(
          async (r) => ({
            status: r.status,
            problem: (r.headers.get('content-type') ?? '').startsWith('application/problem+json'),
            bytes: (await r.arrayBuffer()).byteLength,
          }),
          failed,
        ),
      );
      // the commit has written its figures and waits to insert its audit entry, just before COMMIT
      const waiting = await waitForLockWait(client, '^insert into "?audit_log"? ', lockerPid);
      expect(waiting.xid, 'the commit has written inside its transaction').not.toBeNull();
      const signalled = Date.now();
      server.kill('SIGTERM');
      await sleep(100);
      // A request after the signal is served with Connection: close (during a short drain), refused
      // with a 503 problem, or refused at the socket once the server stops listening — never reset.
      const late = await fetch(`${server.baseUrl}/api/health`).then(
        (r) => (r.status === 200 && r.headers.get('connection') !== 'close' ? 'kept alive' : r.status),
        (error: Error) =>
          (error.cause as { code?: string } | undefined)?.code === 'ECONNREFUSED'
            ? 'refused'
            : String(error.cause ?? error),
      );

      await locker.query('rollback');
      const committed = await commit;
      const answered = await Promise.all(reads);
      const exit = await server.exited;
      const seconds = (Date.now() - signalled) / 1000;
      console.log(
        `SIGTERM during a commit of ${figures} figures and 20 reads: commit ${committed.status}, reads ${answered
          .map((a) => a.status)
          .join(',')}, request after SIGTERM: ${late}, exit ${exit.code} after ${seconds.toFixed(1)} s`,
      );

      expect(committed.status).toBe(200);
      expect(committed.body.outcome).toBe('committed');
      // Reads the server had begun finish with 200. A read it had not yet read off its socket when
      // the signal came is refused with a 503 problem (Fastify's return503OnClosing), never dropped.
      expect(answered.every((a) => (a.status === 200 && a.bytes > 0) || (a.status === 503 && a.problem))).toBe(true);
      expect(answered.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(15);
      expect([200, 503, 'refused']).toContain(late);
      expect(exit).toEqual({ code: 0, signal: null });
      // Fastify keeps idle keep-alive connections for up to 72 s unless they are closed: the
      // process must not wait that long (orchestrators SIGKILL after 30 s).
      expect(seconds).toBeLessThan(10);
      expect(server.output()).not.toMatch(/unclean shutdown/);

      // the whole upload is in, and the server left no session open on PostgreSQL
      const { rows } = await client.query(
        `select (select count(*)::int from observations where upload_id = $1) as observations,
                (select outcome::text from uploads where id = $1) as outcome,
                (select count(*)::int from pg_stat_activity where application_name = 'kpi-dashboard') as connections`,
        [uploaded.upload.id],
      );
      expect(rows[0]).toEqual({ observations: figures, outcome: 'committed', connections: 0 });
    } finally {
      await locker.end();
      await client.end();
    }
  });
});
