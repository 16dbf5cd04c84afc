import {
  type BoardPackData,
  type BoardPackRequest,
  boardPackDataSchema,
  type ChartExportRequest,
  type ChartExportResponse,
  chartExportResponseSchema,
  type DataExportFormat,
  problemSchema,
  type SeriesView,
} from '@kpi/shared';
import { queryOptions } from '@tanstack/react-query';
import { ApiError, apiFetch } from '../../../lib/apiClient';
import { withOrganisation } from '../../../lib/organisationInView';

/**
 * A view's data downloads: the main table as tidy CSV, its other tables as their own CSV files,
 * the notes beside them (title, period, sources, notes) and the Excel workbook holding it all.
 */
export type DataDownloadLinks = {
  csv: string;
  more: { label: string; href: string }[];
  notes: string;
  xlsx: string;
};

export function dataDownloadLinks(
  base: string,
  params: Record<string, string>,
  more: { label: string; table: string }[] = [],
): DataDownloadLinks {
  const href = (format: DataExportFormat, table?: string) => {
    const query = new URLSearchParams(table ? { ...params, table } : params).toString();
    return withOrganisation(`${base}.${format}${query ? `?${query}` : ''}`);
  };
  return {
    csv: href('csv'),
    more: more.map(({ label, table }) => ({ label, href: href('csv', table) })),
    notes: href('csv', 'notes'),
    xlsx: href('xlsx'),
  };
}

/** Where each view's data downloads: plain links, answered with `Content-Disposition: attachment`. */
export const dataExportPaths = {
  scorecard: (month: string) =>
    dataDownloadLinks('/api/exports/scorecard', { month }, [{ label: 'Trends', table: 'trends' }]),
  series: (code: string, params: { from: string; to: string; view: SeriesView }) =>
    dataDownloadLinks(`/api/exports/indicators/${encodeURIComponent(code)}/series`, params),
  briefing: (meetingId: number) =>
    dataDownloadLinks(`/api/exports/meetings/${meetingId}/briefing`, {}, [
      { label: 'How the council compares', table: 'comparators' },
    ]),
};

/** Records a chart image export on the server and learns its file name and marking. */
export function recordChartExport(code: string, request: ChartExportRequest): Promise<ChartExportResponse> {
  return apiFetch(`/api/exports/indicators/${encodeURIComponent(code)}/chart`, chartExportResponseSchema, {
    method: 'POST',
    body: request,
  });
}

export const boardPackDataQueryOptions = (month: string, kpis: string) =>
  queryOptions({
    queryKey: ['exports', 'board-pack', month, kpis] as const,
    queryFn: ({ signal }): Promise<BoardPackData> =>
      apiFetch(`/api/exports/board-pack/data?${new URLSearchParams({ month, kpis })}`, boardPackDataSchema, {
        signal,
      }),
    staleTime: Number.POSITIVE_INFINITY,
  });

function fileNameFrom(disposition: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1] ?? fallback;
}

/** Asks the server for the pack and returns it with its file name; problems come back as ApiError. */
export async function downloadBoardPack(request: BoardPackRequest): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(new URL(withOrganisation('/api/exports/board-pack'), window.location.origin), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/pdf, application/octet-stream, application/problem+json',
      },
      body: JSON.stringify(request),
    });
  } catch {
    throw new ApiError({ kind: 'network', status: 0, title: 'Could not connect to the service' });
  }
  if (!response.ok) {
    const problem = problemSchema.safeParse(await response.json().catch(() => undefined));
    throw new ApiError(
      problem.success
        ? {
            kind: 'http',
            status: problem.data.status,
            title: problem.data.title,
            detail: problem.data.detail,
            requestId: problem.data.requestId,
            fieldErrors: problem.data.errors,
          }
        : { kind: 'http', status: response.status, title: response.statusText || 'The pack could not be made' },
    );
  }
  return {
    blob: await response.blob(),
    fileName: fileNameFrom(
      response.headers.get('content-disposition'),
      `board-pack-${request.month}.${request.format}`,
    ),
  };
}
