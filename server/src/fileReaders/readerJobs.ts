import { planDfeFile, planPopulationFile, planSnListFile, readDfePreview } from '../comparators/comparatorFileJobs';
import { BadRequestError } from '../errors';
import { readReturnFile } from '../returns/parseReturn';
import { problem, type ReadReturn } from '../returns/types';

/**
 * What the file reader pool's workers do: each kind of job, with its limits. A job's input and
 * result are plain data (copied between threads; a `bytes` Buffer is moved, not copied).
 *
 * - Monthly returns are small: 128 MB of heap and 20 s are far more than any real one needs, so
 *   a file that needs more is refused as unsafe (in the upload's problems, as ever).
 * - Benchmark files may be 20 MB: parsing one into rows takes about 300 MB of heap and 5–7 s on
 *   a quiet machine (three times that when it is busy), so their jobs get 768 MB and 90 s; a file
 *   that needs more is refused with a 400, like any other file the importer cannot read.
 */

export type RefusalReason = 'timeout' | 'memory';

/**
 * Which of the pool's lanes a job waits in: a monthly return (a few kilobytes, read in well under a
 * second) must never wait behind a 20 MB benchmark file that takes a worker for many seconds.
 */
export type ReaderLane = 'return' | 'bulk';

export interface ReaderJob<Input, Output> {
  run(input: Input): Output | Promise<Output>;
  lane: ReaderLane;
  /** Heap limit of the worker that runs it (MB); workers are started with one limit each. */
  heapMb: number;
  timeoutMs: number;
  /** The 503's detail when too many files are waiting. */
  busy: string;
  /** A file that needed more time or memory than allowed: the result to give, or the error to throw. */
  refused(reason: RefusalReason): Output;
}

const RETURN_LIMITS = {
  lane: 'return' as const,
  heapMb: 128,
  timeoutMs: 20_000,
  busy: 'Several large files are being checked at the moment. Upload the return again in a few seconds.',
};

const BENCHMARK_LIMITS = {
  lane: 'bulk' as const,
  heapMb: 768,
  timeoutMs: 90_000,
  busy: 'Several large files are being read at the moment. Send the file again in a few seconds.',
};

function refusedReturn(reason: RefusalReason): ReadReturn {
  const what =
    reason === 'timeout'
      ? 'took too long to read, far longer than a monthly return ever does'
      : 'needs far more memory to read than a monthly return ever does';
  const message = `The file ${what}, so it was not read further. Check that you chose the right file, or delete the sheets and rows that are not the return.`;
  return {
    format: null,
    layout: null,
    encoding: null,
    sheetName: null,
    rows: [],
    problems: [problem('file_unsafe', message, null)],
  };
}

function refusedBenchmarkFile(reason: RefusalReason): never {
  const message =
    reason === 'timeout'
      ? 'The file took too long to read, far longer than a DfE or ONS file for every local authority does, so it was not read further. Check that you chose the right file.'
      : 'The file needs far more memory to read than a DfE or ONS file for every local authority does, so it was not read further. Check that you chose the right file.';
  throw new BadRequestError(message, [{ path: 'file', message }]);
}

export const READER_JOBS = {
  readReturn: {
    ...RETURN_LIMITS,
    run: ({ bytes, fileName }: { bytes: Buffer; fileName: string }) => readReturnFile(bytes, fileName),
    refused: refusedReturn,
  },
  previewDfe: { ...BENCHMARK_LIMITS, run: readDfePreview, refused: refusedBenchmarkFile },
  planDfe: { ...BENCHMARK_LIMITS, run: planDfeFile, refused: refusedBenchmarkFile },
  planPopulations: { ...BENCHMARK_LIMITS, run: planPopulationFile, refused: refusedBenchmarkFile },
  planSnList: { ...BENCHMARK_LIMITS, run: planSnListFile, refused: refusedBenchmarkFile },
} satisfies Record<string, ReaderJob<never, unknown>>;

export type ReaderJobKind = keyof typeof READER_JOBS;
export type JobInput<K extends ReaderJobKind> = Parameters<(typeof READER_JOBS)[K]['run']>[0];
export type JobOutput<K extends ReaderJobKind> = Awaited<ReturnType<(typeof READER_JOBS)[K]['run']>>;
