import type { OverviewResponse } from '@kpi/shared';
import type { Db } from '../db/database';
import { NotFoundError } from '../errors';
import { listMeetings } from '../publication/meetingRepository';
import { publicationOf, type Reader, Visibility } from '../publication/publication';
import { loadOverview } from './overviewRepository';

/**
 * The organisation and the data it holds, as this reader may see it: the latest month and the
 * counts of figures cover only months the reader may see, so the overview never reveals that an
 * unpublished month has data. It shows no figures, so it records no pre-release look.
 */
export async function buildOverview(db: Db, reader: Reader): Promise<OverviewResponse> {
  const loaded = await loadOverview(db, await reader.context.organisation());
  if (!loaded) throw new NotFoundError('No organisation is configured yet. An administrator must run the seed.');
  const publication = publicationOf(await listMeetings(db, loaded.organisation.id), reader.now);
  const visibility = new Visibility(publication, reader);
  const shown = visibility.visible(loaded.months, (m) => m.month);
  const counts = new Map<OverviewResponse['observationCounts'][number]['provenance'], number>();
  for (const m of shown) counts.set(m.provenance, (counts.get(m.provenance) ?? 0) + m.count);
  const latestMonth = shown.at(-1)?.month ?? null;
  return {
    ...loaded.overview,
    latestMonth,
    observationCounts: [...counts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([provenance, count]) => ({ provenance, count })),
  };
}
