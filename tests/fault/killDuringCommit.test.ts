import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitRequest,
  contractKpis,
  createDatabase,
  encodedReturn,
  type FaultCluster,
  type Kpi,
  RETURN_MONTHS,
  type ServerProcess,
  signIn,
  startFaultCluster,
  startServer,
  waitForBackendEnd,
  waitForLockWait,
} from './support';

/**
 * SIGKILL of the server while a commit is writing: PostgreSQL rolls the transaction back when the
 * connection drops, so the database holds none of the upload — never part — and the upload can be
 * committed after a restart. The kill lands at two points of the commit, each made certain by a
 * lock the test holds that the commit needs there (a statement of a few milliseconds is too short
 * to catch by polling): in the middle of the statement that writes the observations and their
 * revisions (`saveFiguresWithRevisions`), blocked on the return's last figure after writing the
 * ones before it; and at the audit insert, the last statement before COMMIT, when every figure
 * and the upload row have been written. The server is killed while its backend waits; the test
 * then lets the backend go on, which finds the client gone before it can be told to COMMIT.
 */
interface KillPoint {
  name: string;
  /** The statement the server's backend must be found waiting in. */
  statement: string;
  /** Inside a transaction on the test's own connection, takes the lock the commit waits for. */
  hold(locker: pg.Client, last: { code: string; month: string }): Promise<void>;
  /** Rows of the return `hold` locked itself (so not the server's). */
  heldRows: number;
  /** What the server's open transaction must have written when it is killed. */
  expectWritten(written: number, existing: number, tables: string[]): void;
}

const KILL_POINTS: KillPoint[] = [
  {
    name: 'writing observations and their revisions',
    statement: '^with incoming as \\(',
    // the upsert takes the figures in file order and waits to update the last one's row
    hold: async (locker, last) => {
      const { rowCount } = await locker.query(
        `select o.id from observations o join indicators i on i.id = o.indicator_id
         where i.code = $1 and o.month = $2::date for update of o`,
        [last.code, `${last.month}-01`],
      );
      expect(rowCount, 'the last figure of the return already has a row to lock').toBe(1);
    },
    heldRows: 1,
    // mid-statement: figures written, but not all of them
    expectWritten: (written, existing) => {
      expect(written).toBeGreaterThan(0);
      expect(written).toBeLessThan(existing);
    },
  },
  {
    name: 'inserting the audit entry, the last statement before COMMIT',
    statement: '^insert into "?audit_log"? ',
    // conflicts with the ROW EXCLUSIVE an insert needs; nothing else in the request writes audit_log
    hold: async (locker) => {
      await locker.query('lock table audit_log in share row exclusive mode');
    },
    heldRows: 0,
    // every figure, and the upload row (nothing else in the commit writes uploads)
    expectWritten: (written, existing, tables) => {
      expect(written).toBe(existing);
      expect(tables).toEqual(expect.arrayContaining(['observations', 'observation_revisions', 'uploads']));
    },
  },
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

  /**
   * The existing observation rows of the return, and how many of them are row-locked by another
   * transaction: an upsert locks every row it updates until its transaction ends, so these are
   * the figures the server's open transaction has written (plus any the test holds itself).
   */
  async function returnRows(): Promise<{ existing: number; locked: number }> {
    const where = `from observations o join indicators i on i.id = o.indicator_id
      where i.code = any($1) and o.month between $2::date and $3::date`;
    const params = [kpis.map((k) => k.code), `${RETURN_MONTHS[0]}-01`, `${RETURN_MONTHS.at(-1)}-01`];
    const existing = (await client.query(`select count(*)::int as n ${where}`, params)).rows[0].n as number;
    // FOR SHARE conflicts with the lock an update takes; SKIP LOCKED passes over such rows unblocked
    const free = (
      await client.query(`select count(*)::int as n from (select 1 ${where} for share of o skip locked) f`, params)
    ).rows[0].n as number;
    return { existing, locked: existing - free };
  }

  /** Tables on which backend `pid` holds a granted ROW EXCLUSIVE lock (it has written them). */
  async function writtenTables(pid: number): Promise<string[]> {
    const { rows } = await client.query(
      `select c.relname as name from pg_locks l join pg_class c on c.oid = l.relation and c.relkind = 'r'
       where l.pid = $1 and l.mode = 'RowExclusiveLock' and l.granted order by 1`,
      [pid],
    );
    return rows.map((r: { name: string }) => r.name);
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
    it(`killed while ${point.name}: none of the upload, and it commits after a restart`, async () => {
      server ??= await startServer(databaseUrl);
      const commissioner = await signIn(server.baseUrl, 'commissioner');
      const figures = kpis.length * RETURN_MONTHS.length;
      const bytes = encodedReturn(kpis, 40 + index);
      const preview = await fetch(`${server.baseUrl}/api/returns/uploads?fileName=kill-${index}.csv`, {
        method: 'POST',
        headers: { cookie: commissioner, 'content-type': 'text/csv' },
        body: new Uint8Array(bytes),
      });
      expect(preview.status).toBe(200);
      const uploadId = ((await preview.json()) as { upload: { id: number } }).upload.id;

      const locker = new pg.Client({ connectionString: databaseUrl });
      await locker.connect();
      try {
        const lockerPid = (await locker.query('select pg_backend_pid() as pid')).rows[0].pid as number;
        await locker.query('begin');
        await point.hold(locker, { code: kpis.at(-1)!.code, month: RETURN_MONTHS.at(-1)! });

        const commit = commitRequest(server.baseUrl, commissioner, uploadId).then(
          (r) => r.status,
          () => 'connection lost' as const,
        );
        const backend = await waitForLockWait(client, point.statement, lockerPid);
        const rows = await returnRows();
        const serverWrote = rows.locked - point.heldRows;
        const tables = await writtenTables(backend.pid);
        console.log(
          `killing the server while its backend waits (${backend.waitEvent}) in "${backend.query.replace(/\s+/g, ' ').slice(0, 40)}…": ` +
            `its transaction ${backend.xid} had written ${serverWrote} of the return's ${rows.existing} existing rows ` +
            `(${figures} figures) and has written to ${tables.join(', ')}`,
        );
        expect(backend.xid, 'the transaction has written something').not.toBeNull();
        point.expectWritten(serverWrote, rows.existing, tables);

        server.kill('SIGKILL');
        const exit = await server.exited;
        server = undefined;
        expect(exit.signal).toBe('SIGKILL');
        // the process and its sockets are gone: the backend can never be told to COMMIT
        await locker.query('rollback');
        const released = Date.now();
        expect(await commit).toBe('connection lost');
        // released, the backend goes on, then reads end-of-file from the client and rolls back
        await waitForBackendEnd(client, backend.pid);
        console.log(`backend ${backend.pid} ended ${Date.now() - released} ms after the lock was released`);
      } finally {
        await locker.end();
      }

      const after = await stored(uploadId);
      console.log(`killed while ${point.name}: ${JSON.stringify(after)}`);
      expect(after).toEqual({ observations: 0, revisions: 0, outcome: 'validated', committedAudits: 0 });

      // a new server process commits it, all of it
      server = await startServer(databaseUrl);
      const again = await commitRequest(server.baseUrl, await signIn(server.baseUrl, 'commissioner'), uploadId);
      expect(again.status).toBe(200);
      expect(await stored(uploadId)).toEqual({
        observations: figures,
        revisions: figures,
        outcome: 'committed',
        committedAudits: 1,
      });
    });
  }
});
