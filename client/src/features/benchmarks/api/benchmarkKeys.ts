/** Every benchmark query key starts here, so one invalidation reaches them all. */
export const benchmarkKeys = {
  all: ['benchmarks'] as const,
  sources: () => [...benchmarkKeys.all, 'sources'] as const,
  snModels: () => [...benchmarkKeys.all, 'sn-models'] as const,
};
