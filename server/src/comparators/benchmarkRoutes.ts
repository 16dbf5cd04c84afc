import {
  benchmarkFileQuerySchema,
  benchmarkSourcesResponseSchema,
  chooseSnModelBodySchema,
  chooseSnModelResponseSchema,
  dfeImportBodySchema,
  dfeImportResponseSchema,
  dfePreviewResponseSchema,
  MAX_BENCHMARK_FILE_BYTES,
  populationImportQuerySchema,
  populationImportResponseSchema,
  problemSchema,
  snModelImportQuerySchema,
  snModelImportResponseSchema,
  snModelListResponseSchema,
} from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/database';
import { FileReaderPool } from '../fileReaders/fileReaderPool';
import { rawFileBodyParser, requireFileBody } from '../http/fileTransfer';
import { requireRole, requireSignedIn } from '../plugins/authentication';
import { listBenchmarkSources } from './benchmarkSources';
import { importDfeRelease, previewDfeRelease } from './dfeReleaseImport';
import { importPopulations } from './populationImport';
import { chooseSnModel, importSnModel, listSnModels } from './snModels';

/** A file upload's body is the file itself, with one of these content types. */
export const BENCHMARK_FILE_CONTENT_TYPES = [
  'text/csv',
  'application/csv',
  'application/octet-stream',
  'text/plain',
  'application/vnd.ms-excel', // what Windows browsers send for .csv
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', // DfE's statistical-neighbour workbooks
];

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
// 503: too many large files are being read at once, or the reader stopped (try again).
const fileErrors = { ...errors, 409: problemSchema, 413: problemSchema, 415: problemSchema, 503: problemSchema };

/**
 * Benchmark data. Analysts, commissioners and administrators import DfE releases, ONS
 * populations and statistical-neighbour lists; only administrators choose the organisation's
 * model; any signed-in person can list what was imported and the models. Role checks run
 * `onRequest`, before a file body is read. Register under the `/api` prefix.
 */
export const benchmarkRoutes: FastifyPluginAsyncZod<{ db: Db; readers?: FileReaderPool }> = async (
  app,
  { db, readers },
) => {
  // The server passes its file reader pool; registered on its own (a test's app), files are read in process.
  const deps = { db, readers: readers ?? new FileReaderPool({ inProcess: true }) };
  const importers = requireRole(db, 'analyst', 'commissioner', 'admin');
  const admins = requireRole(db, 'admin');
  app.addContentTypeParser(
    BENCHMARK_FILE_CONTENT_TYPES,
    rawFileBodyParser(
      MAX_BENCHMARK_FILE_BYTES,
      `The file is larger than ${MAX_BENCHMARK_FILE_BYTES / 1024 / 1024} MB. A DfE release file for every local authority is well under that; check that you chose the right file.`,
    ),
  );

  app.post(
    '/benchmarks/dfe/preview',
    {
      onRequest: importers,
      schema: {
        operationId: 'previewDfeRelease',
        tags: ['benchmarks'],
        summary: 'Read a DfE release file (EES tidy CSV): its columns, levels, periods, areas and a sample',
        description: `The body is the CSV itself (at most ${MAX_BENCHMARK_FILE_BYTES / 1024 / 1024} MB), with its name in ?fileName=. The file is kept for the import; nothing else is written.`,
        consumes: BENCHMARK_FILE_CONTENT_TYPES,
        querystring: benchmarkFileQuerySchema,
        response: { 200: dfePreviewResponseSchema, ...fileErrors },
      },
    },
    async (request) =>
      previewDfeRelease(deps, request.context, {
        fileName: request.query.fileName,
        bytes: requireFileBody(request, BENCHMARK_FILE_CONTENT_TYPES),
      }),
  );

  app.post(
    '/benchmarks/dfe/import',
    {
      onRequest: importers,
      schema: {
        operationId: 'importDfeRelease',
        tags: ['benchmarks'],
        summary: "Store a previewed DfE file's measures for every area, and the organisation's neighbour averages",
        body: dfeImportBodySchema,
        response: { 200: dfeImportResponseSchema, ...errors, 409: problemSchema, 503: problemSchema },
      },
    },
    async (request) => importDfeRelease(deps, request.context, request.body),
  );

  app.post(
    '/benchmarks/populations',
    {
      onRequest: importers,
      schema: {
        operationId: 'importPopulations',
        tags: ['benchmarks'],
        summary: 'Import ONS mid-year 0–17 population estimates (tidy CSV), the denominators of rates per 10,000',
        consumes: BENCHMARK_FILE_CONTENT_TYPES,
        querystring: populationImportQuerySchema,
        response: { 200: populationImportResponseSchema, ...fileErrors },
      },
    },
    async (request) =>
      importPopulations(deps, request.context, request.query, requireFileBody(request, BENCHMARK_FILE_CONTENT_TYPES)),
  );

  app.post(
    '/benchmarks/sn-models',
    {
      onRequest: importers,
      schema: {
        operationId: 'importSnModel',
        tags: ['benchmarks'],
        summary:
          "Import DfE's statistical-neighbour list (its workbook, sn_april_2021.xlsx / sn_may_2025.xlsx, or the April 2021 / 2025 wide CSV) as a named model",
        consumes: BENCHMARK_FILE_CONTENT_TYPES,
        querystring: snModelImportQuerySchema,
        response: { 200: snModelImportResponseSchema, ...fileErrors },
      },
    },
    async (request) =>
      importSnModel(deps, request.context, request.query, requireFileBody(request, BENCHMARK_FILE_CONTENT_TYPES)),
  );

  app.get(
    '/benchmarks/sn-models',
    {
      onRequest: requireSignedIn(db),
      schema: {
        operationId: 'listSnModels',
        tags: ['benchmarks'],
        summary: 'Statistical-neighbour models with neighbour counts, and the one the organisation uses',
        response: { 200: snModelListResponseSchema, ...errors },
      },
    },
    async (request) => listSnModels(deps, request.context),
  );

  app.get(
    '/benchmarks/sources',
    {
      onRequest: requireSignedIn(db),
      schema: {
        operationId: 'listBenchmarkSources',
        tags: ['benchmarks'],
        summary: 'Every benchmark import: file, sha256, release, who, when, measures and rows',
        response: { 200: benchmarkSourcesResponseSchema, ...errors },
      },
    },
    async (request) => listBenchmarkSources(deps, request.context),
  );

  app.put(
    '/organisation/sn-model',
    {
      onRequest: admins,
      schema: {
        operationId: 'chooseSnModel',
        tags: ['benchmarks'],
        summary: 'Choose the statistical-neighbour model the organisation benchmarks against (administrators)',
        body: chooseSnModelBodySchema,
        response: { 200: chooseSnModelResponseSchema, ...errors },
      },
    },
    async (request) => chooseSnModel(deps, request.context, request.body.modelCode),
  );
};
