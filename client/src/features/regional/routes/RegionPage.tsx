import {
  fileNameSlug,
  formatMonth,
  NAME_SLUG_LENGTH,
  REGIONAL_UNPUBLISHED_MARKING,
  regionalMeasure,
} from '@kpi/shared';
import { useRef } from 'react';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { IllustrativeBanner } from '../../../components/IllustrativeBanner';
import { LoadingState } from '../../../components/LoadingState';
import { SelectField } from '../../../components/SelectField';
import { useUrlState } from '../../../components/useUrlState';
import { useDocumentTitle } from '../../../lib/useDocumentTitle';
import { DataDownloads } from '../../exports';
import {
  regionalExportPaths,
  regionalKpiRugExportPaths,
  regionalKpisExportPaths,
  useRegionalExceptions,
  useRegionalKpiExceptions,
  useRegionalKpiRug,
  useRegionalKpis,
  useRegionalTable,
  useRegionalTrend,
} from '../api/regionalApi';
import { TableImageDownloads } from '../components/ChartImageDownloads';
import { CouncilKpiExceptions, CouncilKpiRug } from '../components/CouncilKpiRug';
import { CouncilKpiTable, CouncilKpiTrend } from '../components/CouncilKpis';
import { ExceptionsList } from '../components/ExceptionsList';
import { RegionalTrend } from '../components/RegionalTrend';
import { RugLegend, TartanRug } from '../components/TartanRug';
import '../regional.css';

const THRESHOLDS = [10, 20, 30, 50] as const;
const DEFAULT_MEASURE = 're_referral_pct';

/**
 * `/region`: DfE's published figures for the region's councils. The region, sort order, measure
 * and threshold live in the address, so a shared link opens the same view. No illustrative data
 * is shown here: every figure is DfE's, named with its release.
 */
