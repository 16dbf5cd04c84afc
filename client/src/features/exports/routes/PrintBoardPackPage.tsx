import {
  type BoardPackData,
  type BoardPackKpi,
  COMPARATOR_LINES,
  formatMonth,
  formatValue,
  headerWithUnit,
  isValidMonth,
  SPC_MONTH_WORDS,
  spcLimitsWords,
  symbolMeaning,
} from '@kpi/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ChartKey } from '../../../components/charts/ChartKey';
import { buildChartModel } from '../../../components/charts/chartModel';
import { footnotes, sourceSentences } from '../../../components/charts/figureNotes';
import { SpcIcons } from '../../../components/charts/SpcIcons';
import { TrendChart } from '../../../components/charts/TrendChart';
import { DirectionOfTravelList } from '../../../components/DirectionOfTravel';
import { STATUS_WORDS, THEME_LABELS } from '../../../components/kpiLabels';
import { StatusTag } from '../../../components/StatusTag';
import { IllustrativeTag, NoConsequenceTag, PersistentFailureTag } from '../../../components/Tags';
import { isApiError } from '../../../lib/apiClient';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { CompactScorecard, DEFAULT_SORT } from '../../scorecard';
import { boardPackDataQueryOptions } from '../api/exportsApi';
import { buildChartSvg, ILLUSTRATIVE_WORDS, svgToPngDataUrl } from '../chartImage';
import { chartImageHeading, producedWords } from '../components/ChartDownloads';
import { PackCommentaryAppendix, PackCommentaryAside } from '../components/PackCommentary';
import '../print.css';

/** KPIs listed on the first page under the cover, and on each further contents page. */
const FIRST_CONTENTS_ROWS = 15;
const MORE_CONTENTS_ROWS = 22;
// Leaves room under the chart for the table's SPC row.
const CHART_HEIGHT = 242;
/** The least a chart is drawn at when its source and notes need the room (KpiPage). */
const MIN_CHART_HEIGHT = 120;

export function contentsPageCount(kpis: number): number {
  return kpis <= FIRST_CONTENTS_ROWS ? 1 : 1 + Math.ceil((kpis - FIRST_CONTENTS_ROWS) / MORE_CONTENTS_ROWS);
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [items.slice(0, FIRST_CONTENTS_ROWS)];
  for (let i = FIRST_CONTENTS_ROWS; i < items.length; i += MORE_CONTENTS_ROWS) {
    result.push(items.slice(i, i + MORE_CONTENTS_ROWS));
  }
  return result;
}

function Marking({ text }: { text: string | null }) {
  return text ? <p className="pack-marking">{text}</p> : null;
}

/**
 * The pack's scorecard: the compact scorecard of the screen, its rows in the pack's order (the
 * order of the KPI pages that follow), without sort buttons.
 */
function PackScorecard({
  kpis,
  month,
  firstPage,
  allIllustrative,
}: {
  kpis: { kpi: BoardPackKpi; page: number }[];
  month: string;
  firstPage: boolean;
  allIllustrative: boolean;
}) {
  const first = kpis[0]?.page;
  const last = kpis.at(-1)?.page;
  return (
    <div className="pack-scorecard">
      <CompactScorecard
        items={kpis.map(({ kpi }) => kpi.item)}
        month={month}
        order={DEFAULT_SORT}
        grouped={false}
        allIllustrative={allIllustrative}
        caption={`${firstPage ? 'Scorecard' : 'Scorecard (continued)'}: a page for each KPI follows, in this order${
          first !== undefined && last !== undefined ? ` (pages ${first} to ${last})` : ''
        }`}
      />
    </div>
  );
}

function Cover({ data, pages }: { data: BoardPackData; pages: number[] }) {
  const listed = data.kpis.map((kpi, i) => ({ kpi, page: pages[i]! }));
  const [first = [], ...rest] = chunks(listed);
  const counts = { red: 0, amber: 0, green: 0, no_data: 0 };
  for (const { item } of data.kpis) counts[item.current.status] += 1;
  return (
    <>
      <section className="pack-page pack-cover" aria-labelledby="pack-title">
        <Marking text={data.marking?.text ?? null} />
        <p className="pack-cover__organisation">{data.organisation}</p>
        <h1 id="pack-title" className="pack-cover__title">
          {data.title}
        </h1>
        <p className="pack-cover__facts">
          Figures for <strong>{formatMonth(data.month)}</strong>
          {data.kpiSet && <> · KPI set: {data.kpiSet.name}</>} · {producedWords(data.producedAt)}
        </p>
        <p className="pack-cover__facts">
          {(['red', 'amber', 'green', 'no_data'] as const)
            .filter((status) => counts[status] > 0)
            .map((status) => `${STATUS_WORDS[status]}: ${counts[status]}`)
            .join(' · ')}
        </p>
        {data.kpiSet?.illustrativeNote && <p className="pack-illustrative">{data.kpiSet.illustrativeNote}</p>}
        {data.illustrative && <p className="pack-illustrative">{ILLUSTRATIVE_WORDS}</p>}
        <PackScorecard
          kpis={first}
          month={data.month}
          firstPage
          allIllustrative={data.kpis.every(({ item }) => item.illustrative)}
        />
      </section>
      {rest.map((chunk) => (
        <section className="pack-page" key={chunk[0]!.kpi.item.code} aria-label="Scorecard, continued">
          <PackScorecard
            kpis={chunk}
            month={data.month}
            firstPage={false}
            allIllustrative={data.kpis.every(({ item }) => item.illustrative)}
          />
        </section>
      ))}
    </>
  );
}

