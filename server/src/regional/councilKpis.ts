import {
  addMonths,
  againstRegion,
  compareMonths,
  dateToMonth,
  formatValue,
  judgementWords,
  monthRange,
  type RegionalKpisQuery,
  type RegionalKpisResponse,
  ragStatus,
  thresholdInForce,
} from '@kpi/shared';
import type { Db } from '../db/database';
import { BadRequestError, NotFoundError } from '../errors';
import { findGroup } from '../groups/groupRepository';
import { type SessionUser, userInView } from '../http/requestContext';
import { monthPublication, publicationOf, type Reader, Visibility } from '../publication/publication';
import { readCouncilKpis, servedCouncilsOf } from './councilKpiRead';

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
 */

export const NOT_YET_PUBLISHED = 'Not yet published';
const TREND_MONTHS = 12;

export async function regionalKpis(
  db: Db,
  session: SessionUser,
  reader: Reader,
  query: RegionalKpisQuery,
): Promise<RegionalKpisResponse> {
  const code = query.code.toUpperCase();
  let group: { id: number | null; name: string };
  let councils: Array<{ organisationId: number; areaCode: string; name: string }>;
  if (query.group !== undefined) {
    const found = await findGroup(db, query.group);
    if (!found) throw new NotFoundError('There is no such group.');
    group = { id: found.id, name: found.name };
    councils = await servedCouncilsOf(db, { groupId: found.id });
  } else {
    const organisation = await reader.context.requireOrganisation(db);
    if (!organisation.regionCode) throw new BadRequestError('The organisation in view has no region.');
    group = { id: null, name: `Councils served here in the region of ${organisation.name}` };
    councils = await servedCouncilsOf(db, { regionCode: organisation.regionCode });
  }
  const places = new Map(session.memberships.map((m) => [m.organisationId, m]));
  const readable = councils.filter((c) => places.has(c.organisationId));
  const reads = await readCouncilKpis(
    db,
    readable.map((c) => c.organisationId),
    code,
  );

  const perCouncil = readable.map((council) => {
    const read = reads.find((r) => r.organisationId === council.organisationId);
    const asThere: Reader = { ...reader, user: userInView(session, places.get(council.organisationId)) };
    const publication = publicationOf(read?.meetings ?? [], reader.now);
    const visibility = new Visibility(publication, asThere);
    const shown = read ? visibility.visible(read.observations, (o) => dateToMonth(o.month)) : [];
    return { council, read, publication, visibility, shown };
  });

  const latestShown = perCouncil
    .flatMap((c) => c.shown.map((o) => dateToMonth(o.month)))
    .sort(compareMonths)
    .at(-1);
  const month = query.month ?? latestShown ?? null;
  const trendMonths = month ? monthRange(addMonths(month, -(TREND_MONTHS - 1)), month) : [];

  const figures = perCouncil.map(({ council, read, publication, visibility, shown }) => {
    if (!read || !month) return { council, read, state: 'none' as const };
    if (!visibility.sees(month)) return { council, read, state: 'hidden' as const };
    const observation = shown.find((o) => dateToMonth(o.month) === month);
    return {
      council,
      read,
      state: 'shown' as const,
      value: observation?.value ?? null,
      symbol: observation?.symbol ?? null,
      unpublished: !monthPublication(publication, month).published,
    };
  });
  const usable = figures.flatMap((f) =>
    f.state === 'shown' && f.value !== null && f.symbol === null ? [f.value] : [],
  );
  const averageValue = usable.length > 0 ? usable.reduce((a, b) => a + b, 0) / usable.length : null;
  const first = reads[0]?.indicator;
  const averageDisplay = first
    ? formatValue(averageValue, first.unit, first.precision, null, { short: true })
    : formatValue(null, 'count', 0, null, { short: true });

  const cells: RegionalKpisResponse['councils'] = figures.map((f) => {
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
    };
    if (f.state === 'hidden') return { ...base, ...empty, visible: false, notice: NOT_YET_PUBLISHED };
    if (f.state === 'none' || !month)
      return { ...base, ...empty, visible: true, notice: f.read ? null : `No KPI ${code} in this council's contract.` };
    const { indicator, thresholds } = f.read;
    const rag = ragStatus({
      value: f.value,
      symbol: f.symbol,
      unit: indicator.unit,
      precision: indicator.precision,
      threshold: thresholdInForce(thresholds, month),
    });
    const judgement = againstRegion(
      { value: f.value, symbol: f.symbol },
      { value: averageValue, symbol: null },
      indicator.polarity,
      indicator.precision,
    );
    return {
      ...base,
      visible: true,
      notice: null,
      value: f.value,
      symbol: f.symbol,
      displayValue: rag.displayValue,
      unit: indicator.unit,
      precision: indicator.precision,
      rating: rag.status,
      ratingReason: rag.reason,
      againstGroup: judgement,
      positionWords: `${judgementWords(judgement, 'the group average')}.`,
      unpublished: f.unpublished,
    };
  });

  const trend = perCouncil.map(({ council, read, visibility, shown }) => ({
    areaCode: council.areaCode,
    name: council.name,
    points: trendMonths.map((m) => {
      const point = visibility.sees(m) ? shown.find((o) => dateToMonth(o.month) === m) : undefined;
      return { month: m, value: point && point.symbol === null ? point.value : null };
    }),
    shownMonths: read ? trendMonths.filter((m) => visibility.sees(m)) : [],
  }));

  // A look at a council's unpublished months is recorded per council, as its own pre-release log.
  for (const [i, { council, visibility }] of perCouncil.entries()) {
    const months = trend[i]!.shownMonths;
    if (months.length > 0) await visibility.recordLooks(`regional:${council.areaCode}:${code}`, months);
  }

  return {
    group,
    code,
    month,
    polarity: first?.polarity ?? null,
    unit: first?.unit ?? null,
    precision: first?.precision ?? null,
    groupAverage: { value: averageValue, displayValue: averageDisplay, councils: usable.length },
    councils: cells,
    trend: { months: trendMonths, councils: trend.map(({ shownMonths: _, ...line }) => line) },
    includesUnpublished: reader.shownUnpublished.size > 0,
  };
}
