import { type AuditFilterQuery, auditPageSchema } from '@kpi/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/apiClient';
import { withOrganisation } from '../../../lib/organisationInView';

/** Entries a page: enough to scan a few days of changes, small enough to show at once. */
export const AUDIT_PAGE_SIZE = 50;

export const auditKeys = {
  all: ['audit'] as const,
  list: (filter: AuditFilterQuery) => [...auditKeys.all, 'list', filter] as const,
};

/** The filter as query parameters, leaving out what is not set. */
export function auditFilterParams(filter: AuditFilterQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['kind', 'person', 'from', 'to'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** The CSV download of the same filtered list, for a plain link (it carries the council in view). */
export function auditCsvPath(filter: AuditFilterQuery): string {
  const params = auditFilterParams(filter).toString();
  return withOrganisation(`/api/audit.csv${params ? `?${params}` : ''}`);
}

/** The record of changes, newest first, a page at a time ("Load more" asks for the next). */
export const useAuditEntries = (filter: AuditFilterQuery) =>
  useInfiniteQuery({
    queryKey: auditKeys.list(filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = auditFilterParams(filter);
      params.set('limit', String(AUDIT_PAGE_SIZE));
      if (pageParam) params.set('cursor', pageParam);
      return apiFetch(`/api/audit?${params}`, auditPageSchema, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
    // The record changes with every action anyone takes: read it afresh each time it is opened.
    staleTime: 0,
  });
