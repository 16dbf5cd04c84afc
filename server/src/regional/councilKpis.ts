import {
  addMonths,
  againstRegion,
  compareMonths,
  dateToMonth,
  formatValue,
  judgementWords,
  monthRange,
  polarityAgainstOtherAreas,
  polarityAgainstOtherAreasNote,
  type RegionalKpisQuery,
  type RegionalKpisResponse,
  ragStatus,
  thresholdInForce,
} from '@kpi/shared';
import type { Db } from '../db/database';
import { BadRequestError, NotFoundError } from '../errors';
import { findGroup } from '../groups/groupRepository';
import { type SessionUser, userInView } from '../http/requestContext';
import { councilSightOf, councilsInSight, groupInSight } from '../organisations/councilSight';
import { monthPublication, type Publication, publicationOf, type Reader, Visibility } from '../publication/publication';
import { type CouncilKpiRead, readCouncilKpis, servedCouncilsOf } from './councilKpiRead';
import { kpiReferenceLines } from './kpiReferenceLines';

/**
 * The served councils' own contract KPIs side by side (issue 19): for one KPI code (PI4) and one
 * month, each council's figure, its rating against that council's own bands, and whether it is
 * better or worse than the group average (by the KPI's polarity), with each council's monthly
 * trend. Only councils the person may read are included (their memberships, and the councils their
 * groups reach); what of each council they may see is decided by that council's `Visibility`, built
 * for the person as they are there: an unpublished month is shown to someone on the council's
 * pre-release list, or holding the regional role where the council allows regional pre-release
 * viewing, and otherwise says "Not yet published" and nothing else (no value, rating or position,
 * and it is left out of the group average).
 *
 * `councilsInView` and `compareKpi` are the building blocks the councils × KPIs rug
 * (`councilKpiRug.ts`) shares, so both answers apply the one rule.
 */

export const NOT_YET_PUBLISHED = 'Not yet published';
const TREND_MONTHS = 12;

type ServedCouncil = Awaited<ReturnType<typeof servedCouncilsOf>>[number];
type Indicator = CouncilKpiRead['indicator'];
type KpiCell = RegionalKpisResponse['councils'][number];

/** A council the person may read, its KPIs as read, and what of them this person may see there. */
export interface CouncilInView {
  council: ServedCouncil;
  reads: CouncilKpiRead[];
  publication: Publication;
  visibility: Visibility;
}

/**
 * The group asked for (or the served councils in the region of the organisation in view), the
 * councils of it the person may read, and their KPIs with `code` (null: every code) in one read.
 */
export async function councilsInView(
  db: Db,
  session: SessionUser,
  reader: Reader,
  groupId: number | undefined,
  code: string | null,
): Promise<{ group: { id: number | null; name: string }; councils: CouncilInView[] }> {
  let group: { id: number | null; name: string };
  let councils: ServedCouncil[];
  if (groupId !== undefined) {
    const found = await findGroup(db, groupId);
    councils = found ? await servedCouncilsOf(db, { groupId: found.id }) : [];
    // A group of councils the person may not read is not found: its name is another council's.
    const ids = councils.map((c) => c.organisationId);
    if (!found || !groupInSight(councilSightOf(session), found, ids, 'reader')) {
      throw new NotFoundError('There is no such group.');
    }
    group = { id: found.id, name: found.name };
  } else {
    const organisation = await reader.context.requireOrganisation(db);
    if (!organisation.regionCode) throw new BadRequestError('The organisation in view has no region.');
    group = { id: null, name: `Councils served here in the region of ${organisation.name}` };
    councils = await servedCouncilsOf(db, { regionCode: organisation.regionCode });
  }
  const places = new Map(session.memberships.map((m) => [m.organisationId, m]));
  const readable = councilsInSight(councilSightOf(session), councils);
  const reads = await readCouncilKpis(
    db,
    readable.map((c) => c.organisationId),
    code,
  );
  return {
    group,
    councils: readable.map((council) => {
      const own = reads.filter((r) => r.organisationId === council.organisationId);
      const asThere: Reader = { ...reader, user: userInView(session, places.get(council.organisationId)) };
      const publication = publicationOf(own[0]?.meetings ?? [], reader.now);
      return { council, reads: own, publication, visibility: new Visibility(publication, asThere) };
    }),
  };
}

/** This council's KPI with the code, and its observations this person may see (hidden months left out). */
export function shownFor(entry: CouncilInView, code: string) {
  const read = entry.reads.find((r) => r.indicator.code === code);
  const shown = read ? entry.visibility.visible(read.observations, (o) => dateToMonth(o.month)) : [];
  return { read, shown };
}

/** The latest month with an observation shown for the code among the councils. */
export function latestShownMonth(councils: readonly CouncilInView[], code: string): string | null {
  return (
    councils
      .flatMap((c) => shownFor(c, code).shown.map((o) => dateToMonth(o.month)))
      .sort(compareMonths)
      .at(-1) ?? null
  );
}

export interface KpiComparison {
  /** One per council, in the councils' order, with the council's own KPI (null: it has none). */
  rows: Array<{ cell: KpiCell; indicator: Indicator | null }>;
  groupAverage: RegionalKpisResponse['groupAverage'];
  /** The first council's KPI with the code: its unit and precision show the average. */
  first: Indicator | undefined;
}

/**
 * One KPI code across the councils for a month: each council's cell (value, rating against its
 * own bands, against the group average) and the group average of the figures this person may see.
 */
