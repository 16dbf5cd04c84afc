import type { BenchmarkUpload, BenchmarkUploadKind, UploadOutcome } from '@kpi/shared';
import { recordAudit } from '../audit/auditRepository';
import type { Db } from '../db/database';
import type { FileReaderPool } from '../fileReaders/fileReaderPool';
import type { RequestContext } from '../http/requestContext';
import { type KnownAreas, knownAreas } from './areaNames';
import type { BenchmarkUploadRow } from './benchmarkUploadRepository';
import { asHttpError } from './problems';
import { listAreas } from './referenceRepository';

/**
 * Benchmark data: preview and import DfE release files, import ONS populations and DfE
 * statistical-neighbour lists, choose the organisation's model, list what was imported.
 * Parsing and planning are pure (./plan*.ts, shared with the demo seed through @kpi/seed);
 * each import writes in one transaction under an advisory lock; every import and model change
 * is audited, failures included.
 */

export interface BenchmarkDeps {
  db: Db;
  /** Parses and plans the files off the event loop (comparatorFileJobs.ts). */
  readers: FileReaderPool;
}

/** The most changed figures one response lists (the total is given beside them). */
export const MAX_CHANGES_LISTED = 200;

/** Hashed on libuv's thread pool (WebCrypto), not the event loop: 20 MB takes 50–150 ms. */
export async function sha256(bytes: Uint8Array): Promise<string> {
  // A request body is never a SharedArrayBuffer view; the DOM typing of digest() wants that said.
  return Buffer.from(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)).toString('hex');
}

export function uploadDto(row: BenchmarkUploadRow): BenchmarkUpload {
  return {
    id: row.id,
    kind: row.kind as BenchmarkUploadKind,
    fileName: row.fileName,
    sha256: row.sha256,
    byteSize: row.byteSize,
    uploadedAt: row.uploadedAt.toISOString(),
    outcome: row.outcome,
  };
}

export async function loadKnownAreas(db: Db): Promise<KnownAreas> {
  return knownAreas(await listAreas(db));
}

/** Runs an operation; on failure audits it (best effort) and turns file/plan problems into 400s. */
export async function audited<T>(
  db: Db,
  context: RequestContext,
  action: string,
  target: string,
  details: Record<string, unknown>,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const http = asHttpError(error);
    try {
      await recordAudit(db, {
        ...context.auditActor(),
        action,
        target,
        outcome: 'failure',
        details: { ...details, error: (http as Error).message },
      });
    } catch {
      // The failure itself is what the caller needs to see.
    }
    throw http;
  }
}

export function counts(inserted: number, changed: number, unchanged: number) {
  return { inserted, changed, unchanged };
}

export function outcomeAfter(previous: UploadOutcome, inserted: number, changed: number): UploadOutcome {
  return previous === 'committed' || inserted + changed > 0 ? 'committed' : 'no_change';
}
