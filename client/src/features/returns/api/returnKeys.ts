/** Every monthly-return query key starts here, so one invalidation reaches them all. */
export const returnKeys = {
  all: ['returns'] as const,
  lists: () => [...returnKeys.all, 'list'] as const,
  list: (limit: number) => [...returnKeys.lists(), limit] as const,
  upload: (id: number) => [...returnKeys.all, 'upload', id] as const,
  history: (kpi: string, month: string) => [...returnKeys.all, 'history', kpi, month] as const,
};
