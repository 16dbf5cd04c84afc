import { formatValue, monthToDate, type ReturnHistoryQuery, type ReturnHistoryResponse } from '@kpi/shared';
import { NotFoundError } from '../errors';
import {
  findIndicatorByCodeInsensitive,
  findObservationWithSource,
  listRevisions,
} from '../repositories/returnsRepository';
import { type ReturnsDeps, requireOrganisation } from './serviceContext';
import { figureDto } from './uploadResponse';
import type { ExistingFigure } from './validate';

export async function revisionHistory(deps: ReturnsDeps, query: ReturnHistoryQuery): Promise<ReturnHistoryResponse> {
  const organisation = await requireOrganisation(deps.db);
  const indicator = await findIndicatorByCodeInsensitive(deps.db, organisation.id, query.kpi);
  if (!indicator) throw new NotFoundError(`There is no KPI with the code ${query.kpi}.`);
  const monthDate = monthToDate(query.month);
  const [current, revisions] = await Promise.all([
    findObservationWithSource(deps.db, indicator.id, monthDate),
    listRevisions(deps.db, indicator.id, monthDate),
  ]);
  const show = (value: number | null, symbol: ExistingFigure['symbol']) => ({
    value,
    symbol,
    displayValue: formatValue(value, indicator.unit, indicator.precision, symbol),
  });
  return {
    kpiCode: indicator.code,
    kpiTitle: indicator.title,
    unit: indicator.unit,
    precision: indicator.precision,
    month: query.month,
    current: current
      ? {
          ...figureDto(indicator, current.observation),
          provenance: current.observation.provenance,
          status: current.observation.status,
          fileName: current.fileName,
          updatedAt: current.observation.updatedAt.toISOString(),
          sourceNote: current.observation.sourceNote,
        }
      : null,
    revisions: revisions.map((r) => ({
      id: r.revision.id,
      changedAt: r.revision.changedAt.toISOString(),
      changedBy:
        r.username && r.displayName && r.role
          ? { username: r.username, displayName: r.displayName, role: r.role }
          : null,
      old: show(r.revision.oldValue, r.revision.oldSymbol),
      new: show(r.revision.newValue, r.revision.newSymbol),
      reason: r.revision.reason,
      upload:
        r.revision.uploadId !== null && r.uploadFileName !== null && r.uploadSha256 !== null
          ? { id: r.revision.uploadId, fileName: r.uploadFileName, sha256: r.uploadSha256 }
          : null,
    })),
  };
}
