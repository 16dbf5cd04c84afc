/**
 * Loads a generated data set into a PostgreSQL database through the product's own code:
 *
 *  1. migrations, the demo seed (areas, both statistical-neighbour models, ONS populations,
 *     Sandwell with its Contract 2018 KPIs, meetings) and the four demo accounts;
 *  2. one organisation per further authority, and for every authority (Sandwell included) the 60
 *     benchmark KPIs, a KPI set `BENCH-10Y` in force from the first return month, one threshold
 *     version per KPI. The product has no API for creating organisations or KPIs (they are
 *     configuration, written by the seed), so this step is plain SQL, one statement per table;
 *  3. every generated DfE release file through the benchmark import service
 *     (`previewDfeRelease` then `importDfeRelease`, exactly what POST /api/benchmarks/dfe/preview
 *     and /import run), which also writes Sandwell's neighbour averages;
 *  4. ten years of monthly returns per authority. Sandwell's goes through the returns service
 *     (`previewUpload` then `commitUpload`, what POST /api/returns/uploads and …/commit run).
 *     The service serves one council per deployment (`findOrganisation` = the lowest id), so the
 *     other authorities' files go through the same building blocks the service is made of: the
 *     parser (`readReturnFile`), the validator (`validateReturn`), and, in one transaction under
 *     the same advisory lock, `insertUpload`, `upsertObservations`, `insertRevisions`,
 *     `recordAudit`. Every figure therefore has its upload and its revision, as in production.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { recordAudit } from '../../server/src/audit/auditRepository';
import { importDfeRelease, previewDfeRelease } from '../../server/src/comparators/dfeReleaseImport';
import { type Database, openDatabase } from '../../server/src/db/index';
import { FileReaderPool } from '../../server/src/fileReaders/fileReaderPool';
import { createRequestContext } from '../../server/src/http/requestContext';
import { ensureDemoAccounts, seedDemo } from '../../server/src/index';
import { commitUpload } from '../../server/src/returns/commitUpload';
import { insertRevisions, upsertObservations } from '../../server/src/returns/observationWrites';
import { readReturnFile } from '../../server/src/returns/parseReturn';
import { previewUpload } from '../../server/src/returns/previewUpload';
import { insertUpload, loadFigures, lockReturnsForOrganisation } from '../../server/src/returns/returnsRepository';
import { validateReturn } from '../../server/src/returns/validate';
import { loadKpiMeta } from '../../server/src/returns/validationInputs';
import { type CurrentUser, dateToMonth, monthToDate, ukDate } from '../../shared/src/index';
import { pg } from '../lib/deps';
import { type BenchArea, type BenchAreas, readBenchAreas } from './areas';
import { BENCH_KPI_SET, RETURNS_FIRST_MONTH, type Scale } from './config';
import { type GeneratedDfeFile, generateDfeFile } from './dfe';
import { type BenchKpi, benchKpis } from './kpis';
import { createNationalViewer } from './nationalViewer';
import { generateReturnCsv, RETURN_MONTHS, returnFileName } from './returns';

export interface LoadOptions {
  databaseUrl: string;
  scale: Scale;
  referenceDir: string;
  /** Password of the demo accounts. */
  password: string;
  /** Where the generated CSV files are written (kept for inspection and for the benchmarks). */
  outDir: string;
  log?: (line: string) => void;
  /** Stop after step 2 (no DfE files, no returns): what the backfill benchmark starts from. */
  kpisOnly?: boolean;
  /** The database already holds steps 1 and 2 (a copy of a `kpisOnly` database): do steps 3 and 4 only. */
  baseReady?: boolean;
}

export interface LoadReport {
  authorities: number;
  kpisPerAuthority: number;
  months: number;
  observations: number;
  revisions: number;
  comparatorValues: number;
  dfeFiles: number;
  annualIndicators: number;
  seconds: { seed: number; configuration: number; dfe: number; returns: number; total: number };
}

export interface Users {
  viewer: number;
  commissioner: number;
  admin: number;
}