/**
 * The SPC result beside the chart: the scorecard's two icons with their meaning in words, and the
 * average and process limits they rest on (the chart itself stays the trend chart: one chart fits
 * the page; each month's signal is the table's SPC row).
 */
function PackSpc({ kpi }: { kpi: BoardPackKpi }) {
  const { item, spc } = kpi;
  const group = spc?.groups.at(-1);
  return (
    <section className="pack-kpi__spc" aria-labelledby={`pack-spc-${item.code}`}>
      <h3 id={`pack-spc-${item.code}`}>Signal or noise (SPC)</h3>
      <SpcIcons icons={item.spc.icons} withheld={item.spc.withheld} compact />
      {group && <p className="pack-kpi__spc-facts">{spcLimitsWords(group, item.unit, item.precision)}</p>}
    </section>
  );
}

function KpiPage({ kpi, page, councilName }: { kpi: BoardPackKpi; page: number; councilName: string }) {
  const { item, series } = kpi;
  const lines = [...COMPARATOR_LINES];
  const model = buildChartModel(series, lines);
  const notes = footnotes(series, lines);
  const headingId = `pack-kpi-${item.code}`;
  const chartHeight = useChartHeightThatFits(`${item.code} ${notes.join(' ')}`);
  return (
    <section className="pack-page pack-kpi" aria-labelledby={headingId} data-page={page}>
      <header className="pack-kpi__header">
        <div>
          <p className="pack-kpi__caption">
            {item.code} · {THEME_LABELS[item.theme]}
          </p>
          <h2 className="pack-kpi__title" id={headingId}>
            {item.code} {item.shortTitle ?? item.title}
          </h2>
        </div>
        <p className="pack-kpi__tags">
          <StatusTag status={item.current.status} />
          {item.streak.persistentFailure && <PersistentFailureTag />}
          {!item.consequence.carriesConsequence && <NoConsequenceTag />}
          {item.illustrative && <IllustrativeTag />}
        </p>
      </header>
      <div className="pack-kpi__facts">
        <div className="pack-kpi__value">
          <p className="pack-kpi__label">Value against target</p>
          <p>
            <strong className="pack-kpi__figure">{item.current.displayValue}</strong> in{' '}
            {formatMonth(item.current.month)}
            {item.current.symbol && <span> ({symbolMeaning(item.current.symbol)})</span>}
          </p>
          <p>{item.thresholds ? `Target ${item.thresholds.target}` : 'No target in force this month'}</p>
        </div>
        <div>
          <p className="pack-kpi__label">Direction of travel</p>
          <DirectionOfTravelList item={item} />
        </div>
        <div>
          <p className="pack-kpi__label">Streak</p>
          <p>{item.streak.reason}</p>
        </div>
      </div>
      <div className="pack-kpi__body" ref={chartHeight.bodyRef}>
        <figure className="figure pack-figure" data-chart-figure={item.code} aria-labelledby={`${headingId}-chart`}>
          <figcaption className="visually-hidden" id={`${headingId}-chart`}>
            {item.code} by month, {formatMonth(series.from)} to {formatMonth(series.to)}
          </figcaption>
          {model.hasValues ? (
            <>
              <ChartKey series={series} model={model} shownLines={lines} councilName={councilName} />
              <TrendChart
                series={series}
                model={model}
                shownLines={lines}
                councilName={councilName}
                title={`${item.code}, monthly figures, ${formatMonth(series.from)} to ${formatMonth(series.to)}`}
                summary={item.reason}
                height={chartHeight.height}
              />
            </>
          ) : (
            <p className="pack-empty">There are no figures to draw for these months.</p>
          )}
          <div className="figure__source">
            <p>
              <strong>Source: </strong>
              {sourceSentences(series, lines, councilName).join(' ')}
            </p>
            {notes.length > 0 && (
              <ol className="figure__notes">
                {notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ol>
            )}
          </div>
        </figure>
        <div className="pack-kpi__side">
          <PackSpc kpi={kpi} />
          <PackCommentaryAside kpi={kpi} />
        </div>
      </div>
      <table className="pack-table">
        <caption className="visually-hidden">
          {item.code} by month, {formatMonth(series.from)} to {formatMonth(series.to)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            {series.points.map((point) => (
              <th scope="col" key={point.month} className="numeric">
                {formatMonth(point.month, 'short')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{headerWithUnit('Figure', item.unit)}</th>
            {series.points.map((point) => (
              <td key={point.month} className="numeric">
                {point.symbol ??
                  (point.value === null
                    ? '–'
                    : formatValue(point.value, item.unit, item.precision, null, { short: true }).replace('%', ''))}
              </td>
            ))}
          </tr>
          {kpi.spc && (
            <tr>
              <th scope="row">SPC</th>
              {series.points.map((point) => {
                const spcPoint = kpi.spc?.points.find((p) => p.month === point.month);
                return (
                  <td
                    key={point.month}
                    className={`numeric pack-table__spc${spcPoint && spcPoint.pointType !== 'common_cause' ? ' pack-table__spc--special' : ''}`}
                    title={spcPoint ? spcPoint.pointTypeLabel : undefined}
                  >
                    {spcPoint ? SPC_MONTH_WORDS[spcPoint.pointType] : '–'}
                  </td>
                );
              })}
            </tr>
          )}
          <tr>
            <th scope="row">Rating</th>
            {series.points.map((point) => (
              <td key={point.month} className={`numeric pack-table__rating pack-table__rating--${point.status}`}>
                {STATUS_WORDS[point.status]}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
    </section>
  );
}

/**
 * The chart's height on a KPI page: as drawn, unless the source and its notes under it would then
 * be cut off by the page's end (a long source, two notes), when the chart gives up the room they
 * need, down to MIN_CHART_HEIGHT. Measured before paint, and again once the fonts are in (the
 * page reports itself ready only after both).
 */
function useChartHeightThatFits(content: string) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const [height, setHeight] = useState(CHART_HEIGHT);
  const [fontsIn, setFontsIn] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void document.fonts?.ready.then(() => {
      if (!cancelled) setFontsIn(true);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: measured again when the text or the fonts change
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const overflow = body.scrollHeight - body.clientHeight;
    if (overflow > 0) setHeight((current) => Math.max(MIN_CHART_HEIGHT, current - overflow));
  }, [content, fontsIn, height]);

  return { bodyRef, height };
}

type PackImage = { code: string; dataUrl: string; width: number; height: number };

declare global {
  interface Window {
    /** Set on the board pack's print page for the server's Chromium: the charts as PNG, for the Word pack. */
    kpiBoardPack?: { chartImages: () => Promise<PackImage[]> };
  }
}

async function chartImages(data: BoardPackData): Promise<PackImage[]> {
  const images: PackImage[] = [];
  for (const kpi of data.kpis) {
    const figure = document.querySelector(`[data-chart-figure="${kpi.item.code}"]`);
    if (!figure?.querySelector('.recharts-surface')) continue;
    const image = buildChartSvg(figure, {
      ...chartImageHeading(kpi.series, data.organisation),
      marking: data.marking?.text ?? null,
      produced: producedWords(data.producedAt),
    });
    images.push({
      code: kpi.item.code,
      dataUrl: await svgToPngDataUrl(image, 2),
      width: image.width,
      height: image.height,
    });
  }
  return images;
}

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/**
 * The board pack as printed pages: a cover with the contents, then one A4 landscape page per KPI
 * with its rating, value against target, direction of travel, streak, chart (the screen's own
 * chart component), a table of the months and the commentary. The server's Chromium prints it to
 * PDF and takes the charts from it for the Word pack; anyone signed in can open it to preview.
 */
export function PrintBoardPackPage() {
  const [params] = useSearchParams();
  const month = params.get('month') ?? '';
  const kpis = params.get('kpis') ?? '';
  const valid = isValidMonth(month) && kpis !== '';
  const query = useQuery({ ...boardPackDataQueryOptions(month, kpis), enabled: valid });
  const [ready, setReady] = useState(false);
  useDocumentTitle(query.data?.title ?? 'Board pack', { hasErrors: query.isError });

  useEffect(() => {
    document.documentElement.classList.add('print-pack');
    return () => document.documentElement.classList.remove('print-pack');
  }, []);

  // Ready once the charts have been laid out at their printed width and the fonts are in.
  useEffect(() => {
    const data = query.data;
    if (!data) return;
    let cancelled = false;
    void (async () => {
      await document.fonts?.ready;
      await nextFrame();
      await nextFrame();
      if (cancelled) return;
      window.kpiBoardPack = { chartImages: () => chartImages(data) };
      setReady(true);
    })();
    return () => {
      cancelled = true;
      delete window.kpiBoardPack;
    };
  }, [query.data]);

  if (!valid || query.isError) {
    const detail = isApiError(query.error) ? (query.error.detail ?? query.error.title) : 'Choose a month and KPIs.';
    return (
      <div className="pack" data-print-state="error">
        <h1>The board pack could not be drawn</h1>
        <p>{detail}</p>
      </div>
    );
  }
  if (!query.data) {
    return (
      <p className="loading" role="status">
        Drawing the board pack…
      </p>
    );
  }
  const data = query.data;
  const contentsPages = contentsPageCount(data.kpis.length);
  const pages = data.kpis.map((_, i) => contentsPages + i + 1);
  return (
    <div className="pack" data-print-state={ready ? 'ready' : 'drawing'}>
      <Cover data={data} pages={pages} />
      {data.kpis.map((kpi, i) => (
        <KpiPage key={kpi.item.code} kpi={kpi} page={pages[i]!} councilName={data.organisation} />
      ))}
      <PackCommentaryAppendix data={data} />
    </div>
  );
}

export default PrintBoardPackPage;
