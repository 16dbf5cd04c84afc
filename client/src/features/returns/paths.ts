import type { ReturnFileFormat } from '@kpi/shared';
import { withOrganisation } from '../../lib/organisationInView';

export const RETURNS_PATH = '/returns';

/** An upload's page: its problems, its preview, or its record once loaded. */
export function uploadPath(id: number): string {
  return `${RETURNS_PATH}/uploads/${id}`;
}

/** Every revision of one KPI's figure for one month. */
export function historyPath(kpi: string, month: string): string {
  return `${RETURNS_PATH}/history?${new URLSearchParams({ kpi, month })}`;
}

/** The template as an attachment: a plain link, so the browser saves it under the server's file name. */
export function templateUrl(query: { kpiSet: string; from: string; to: string; format: ReturnFileFormat }): string {
  return withOrganisation(`/api/returns/template?${new URLSearchParams(query)}`);
}

/** An upload's problems as CSV, as an attachment. */
export function reportUrl(id: number): string {
  return `/api/returns/uploads/${id}/report.csv`;
}
