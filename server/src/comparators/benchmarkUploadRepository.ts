import type { UploadOutcome } from '@kpi/shared';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database';
import { uploads, users } from '../db/schema';

/**
 * Benchmark uploads (DfE release files, ONS populations, SN lists): the upload rows, the import
 * records kept in their summary, and the people who imported them.
 */

export type BenchmarkUploadRow = Omit<typeof uploads.$inferSelect, 'summary' | 'commit'>;

const uploadColumns = {
  id: uploads.id,
  organisationId: uploads.organisationId,
  kind: uploads.kind,
  fileName: uploads.fileName,
  sha256: uploads.sha256,
  byteSize: uploads.byteSize,
  uploadedBy: uploads.uploadedBy,
  uploadedAt: uploads.uploadedAt,
  outcome: uploads.outcome,
};

export async function insertBenchmarkUpload(
  db: DbOrTx,
  row: {
    organisationId: number;
    kind: string;
    fileName: string;
    sha256: string;
    byteSize: number;
    uploadedBy: number;
    outcome: UploadOutcome;
    summary: unknown;
  },
): Promise<BenchmarkUploadRow> {
  const [created] = await db.insert(uploads).values(row).returning(uploadColumns);
  return created!;
}

/** An upload of a kind, with the file text kept for importing it (`summary.text`). */
export async function findBenchmarkUpload(db: DbOrTx, organisationId: number, id: number, kind: string) {
  const [row] = await db
    .select({ ...uploadColumns, text: sql<string | null>`${uploads.summary}->>'text'` })
    .from(uploads)
    .where(and(eq(uploads.id, id), eq(uploads.organisationId, organisationId), eq(uploads.kind, kind)));
  return row;
}

/** Adds one import's record to an upload and sets its outcome. */
export async function recordUploadImport(
  tx: DbOrTx,
  id: number,
  outcome: UploadOutcome,
  record: Record<string, unknown>,
): Promise<BenchmarkUploadRow> {
  const [row] = await tx
    .update(uploads)
    .set({
      outcome,
      summary: sql`jsonb_set(coalesce(${uploads.summary}, '{}'::jsonb), '{imports}', coalesce(${uploads.summary}->'imports', '[]'::jsonb) || jsonb_build_array(${JSON.stringify(record)}::jsonb))`,
    })
    .where(eq(uploads.id, id))
    .returning(uploadColumns);
  return row!;
}

export interface ImportRecord {
  at: string;
  userId: number;
  sourceRelease: string;
  measures: string[];
  counts: { inserted: number; changed: number; unchanged: number };
}

/** Imports already made from uploads with these bytes. */
export async function importsOfSha(db: DbOrTx, organisationId: number, kind: string, sha256: string) {
  const rows = await db
    .select({ id: uploads.id, imports: sql<ImportRecord[] | null>`${uploads.summary}->'imports'` })
    .from(uploads)
    .where(and(eq(uploads.organisationId, organisationId), eq(uploads.kind, kind), eq(uploads.sha256, sha256)))
    .orderBy(asc(uploads.id));
  return rows.flatMap((r) => (r.imports ?? []).map((i) => ({ uploadId: r.id, ...i })));
}

/** Every benchmark upload that was imported, newest first, with its import records (not the file). */
export async function listImportedBenchmarkUploads(db: DbOrTx, organisationId: number, kinds: string[]) {
  const rows = await db
    .select({ ...uploadColumns, imports: sql<ImportRecord[] | null>`${uploads.summary}->'imports'` })
    .from(uploads)
    .where(
      and(
        eq(uploads.organisationId, organisationId),
        inArray(uploads.kind, kinds),
        inArray(uploads.outcome, ['committed', 'no_change']),
      ),
    )
    .orderBy(desc(uploads.id));
  return rows;
}

export async function usersById(db: DbOrTx, ids: number[]) {
  if (ids.length === 0) return new Map<number, { username: string; displayName: string }>();
  const rows = await db
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, { username: r.username, displayName: r.displayName }]));
}
