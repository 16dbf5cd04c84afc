import {
  type BenchmarkSourcesResponse,
  benchmarkSourcesResponseSchema,
  type ChooseSnModelResponse,
  chooseSnModelResponseSchema,
  type DfeImportBody,
  type DfeImportResponse,
  type DfePreviewResponse,
  dfeImportResponseSchema,
  dfePreviewResponseSchema,
  type PopulationImportResponse,
  populationImportResponseSchema,
  type SnModelImportQuery,
  type SnModelImportResponse,
  type SnModelListResponse,
  snModelImportResponseSchema,
  snModelListResponseSchema,
} from '@kpi/shared';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, apiUploadFile } from '../../../lib/apiClient';
import { authKeys } from '../../auth';
import { CSV_CONTENT_TYPE, snListContentType } from '../benchmarkFile';
import { benchmarkKeys } from './benchmarkKeys';

export function useBenchmarkSources() {
  return useQuery({
    queryKey: benchmarkKeys.sources(),
    queryFn: ({ signal }): Promise<BenchmarkSourcesResponse> =>
      apiFetch('/api/benchmarks/sources', benchmarkSourcesResponseSchema, { signal }),
  });
}

export function useSnModels() {
  return useQuery({
    queryKey: benchmarkKeys.snModels(),
    queryFn: ({ signal }): Promise<SnModelListResponse> =>
      apiFetch('/api/benchmarks/sn-models', snModelListResponseSchema, { signal }),
  });
}

/** After a write, every figure the app has cached may be out of date (comparator lines, neighbour averages). */
function invalidateFigures(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
}

/** Sends a DfE file; the server keeps it and describes it. Nothing else is written. */
export function usePreviewDfeFile() {
  return useMutation({
    mutationFn: (file: File): Promise<DfePreviewResponse> =>
      apiUploadFile(
        `/api/benchmarks/dfe/preview?${new URLSearchParams({ fileName: file.name })}`,
        dfePreviewResponseSchema,
        file,
        CSV_CONTENT_TYPE,
      ),
  });
}

/** A dry run (`dryRun: true`) answers as the import would and writes nothing. */
export function useImportDfeFile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DfeImportBody): Promise<DfeImportResponse> =>
      apiFetch('/api/benchmarks/dfe/import', dfeImportResponseSchema, { method: 'POST', body }),
    onSuccess: (response) => {
      if (!response.dryRun) void invalidateFigures(queryClient);
    },
  });
}

export function useImportPopulations() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, sourceRelease }: { file: File; sourceRelease: string }): Promise<PopulationImportResponse> => {
      const query = new URLSearchParams({ fileName: file.name });
      if (sourceRelease.trim()) query.set('sourceRelease', sourceRelease.trim());
      return apiUploadFile(
        `/api/benchmarks/populations?${query}`,
        populationImportResponseSchema,
        file,
        CSV_CONTENT_TYPE,
      );
    },
    onSuccess: () => void invalidateFigures(queryClient),
  });
}

export function useImportSnModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      file,
      ...query
    }: Omit<SnModelImportQuery, 'fileName'> & { file: File }): Promise<SnModelImportResponse> =>
      apiUploadFile(
        `/api/benchmarks/sn-models?${new URLSearchParams({ ...query, fileName: file.name })}`,
        snModelImportResponseSchema,
        file,
        snListContentType(file.name),
      ),
    onSuccess: () => void invalidateFigures(queryClient),
  });
}

export function useChooseSnModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (modelCode: string): Promise<ChooseSnModelResponse> =>
      apiFetch('/api/organisation/sn-model', chooseSnModelResponseSchema, { method: 'PUT', body: { modelCode } }),
    onSuccess: () => void invalidateFigures(queryClient),
  });
}
