import {
  csvTableQuerySchema,
  DATA_EXPORT_FORMATS,
  problemSchema,
  regionalExceptionsQuerySchema,
  regionalExceptionsResponseSchema,
  regionalKpiExceptionsQuerySchema,
  regionalKpiExceptionsResponseSchema,
  regionalKpiRugQuerySchema,
  regionalKpiRugResponseSchema,
  regionalKpisQuerySchema,
  regionalKpisResponseSchema,
  regionalTableQuerySchema,
  regionalTableResponseSchema,
  regionalTrendQuerySchema,
  regionalTrendResponseSchema,
} from '@kpi/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../db/database';
import { dataExportFile, downloadResponse, sendDownload } from '../exports/dataExport';
import { councilSightOf } from '../organisations/councilSight';
import { requireSignedIn } from '../plugins/authentication';
import { readerFrom } from '../publication/publication';
import { regionalKpiExceptions, regionalKpiRug } from './councilKpiRug';
import { regionalKpiExceptionsExport, regionalKpiRugExport } from './councilKpiRugExport';
import { regionalKpis } from './councilKpis';
import { regionalKpisExport } from './councilKpisExport';
import { regionalExceptionsExport, regionalTableExport } from './regionalExport';
import { regionalExceptions, regionalTable, regionalTrend } from './regionalView';

const errors = { 400: problemSchema, 401: problemSchema, 404: problemSchema };

const REGION_WORDS =
  'The region is an ONS code (E12000005 West Midlands); without one, the region of the organisation in view. An unknown region is refused with 400.';

/** The `table` a CSV download asks for (only CSV queries carry one). */
function csvTableOf(query: object): string | undefined {
  return 'table' in query && typeof query.table === 'string' ? query.table : undefined;
}

/**
 * The regional view: DfE's published figures for a region's councils, so any signed-in role may
 * read them (sign-in is checked before the query is validated). Register under `/api`.
 */