export function compareKpi(councils: readonly CouncilInView[], code: string, month: string | null): KpiComparison {
  const figures = councils.map((entry) => {
    const { council, publication, visibility } = entry;
    const { read, shown } = shownFor(entry, code);
    if (!read || !month) return { council, read, state: 'none' as const };
    if (!visibility.sees(month)) return { council, read, state: 'hidden' as const };
    const observation = shown.find((o) => dateToMonth(o.month) === month);
    return {
      council,
      read,
      state: 'shown' as const,
      value: observation?.value ?? null,
      symbol: observation?.symbol ?? null,
      illustrative: observation?.provenance === 'illustrative',
      unpublished: !monthPublication(publication, month).published,
    };
  });
  const usable = figures.flatMap((f) =>
    f.state === 'shown' && f.value !== null && f.symbol === null ? [f.value] : [],
  );
  const averageValue = usable.length > 0 ? usable.reduce((a, b) => a + b, 0) / usable.length : null;
  const first = figures.find((f) => f.read)?.read?.indicator;
  const averageDisplay = first
    ? formatValue(averageValue, first.unit, first.precision, null, { short: true })
    : formatValue(null, 'count', 0, null, { short: true });

  const rows = figures.map((f): KpiComparison['rows'][number] => {
    const base = { areaCode: f.council.areaCode, name: f.council.name, title: f.read?.indicator.title ?? null };
    const empty = {
      value: null,
      symbol: null,
      displayValue: null,
      unit: null,
      precision: null,
      rating: null,
      ratingReason: null,
      againstGroup: null,
      positionWords: null,
      unpublished: false,
      illustrative: false,
    };
    const indicator = f.read?.indicator ?? null;
    if (f.state === 'hidden')
      return { cell: { ...base, ...empty, visible: false, notice: NOT_YET_PUBLISHED }, indicator };
    if (f.state === 'none' || !month) {
      const notice = f.read ? null : `No KPI ${code} in this council's contract.`;
      return { cell: { ...base, ...empty, visible: true, notice }, indicator };
    }
    const { thresholds } = f.read;
    const kpi = f.read.indicator;
    const rag = ragStatus({
      value: f.value,
      symbol: f.symbol,
      unit: kpi.unit,
      precision: kpi.precision,
      threshold: thresholdInForce(thresholds, month),
    });
    // An "average" of one council is that council: better or worse than it would say nothing.
    const judgement =
      usable.length < 2
        ? 'not_compared'
        : againstRegion(
            { value: f.value, symbol: f.symbol },
            { value: averageValue, symbol: null },
            polarityAgainstOtherAreas(kpi),
            kpi.precision,
          );
    return {
      cell: {
        ...base,
        visible: true,
        notice: null,
        value: f.value,
        symbol: f.symbol,
        displayValue: rag.displayValue,
        unit: kpi.unit,
        precision: kpi.precision,
        rating: rag.status,
        ratingReason: rag.reason,
        againstGroup: judgement,
        positionWords:
          usable.length < 2 && f.value !== null
            ? 'Not compared: no other council has a figure for this month.'
            : `${judgementWords(judgement, 'the group average')}.`,
        unpublished: f.unpublished,
        illustrative: f.illustrative && f.value !== null,
      },
      indicator: kpi,
    };
  });
  return { rows, groupAverage: { value: averageValue, displayValue: averageDisplay, councils: usable.length }, first };
}

export async function regionalKpis(
  db: Db,
  session: SessionUser,
  reader: Reader,
  query: RegionalKpisQuery,
): Promise<RegionalKpisResponse> {
  const code = query.code.toUpperCase();
  const { group, councils } = await councilsInView(db, session, reader, query.group, code);
  const month = query.month ?? latestShownMonth(councils, code);
  const trendMonths = month ? monthRange(addMonths(month, -(TREND_MONTHS - 1)), month) : [];
  const { rows, groupAverage, first } = compareKpi(councils, code, month);

  const trend = councils.map((entry) => {
    const { council, visibility } = entry;
    const { read, shown } = shownFor(entry, code);
    return {
      areaCode: council.areaCode,
      name: council.name,
      points: trendMonths.map((m) => {
        const point = visibility.sees(m) ? shown.find((o) => dateToMonth(o.month) === m) : undefined;
        return { month: m, value: point && point.symbol === null ? point.value : null };
      }),
      shownMonths: read ? trendMonths.filter((m) => visibility.sees(m)) : [],
    };
  });

  // A look at a council's unpublished months is recorded per council, as its own pre-release log.
  for (const [i, { council, visibility }] of councils.entries()) {
    const months = trend[i]!.shownMonths;
    if (months.length > 0) await visibility.recordLooks(`regional:${council.areaCode}:${code}`, months);
  }

  const lines = trend.map(({ shownMonths: _, ...line }) => line);
  const reference = await kpiReferenceLines(db, {
    months: trendMonths,
    councils: lines,
    indicator: first ?? null,
    groupName: group.name,
  });
  return {
    group,
    code,
    month,
    // Better or worse between councils: the shared rule (a CP plan rate has none), said in the notes.
    polarity: first ? polarityAgainstOtherAreas(first) : null,
    unit: first?.unit ?? null,
    precision: first?.precision ?? null,
    groupAverage,
    councils: rows.map((r) => r.cell),
    trend: {
      months: trendMonths,
      councils: lines,
      references: reference.lines,
      notes: [
        ...(first && polarityAgainstOtherAreasNote(first) ? [polarityAgainstOtherAreasNote(first)!] : []),
        ...reference.notes,
      ],
    },
    includesUnpublished: reader.shownUnpublished.size > 0,
  };
}
