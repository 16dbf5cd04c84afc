import {
  type RegionalExceptionsResponse,
  type RegionalKpiExceptionsResponse,
  type RegionalKpiRugResponse,
  type RegionalKpisResponse,
  type RegionalTableResponse,
  type RegionalTrendResponse,
  regionalExceptionsResponseSchema,
  regionalKpiExceptionsResponseSchema,
  regionalKpiRugResponseSchema,
  regionalKpisResponseSchema,
  regionalTableResponseSchema,
  regionalTrendResponseSchema,
} from '@kpi/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';
import { dataDownloadLinks } from '../../exports';

/** The query string for a region (omitted: the organisation's region) and other parameters. */
function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const regionalKeys = {
  all: ['regional'] as const,
  table: (region: string | undefined) => ['regional', 'table', region ?? 'own'] as const,
  trend: (region: string, measure: string) => ['regional', 'trend', region, measure] as const,
  exceptions: (region: string, threshold: number) => ['regional', 'exceptions', region, threshold] as const,
};

export function useRegionalTable(region: string | undefined) {
  return useQuery({
    queryKey: regionalKeys.table(region),
    queryFn: ({ signal }): Promise<RegionalTableResponse> =>
      apiFetch(`/api/regional/table${query({ region })}`, regionalTableResponseSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRegionalTrend(region: string | undefined, measure: string | undefined) {
  return useQuery({
    queryKey: regionalKeys.trend(region ?? '', measure ?? ''),
    queryFn: ({ signal }): Promise<RegionalTrendResponse> =>
      apiFetch(`/api/regional/trend${query({ region, measure })}`, regionalTrendResponseSchema, { signal }),
    enabled: region !== undefined && measure !== undefined,
  });
}

export function useRegionalExceptions(region: string | undefined, threshold: number) {
  return useQuery({
    queryKey: regionalKeys.exceptions(region ?? '', threshold),
    queryFn: ({ signal }): Promise<RegionalExceptionsResponse> =>
      apiFetch(`/api/regional/exceptions${query({ region, threshold })}`, regionalExceptionsResponseSchema, {
        signal,
      }),
    enabled: region !== undefined,
  });
}

/** Where the table's and the exceptions' downloads are: plain links answered as attachments. */
export const regionalExportPaths = {
  table: (region: string) => dataDownloadLinks('/api/regional/table', { region }),
  exceptions: (region: string, threshold: number) =>
    dataDownloadLinks('/api/regional/exceptions', { region, threshold: String(threshold) }),
};

/** The served councils' own KPI with one code, side by side (only the councils this person may read). */
export function useRegionalKpis(params: { group?: string | undefined; code: string; month?: string | undefined }) {
  return useQuery({
    queryKey: ['regional', 'kpis', params.group ?? 'own', params.code, params.month ?? 'latest'] as const,
    queryFn: ({ signal }): Promise<RegionalKpisResponse> =>
      apiFetch(`/api/regional/kpis${query(params)}`, regionalKpisResponseSchema, { signal }),
    enabled: params.code !== '',
    placeholderData: keepPreviousData,
  });
}

export function regionalKpisExportPaths(params: { group?: string | undefined; code: string; month?: string | null }) {
  const wanted: Record<string, string> = { code: params.code };
  if (params.group) wanted.group = params.group;
  if (params.month) wanted.month = params.month;
  return dataDownloadLinks('/api/regional/kpis', wanted, [{ label: 'Trend', table: 'trend' }]);
}

/** The councils this person may read × every contract KPI they hold (each KPI's latest month). */
export function useRegionalKpiRug(group: string | undefined) {
  return useQuery({
    queryKey: ['regional', 'kpi-rug', group ?? 'own'] as const,
    queryFn: ({ signal }): Promise<RegionalKpiRugResponse> =>
      apiFetch(`/api/regional/kpi-rug${query({ group })}`, regionalKpiRugResponseSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRegionalKpiExceptions(group: string | undefined, threshold: number) {
  return useQuery({
    queryKey: ['regional', 'kpi-exceptions', group ?? 'own', threshold] as const,
    queryFn: ({ signal }): Promise<RegionalKpiExceptionsResponse> =>
      apiFetch(`/api/regional/kpi-exceptions${query({ group, threshold })}`, regionalKpiExceptionsResponseSchema, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export const regionalKpiRugExportPaths = {
  rug: (group: string | undefined) => dataDownloadLinks('/api/regional/kpi-rug', group ? { group } : {}),
  exceptions: (group: string | undefined, threshold: number) =>
    dataDownloadLinks('/api/regional/kpi-exceptions', {
      ...(group ? { group } : {}),
      threshold: String(threshold),
    }),
};