export const regionalRoutes: FastifyPluginAsyncZod<{ db: Db; now?: () => Date }> = async (app, { db, now }) => {
  const clock = now ?? (() => new Date());
  app.addHook('onRequest', requireSignedIn(db));

  app.get(
    '/regional/table',
    {
      schema: {
        operationId: 'getRegionalTable',
        tags: ['regional'],
        summary: "The region's councils × DfE measures: each figure, its quintile and how it compares with the region",
        description: `${REGION_WORDS} Without a year, each measure's latest year with figures.`,
        querystring: regionalTableQuerySchema,
        response: { 200: regionalTableResponseSchema, ...errors },
      },
    },
    async (request) => regionalTable(db, request.context, councilSightOf(request.sessionUser), request.query),
  );

  app.get(
    '/regional/trend',
    {
      schema: {
        operationId: 'getRegionalTrend',
        tags: ['regional'],
        summary: "One DfE measure's series for every council in the region, with the region's and England's",
        description: `${REGION_WORDS} An unknown measure is refused with 400.`,
        querystring: regionalTrendQuerySchema,
        response: { 200: regionalTrendResponseSchema, ...errors },
      },
    },
    async (request) => regionalTrend(db, request.context, councilSightOf(request.sessionUser), request.query),
  );

  app.get(
    '/regional/exceptions',
    {
      schema: {
        operationId: 'getRegionalExceptions',
        tags: ['regional'],
        summary: 'Councils more than a threshold (default 20%) from the regional figure, per DfE measure',
        description: REGION_WORDS,
        querystring: regionalExceptionsQuerySchema,
        response: { 200: regionalExceptionsResponseSchema, ...errors },
      },
    },
    async (request) => regionalExceptions(db, request.context, councilSightOf(request.sessionUser), request.query),
  );

  const KPI_WORDS =
    "Only the councils the person may read (their memberships and the councils their groups reach); a month a council has not published says 'Not yet published' and nothing else unless the person is on its pre-release list, or holds the regional role where the council allows regional pre-release viewing.";

  app.get(
    '/regional/kpis',
    {
      schema: {
        operationId: 'getRegionalKpis',
        tags: ['regional'],
        summary:
          "The served councils' own contract KPI with one code (PI4) for a month: value, rating against each council's bands, against the group average, and each council's trend",
        description: `Without a group, the served councils in the region of the organisation in view. ${KPI_WORDS}`,
        querystring: regionalKpisQuerySchema,
        response: { 200: regionalKpisResponseSchema, ...errors },
      },
    },
    async (request) => regionalKpis(db, request.sessionUser!, readerFrom(db, request), request.query),
  );

  for (const format of DATA_EXPORT_FORMATS) {
    app.get(
      `/regional/kpis.${format}`,
      {
        schema: {
          operationId: `exportRegionalKpis${format.toUpperCase()}`,
          tags: ['regional', 'exports'],
          summary: `The councils' own KPIs side by side as ${format === 'csv' ? 'CSV' : 'an Excel workbook'}`,
          description: KPI_WORDS,
          querystring:
            format === 'csv'
              ? regionalKpisQuerySchema.extend(csvTableQuerySchema('regionalKpis').shape)
              : regionalKpisQuerySchema,
          response: { 200: downloadResponse([format]), ...errors },
        },
      },
      async (request, reply) => {
        const answer = await regionalKpis(db, request.sessionUser!, readerFrom(db, request), request.query);
        const file = await dataExportFile(
          db,
          request,
          'export.regional_kpis',
          format,
          regionalKpisExport(answer, clock()),
          csvTableOf(request.query),
        );
        return sendDownload(reply, file);
      },
    );
  }

  app.get(
    '/regional/kpi-rug',
    {
      schema: {
        operationId: 'getRegionalKpiRug',
        tags: ['regional'],
        summary:
          "The served councils × every contract KPI they hold: each figure, its rating against the council's own bands and against the group average",
        description: `Without a group, the served councils in the region of the organisation in view; without a month, each KPI's latest month with a figure shown. ${KPI_WORDS}`,
        querystring: regionalKpiRugQuerySchema,
        response: { 200: regionalKpiRugResponseSchema, ...errors },
      },
    },
    async (request) => regionalKpiRug(db, request.sessionUser!, readerFrom(db, request), request.query),
  );

  app.get(
    '/regional/kpi-exceptions',
    {
      schema: {
        operationId: 'getRegionalKpiExceptions',
        tags: ['regional'],
        summary: "The councils' own KPI figures more than a threshold (default 20%) from the group average",
        description: `A month not yet published that the person may not see is never listed nor averaged. ${KPI_WORDS}`,
        querystring: regionalKpiExceptionsQuerySchema,
        response: { 200: regionalKpiExceptionsResponseSchema, ...errors },
      },
    },
    async (request) => regionalKpiExceptions(db, request.sessionUser!, readerFrom(db, request), request.query),
  );

  for (const format of DATA_EXPORT_FORMATS) {
    const as = format === 'csv' ? 'CSV' : 'an Excel workbook';
    app.get(
      `/regional/kpi-rug.${format}`,
      {
        schema: {
          operationId: `exportRegionalKpiRug${format.toUpperCase()}`,
          tags: ['regional', 'exports'],
          summary: `The councils × their KPIs as ${as}`,
          description: KPI_WORDS,
          querystring:
            format === 'csv'
              ? regionalKpiRugQuerySchema.extend(csvTableQuerySchema('regionalKpiRug').shape)
              : regionalKpiRugQuerySchema,
          response: { 200: downloadResponse([format]), ...errors },
        },
      },
      async (request, reply) => {
        const rug = await regionalKpiRug(db, request.sessionUser!, readerFrom(db, request), request.query);
        const file = await dataExportFile(
          db,
          request,
          'export.regional_kpi_rug',
          format,
          regionalKpiRugExport(rug, clock()),
          csvTableOf(request.query),
        );
        return sendDownload(reply, file);
      },
    );

    app.get(
      `/regional/kpi-exceptions.${format}`,
      {
        schema: {
          operationId: `exportRegionalKpiExceptions${format.toUpperCase()}`,
          tags: ['regional', 'exports'],
          summary: `The councils' KPI exceptions as ${as}`,
          description: KPI_WORDS,
          querystring:
            format === 'csv'
              ? regionalKpiExceptionsQuerySchema.extend(csvTableQuerySchema('regionalKpiExceptions').shape)
              : regionalKpiExceptionsQuerySchema,
          response: { 200: downloadResponse([format]), ...errors },
        },
      },
      async (request, reply) => {
        const found = await regionalKpiExceptions(db, request.sessionUser!, readerFrom(db, request), request.query);
        const file = await dataExportFile(
          db,
          request,
          'export.regional_kpi_exceptions',
          format,
          regionalKpiExceptionsExport(found, clock()),
          csvTableOf(request.query),
        );
        return sendDownload(reply, file);
      },
    );
  }

  for (const format of DATA_EXPORT_FORMATS) {
    const upper = format.toUpperCase();
    const as = format === 'csv' ? 'CSV' : 'an Excel workbook';
    app.get(
      `/regional/table.${format}`,
      {
        schema: {
          operationId: `exportRegionalTable${upper}`,
          tags: ['regional', 'exports'],
          summary: `The regional table as ${as}`,
          querystring:
            format === 'csv'
              ? regionalTableQuerySchema.extend(csvTableQuerySchema('regionalTable').shape)
              : regionalTableQuerySchema,
          response: { 200: downloadResponse([format]), ...errors },
        },
      },
      async (request, reply) => {
        const table = await regionalTable(db, request.context, councilSightOf(request.sessionUser), request.query);
        const file = await dataExportFile(
          db,
          request,
          'export.regional_table',
          format,
          regionalTableExport(table, clock()),
          csvTableOf(request.query),
        );
        return sendDownload(reply, file);
      },
    );

    app.get(
      `/regional/exceptions.${format}`,
      {
        schema: {
          operationId: `exportRegionalExceptions${upper}`,
          tags: ['regional', 'exports'],
          summary: `The regional exceptions as ${as}`,
          querystring:
            format === 'csv'
              ? regionalExceptionsQuerySchema.extend(csvTableQuerySchema('regionalExceptions').shape)
              : regionalExceptionsQuerySchema,
          response: { 200: downloadResponse([format]), ...errors },
        },
      },
      async (request, reply) => {
        const found = await regionalExceptions(db, request.context, councilSightOf(request.sessionUser), request.query);
        const file = await dataExportFile(
          db,
          request,
          'export.regional_exceptions',
          format,
          regionalExceptionsExport(found, clock()),
          csvTableOf(request.query),
        );
        return sendDownload(reply, file);
      },
    );
  }
};
