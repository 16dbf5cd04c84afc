import { PROVENANCES, type Provenance } from '@kpi/shared';

export const PROVENANCE_LABELS: Record<Provenance, string> = {
  uploaded_return: 'Uploaded monthly returns',
  published_paper: 'Published reports and papers',
  illustrative: 'Illustrative data',
};

/** One row per provenance in the shared enum's order; a provenance the server omits counts as 0. */
export function countsByProvenance(counts: readonly { provenance: Provenance; count: number }[]) {
  return PROVENANCES.map((provenance) => ({
    provenance,
    count: counts.filter((row) => row.provenance === provenance).reduce((sum, row) => sum + row.count, 0),
  }));
}