export async function loadDataset(options: LoadOptions): Promise<LoadReport> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const database = openDatabase({ databaseUrl: options.databaseUrl, poolMax: 4, statementTimeoutMs: 600_000 });
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    if (!options.baseReady) {
      await database.migrate();
      await seedDemo(database.db, { referenceDir: options.referenceDir });
      await ensureDemoAccounts(database.db, options.password);
    }
    const seedSeconds = (performance.now() - started) / 1000;
    if (!options.baseReady) log(`  demo seed and accounts: ${seedSeconds.toFixed(1)} s`);

    const areas = readBenchAreas(options.referenceDir);
    const chosen = areas.authorities.slice(0, options.scale.authorities);
    const kpis = benchKpis();
    const t1 = performance.now();
    const organisations = await createOrganisations(client, chosen, kpis);
    const configurationSeconds = (performance.now() - t1) / 1000;
    if (!options.baseReady) {
      log(`  ${chosen.length} organisations × ${kpis.length} KPIs configured: ${configurationSeconds.toFixed(1)} s`);
    }
    await createNationalViewer(client, [...organisations.values()]);
    const users = await demoUsers(client);

    let dfeSeconds = 0;
    let returnsSeconds = 0;
    if (!options.kpisOnly) {
      mkdirSync(path.join(options.outDir, 'dfe'), { recursive: true });
      mkdirSync(path.join(options.outDir, 'returns'), { recursive: true });
      const t2 = performance.now();
      for (let i = 0; i < options.scale.dfeFiles; i++) {
        const file = generateDfeFile(areas, i);
        writeFileSync(path.join(options.outDir, 'dfe', file.fileName), file.text);
        await importDfeFile(database, users, file);
        log(
          `  DfE file ${i + 1}/${options.scale.dfeFiles} (${file.rows} rows × ${file.measures.length} measures) imported`,
        );
      }
      dfeSeconds = (performance.now() - t2) / 1000;

      const t3 = performance.now();
      for (const [index, area] of chosen.entries()) {
        const csv = generateReturnCsv(area, kpis);
        const fileName = returnFileName(area);
        writeFileSync(path.join(options.outDir, 'returns', fileName), csv);
        const organisationId = organisations.get(area.code)!;
        if (index === 0) await loadReturnThroughService(database, users, fileName, Buffer.from(csv));
        else await loadReturnDirectly(database, users, organisationId, fileName, Buffer.from(csv));
        if ((index + 1) % 10 === 0 || index + 1 === chosen.length) {
          const seconds = (performance.now() - t3) / 1000;
          log(`  returns loaded for ${index + 1}/${chosen.length} authorities (${seconds.toFixed(0)} s)`);
        }
      }
      returnsSeconds = (performance.now() - t3) / 1000;
      await client.query('vacuum analyze');
    }

    const [counts] = (
      await client.query<{ observations: string; revisions: string; comparators: string }>(
        `select (select count(*) from observations) as observations,
                (select count(*) from observation_revisions) as revisions,
                (select count(*) from comparator_values) as comparators`,
      )
    ).rows;
    return {
      authorities: chosen.length,
      kpisPerAuthority: kpis.length,
      months: RETURN_MONTHS.length,
      observations: Number(counts!.observations),
      revisions: Number(counts!.revisions),
      comparatorValues: Number(counts!.comparators),
      dfeFiles: options.kpisOnly ? 0 : options.scale.dfeFiles,
      annualIndicators: options.kpisOnly ? 0 : options.scale.dfeFiles * 30,
      seconds: {
        seed: round1(seedSeconds),
        configuration: round1(configurationSeconds),
        dfe: round1(dfeSeconds),
        returns: round1(returnsSeconds),
        total: round1((performance.now() - started) / 1000),
      },
    };
  } finally {
    await client.end();
    await database.close();
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

export async function demoUsers(client: InstanceType<typeof pg.Client>): Promise<Users> {
  const rows = (await client.query<{ id: number; username: string }>('select id, username from users')).rows;
  const id = (name: string) => {
    const row = rows.find((r) => r.username === name);
    if (!row) throw new Error(`no ${name} account`);
    return row.id;
  };
  return { viewer: id('viewer'), commissioner: id('commissioner'), admin: id('admin') };
}

/**
 * Organisations for the chosen authorities (Sandwell already exists from the seed), and for each
 * the 60 KPIs, the BENCH-10Y set and its members, and one threshold version per KPI.
 * Returns organisation id by area code.
 */
export async function createOrganisations(
  client: InstanceType<typeof pg.Client>,
  authorities: readonly BenchArea[],
  kpis: readonly BenchKpi[],
): Promise<Map<string, number>> {
  await client.query('begin');
  try {
    await client.query(
      `insert into organisations (name, area_code, sn_model_id, provider_name)
       select a.name || ' Council', a.code, (select sn_model_id from organisations order by id limit 1), null
       from jsonb_to_recordset($1::jsonb) as a(code text, name text)
       on conflict (area_code) do nothing`,
      [JSON.stringify(authorities.map((a) => ({ code: a.code, name: a.name })))],
    );
    const orgRows = (
      await client.query<{ id: number; area_code: string }>(
        'select id, area_code from organisations where area_code = any($1)',
        [authorities.map((a) => a.code)],
      )
    ).rows;
    const orgIds = new Map(orgRows.map((r) => [r.area_code, r.id]));
    const orgList = [...orgIds.values()];
    const kpiJson = JSON.stringify(
      kpis.map((k, position) => ({
        code: k.code,
        title: k.title,
        unit: k.unit,
        polarity: k.polarity,
        precision: k.precision,
        theme: k.theme,
        comparator: k.comparatorMeasure,
        position: position + 1,
        target_op: k.target.operator,
        target_value: k.target.value,
        failure_op: k.failure.operator,
        failure_value: k.failure.value,
      })),
    );
    const from = monthToDate(RETURNS_FIRST_MONTH);
    await client.query(
      `insert into indicators (organisation_id, code, title, short_title, definition, why_it_matters, unit, polarity,
                               precision, measure_type, theme, comparator_measure)
       select o.id, k.code, k.title, k.code, 'Generated for the benchmark harness (bench/generate).',
              'Load for the national-scale benchmark.', k.unit::unit, k.polarity::polarity, k.precision, 'snapshot',
              k.theme::theme, k.comparator
       from unnest($1::int[]) as o(id)
       cross join jsonb_to_recordset($2::jsonb) as k(code text, title text, unit text, polarity text, precision int,
                                                     theme text, comparator text)
       on conflict (organisation_id, code) do nothing`,
      [orgList, kpiJson],
    );
    await client.query(
      `insert into kpi_sets (organisation_id, code, name, effective_from, effective_to, persistent_failure_months)
       select o.id, $2, 'Benchmark set: 60 KPIs, ten years', $3::date, null, 3 from unnest($1::int[]) as o(id)
       on conflict (organisation_id, code) do nothing`,
      [orgList, BENCH_KPI_SET, from],
    );
    await client.query(
      `insert into kpi_set_members (kpi_set_id, indicator_id, position)
       select s.id, i.id, k.position
       from kpi_sets s
       join indicators i on i.organisation_id = s.organisation_id
       join jsonb_to_recordset($2::jsonb) as k(code text, position int) on k.code = i.code
       where s.code = $3 and s.organisation_id = any($1::int[])
       on conflict do nothing`,
      [orgList, kpiJson, BENCH_KPI_SET],
    );
    await client.query(
      `insert into threshold_versions (indicator_id, kpi_set_id, effective_from, effective_to, target_operator,
                                       target_value, failure_operator, failure_value, source_text)
       select i.id, s.id, $3::date, null, k.target_op::operator, k.target_value, k.failure_op::operator,
              k.failure_value, 'Generated for the benchmark harness'
       from kpi_sets s
       join indicators i on i.organisation_id = s.organisation_id
       join jsonb_to_recordset($2::jsonb) as k(code text, target_op text, target_value numeric, failure_op text,
                                               failure_value numeric) on k.code = i.code
       where s.code = $4 and s.organisation_id = any($1::int[])
         and not exists (select 1 from threshold_versions t where t.indicator_id = i.id and t.kpi_set_id = s.id)`,
      [orgList, kpiJson, from, BENCH_KPI_SET],
    );
    await client.query('commit');
    return orgIds;
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}

const META = { requestId: 'bench-loader', ipAddress: '127.0.0.1' };

/** The loader acting as a demo account, as a signed-in request would. */
function contextAs(
  database: Database,
  user: Omit<CurrentUser, 'preRelease' | 'signInMethod' | 'organisations' | 'organisationInView'>,
) {
  return createRequestContext(
    database.db,
    { ...user, preRelease: false, signInMethod: 'local', organisations: [], organisationInView: null },
    { ...META, userAgent: null, now: new Date() },
  );
}

export async function importDfeFile(database: Database, users: Users, file: GeneratedDfeFile) {
  const context = contextAs(database, {
    id: users.admin,
    username: 'admin',
    displayName: 'Administrator (demo)',
    role: 'admin',
  });
  // Read in process: the loader measures nothing, and has no other requests to keep waiting.
  const deps = { db: database.db, readers: new FileReaderPool({ inProcess: true }) };
  const preview = await previewDfeRelease(deps, context, {
    fileName: file.fileName,
    bytes: Buffer.from(file.text),
  });
  return importDfeRelease(deps, context, {
    uploadId: preview.upload.id,
    sourceRelease: file.sourceRelease,
    mappings: file.mappings,
  });
}

/** Sandwell's return: POST /api/returns/uploads then /commit, as service calls. */
export async function loadReturnThroughService(database: Database, users: Users, fileName: string, bytes: Buffer) {
  const deps = { db: database.db, now: () => new Date() };
  const context = contextAs(database, {
    id: users.commissioner,
    username: 'commissioner',
    displayName: 'Commissioning manager (demo)',
    role: 'commissioner',
  });
  const preview = await previewUpload(deps, context, { fileName, bytes });
  if (preview.counts.errors > 0) {
    throw new Error(`${fileName}: ${preview.counts.errors} errors, e.g. ${preview.report.errors[0]?.message}`);
  }
  return commitUpload(deps, context, preview.upload.id, { confirmWarnings: true, reason: 'Benchmark backfill' });
}

/** Another authority's return: the same parser, validator and writes, for its own organisation. */
export async function loadReturnDirectly(
  database: Database,
  users: Users,
  organisationId: number,
  fileName: string,
  bytes: Buffer,
) {
  const { db } = database;
  const read = await readReturnFile(bytes);
  const kpis = await loadKpiMeta(db, organisationId);
  const existing = await loadFigures(
    db,
    kpis.map((k) => k.id),
    monthToDate(RETURN_MONTHS[0]!),
    monthToDate(RETURN_MONTHS.at(-1)!),
  );
  const checked = validateReturn(read.rows, {
    kpis,
    existing: existing.map((e) => ({
      indicatorId: e.indicatorId,
      month: dateToMonth(e.month),
      value: e.value,
      symbol: e.symbol,
      numerator: e.numerator,
      denominator: e.denominator,
      provenance: e.provenance,
      status: e.status,
      fileName: e.fileName,
      updatedAt: e.updatedAt.toISOString(),
    })),
    locks: new Map(),
    role: 'commissioner',
    today: ukDate(new Date()),
  });
  const errors = [...read.problems, ...checked.problems].filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new Error(`${fileName}: ${errors.length} errors, e.g. ${errors[0]!.message}`);
  await db.transaction(async (tx) => {
    await lockReturnsForOrganisation(tx, organisationId);
    const changing = checked.rows.filter((r) => r.change !== 'unchanged');
    const upload = await insertUpload(tx, {
      organisationId,
      kind: 'monthly_return',
      fileName,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      byteSize: bytes.length,
      uploadedBy: users.commissioner,
      outcome: changing.length > 0 ? 'committed' : 'no_change',
      summary: { version: 1, loadedBy: 'bench/generate', figures: checked.rows.length, written: changing.length },
    });
    const now = new Date();
    const saved = await upsertObservations(
      tx,
      changing.map((r) => ({
        indicatorId: r.indicatorId,
        month: monthToDate(r.month),
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        symbol: r.symbol,
        provenance: 'uploaded_return' as const,
        status: r.change === 'changed' ? ('revised' as const) : ('provisional' as const),
        sourceNote: `Monthly return ${fileName} (upload ${upload.id})`,
        uploadId: upload.id,
        updatedAt: now,
      })),
    );
    const ids = new Map(saved.map((s) => [`${s.indicatorId}|${dateToMonth(s.month)}`, s.id]));
    await insertRevisions(
      tx,
      changing.map((r) => ({
        observationId: ids.get(`${r.indicatorId}|${r.month}`)!,
        indicatorId: r.indicatorId,
        month: monthToDate(r.month),
        oldValue: r.old?.value ?? null,
        newValue: r.value,
        oldSymbol: r.old?.symbol ?? null,
        newSymbol: r.symbol,
        changedBy: users.commissioner,
        changedAt: now,
        uploadId: upload.id,
        reason: r.change === 'changed' ? 'Benchmark resubmission' : null,
      })),
    );
    await recordAudit(tx, {
      action: 'return.commit',
      userId: users.commissioner,
      username: 'commissioner',
      target: `upload ${upload.id}`,
      details: { organisationId, created: changing.length, loadedBy: 'bench/generate' },
      ...META,
    });
  });
}

export type { BenchAreas };
