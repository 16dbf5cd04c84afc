import {
  formatMonth,
  formatValue,
  monthToDate,
  type ReturnHistoryQuery,
  type ReturnHistoryResponse,
} from '@kpi/shared';
import { ForbiddenError, NotFoundError } from '../errors';
import { listMeetings } from '../publication/meetingRepository';
import { publicationOf, type Reader, Visibility } from '../publication/publication';
import { findIndicatorByCodeInsensitive, findObservationWithSource, listRevisions } from './returnsRepository';
import type { ReturnsDeps } from './serviceContext';
import { figureDto } from './uploadResponse';
import type { ExistingFigure } from './validate';

/**
 * Every revision of a KPI-month. Through the one visibility rule like every other read: a month
 * the reader may not see has no history for them (its existence included), and a look at an
 * unpublished month's history is recorded. (Only roles that see unpublished figures reach this
 * route today; the rule holds whoever is let in later.)
 */
export async function revisionHistory(
  deps: ReturnsDeps,
  reader: Reader,
  query: ReturnHistoryQuery,
): Promise<ReturnHistoryResponse> {
  const organisation = await reader.context.requireOrganisation();
  const visibility = new Visibility(publicationOf(await listMeetings(deps.db, organisation.id), reader.now), reader);
  if (!visibility.sees(query.month)) {
    throw new ForbiddenError(`The figures for ${formatMonth(query.month)} are not published yet.`);
  }
  const indicator = await findIndicatorByCodeInsensitive(deps.db, organisation.id, query.kpi);
  if (!indicator) throw new NotFoundError(`There is no KPI with the code ${query.kpi}.`);
  const monthDate = monthToDate(query.month);
  const [current, revisions] = await Promise.all([
    findObservationWithSource(deps.db, indicator.id, monthDate),
    listRevisions(deps.db, indicator.id, monthDate),
  ]);
  if (current || revisions.length > 0)
    await visibility.recordLooks(`history ${indicator.code} ${query.month}`, [query.month]);
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