export default function RegionPage() {
  const [params, update] = useUrlState();
  const table = useRegionalTable(params.get('region') ?? undefined);
  const region = table.data?.region.code;
  const measures = table.data?.measures ?? [];
  const wantedMeasure = params.get('measure');
  const measure =
    measures.find((m) => m.code === wantedMeasure)?.code ??
    measures.find((m) => m.code === DEFAULT_MEASURE)?.code ??
    measures[0]?.code;
  const threshold = Number(params.get('threshold')) || 20;
  const trend = useRegionalTrend(region, measure);
  const exceptions = useRegionalExceptions(region, threshold);
  const sort = params.get('sort') ?? 'name';
  const kpiCode = params.get('kpi') ?? 'PI4';
  const group = params.get('group') ?? undefined;
  const kpis = useRegionalKpis({ group, code: kpiCode });
  const kpiThreshold = Number(params.get('kpiThreshold')) || 20;
  const kpiRug = useRegionalKpiRug(group);
  const kpiExceptions = useRegionalKpiExceptions(group, kpiThreshold);
  useDocumentTitle(table.data ? `Region: ${table.data.region.name}` : 'Region');
  const rugRef = useRef<HTMLDivElement>(null);
  const kpiRugRef = useRef<HTMLDivElement>(null);

  if (table.isPending) return <LoadingState>Loading the region’s figures…</LoadingState>;
  if (table.isError) {
    return (
      <>
        <h1>Region</h1>
        <ErrorState error={table.error} onRetry={() => void table.refetch()} />
      </>
    );
  }
  const data = table.data;
  return (
    <>
      <h1>{data.region.name}: councils compared</h1>
      <p className="lead">
        DfE’s published children’s social care figures for every council in the region, side by side. Councils served by
        this dashboard are marked; their own contract KPIs are compared further down.
      </p>
      <div className="regional-controls">
        <SelectField
          id="region"
          label="Region"
          value={data.region.code}
          onChange={(value) => update({ region: value })}
          options={data.regions.map((r) => ({ value: r.code, label: r.name }))}
        />
        <SelectField
          id="sort"
          label="Sort the table by"
          value={sort}
          onChange={(value) => update({ sort: value === 'name' ? null : value }, { replace: true })}
          options={[
            { value: 'name', label: 'Council name (A to Z)' },
            ...measures.map((m) => ({ value: m.code, label: `${m.label} (highest first)` })),
          ]}
        />
      </div>

      <section className="section" aria-labelledby="rug-heading">
        <h2 id="rug-heading">Every council, every measure</h2>
        {measures.length === 0 ? (
          <EmptyState title="No DfE figures for this region">
            <p>Import DfE’s releases under Benchmark data to fill this table.</p>
          </EmptyState>
        ) : (
          <>
            {/* The key goes into the table's image with it. */}
            <div ref={rugRef}>
              <RugLegend />
              <TartanRug table={data} sort={sort} />
            </div>
            <p className="secondary-text regional-source">Source: {data.sources.join('; ')}.</p>
            <DataDownloads what={`the ${data.region.name} table`} paths={regionalExportPaths.table(data.region.code)} />
            <TableImageDownloads
              figureRef={rugRef}
              title={`${data.region.name}: every council, every measure`}
              subtitle="DfE’s published children’s social care figures"
              marking={null}
              illustrative={false}
              source={`Source: ${data.sources.join('; ')}.`}
              fileStem={`region-${fileNameSlug(data.region.name, NAME_SLUG_LENGTH)}-measures`}
              what={`the ${data.region.name} table`}
            />
          </>
        )}
      </section>

      {measure && (
        <section className="section" aria-labelledby="trend-heading">
          <h2 id="trend-heading">One measure over time</h2>
          <SelectField
            id="measure"
            label="Measure"
            value={measure}
            onChange={(value) => update({ measure: value })}
            options={measures.map((m) => ({ value: m.code, label: m.label }))}
            hint={
              regionalMeasure(measure)?.polarity === 'none'
                ? 'Neither higher nor lower is better for this measure.'
                : undefined
            }
          />
          {trend.isPending ? (
            <LoadingState>Loading the chart…</LoadingState>
          ) : trend.isError ? (
            <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />
          ) : (
            <RegionalTrend trend={trend.data} />
          )}
        </section>
      )}

      <section className="section" aria-labelledby="kpi-rug-heading">
        <h2 id="kpi-rug-heading">Councils’ own contract KPIs, all together</h2>
        <p>
          Every contract KPI (in a council’s KPI sets; indicators only monitored are left out) of the councils served
          here that you may read, each rated against that council’s own bands and compared with the group average
          (within 5% is similar; not compared while only one council has a figure). A month a council has not published
          yet says “Not yet published” unless it allows you to see it, and is left out of the average.
        </p>
        {kpiRug.isPending ? (
          <LoadingState>Loading the councils’ KPIs…</LoadingState>
        ) : kpiRug.isError ? (
          <ErrorState error={kpiRug.error} onRetry={() => void kpiRug.refetch()} />
        ) : kpiRug.data.rows.length === 0 ? (
          <EmptyState title="No councils to compare">
            <p>You may read no council served here in this group.</p>
          </EmptyState>
        ) : (
          <>
            {kpiRug.data.illustrative && <IllustrativeBanner />}
            <div ref={kpiRugRef}>
              <CouncilKpiRug rug={kpiRug.data} />
            </div>
            <p className="secondary-text regional-source">Source: each council’s monthly contract return.</p>
            <DataDownloads what="the councils’ KPIs" paths={regionalKpiRugExportPaths.rug(group)} />
            <TableImageDownloads
              figureRef={kpiRugRef}
              title={`Councils’ own contract KPIs: ${kpiRug.data.group.name}`}
              subtitle={kpiRug.data.month ? formatMonth(kpiRug.data.month) : 'Each KPI’s latest month with figures'}
              marking={kpiRug.data.includesUnpublished ? REGIONAL_UNPUBLISHED_MARKING : null}
              illustrative={kpiRug.data.illustrative}
              source="Source: each council’s monthly contract return."
              fileStem={`region-kpi-rug-${fileNameSlug(kpiRug.data.group.name, NAME_SLUG_LENGTH)}`}
              what="the contract KPIs table"
            />
          </>
        )}
        <h3>Figures far from the group average</h3>
        <SelectField
          id="kpi-threshold"
          label="More than this far from the group average"
          value={String(kpiThreshold)}
          onChange={(value) => update({ kpiThreshold: value === '20' ? null : value }, { replace: true })}
          options={THRESHOLDS.map((t) => ({ value: String(t), label: `${t}%` }))}
        />
        {kpiExceptions.isPending ? (
          <LoadingState>Loading the exceptions…</LoadingState>
        ) : kpiExceptions.isError ? (
          <ErrorState error={kpiExceptions.error} onRetry={() => void kpiExceptions.refetch()} />
        ) : (
          <>
            <CouncilKpiExceptions found={kpiExceptions.data} />
            <DataDownloads
              what="the councils’ KPI exceptions"
              paths={regionalKpiRugExportPaths.exceptions(group, kpiThreshold)}
            />
          </>
        )}
      </section>

      <section className="section" aria-labelledby="kpis-heading">
        <h2 id="kpis-heading">Councils’ own contract KPIs</h2>
        <p>
          The councils served here that you may read, each rated against its own contract bands. A month a council has
          not published yet is shown only to people it allows to see it.
        </p>
        <form
          className="regional-controls"
          onSubmit={(event) => {
            event.preventDefault();
            const value = new FormData(event.currentTarget).get('kpi');
            update({ kpi: typeof value === 'string' && value.trim() ? value.trim().toUpperCase() : null });
          }}
        >
          <p>
            <label htmlFor="kpi">KPI code</label>{' '}
            <input id="kpi" name="kpi" defaultValue={kpiCode} key={kpiCode} size={8} autoComplete="off" />{' '}
            <button type="submit" className="button button--secondary">
              Compare
            </button>
          </p>
        </form>
        {kpis.isPending ? (
          <LoadingState>Loading the councils’ KPIs…</LoadingState>
        ) : kpis.isError ? (
          <ErrorState error={kpis.error} onRetry={() => void kpis.refetch()} />
        ) : kpis.data.councils.length === 0 ? (
          <EmptyState title="No councils to compare">
            <p>You may read no council served here in this group.</p>
          </EmptyState>
        ) : (
          <>
            <CouncilKpiTable answer={kpis.data} />
            <h3>{kpis.data.code} over the last year</h3>
            <CouncilKpiTrend answer={kpis.data} />
            <DataDownloads
              what={`${kpis.data.code} by council`}
              paths={regionalKpisExportPaths({
                group,
                code: kpis.data.code,
                month: kpis.data.month,
              })}
            />
          </>
        )}
      </section>

      <section className="section" aria-labelledby="exceptions-heading">
        <h2 id="exceptions-heading">Councils far from the regional figure</h2>
        <SelectField
          id="threshold"
          label="More than this far from the regional figure"
          value={String(threshold)}
          onChange={(value) => update({ threshold: value === '20' ? null : value }, { replace: true })}
          options={THRESHOLDS.map((t) => ({ value: String(t), label: `${t}%` }))}
        />
        {exceptions.isPending ? (
          <LoadingState>Loading the exceptions…</LoadingState>
        ) : exceptions.isError ? (
          <ErrorState error={exceptions.error} onRetry={() => void exceptions.refetch()} />
        ) : (
          <>
            <ExceptionsList found={exceptions.data} />
            <DataDownloads
              what={`the ${data.region.name} exceptions`}
              paths={regionalExportPaths.exceptions(data.region.code, threshold)}
            />
          </>
        )}
      </section>
    </>
  );
}
