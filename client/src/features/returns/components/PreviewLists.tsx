import type { ReturnPreview } from '@kpi/shared';
import { useMemo, useState } from 'react';
import { PagedList } from '../../../components/PagedList';
import { byEffect, figuresByKpi, isLargePreview, previewForKpi } from '../figuresByKpi';
import { KpiFilter } from './KpiFilter';
import { KpiSummaryTable } from './KpiSummaryTable';
import { ChangedTable, FigureTable } from './PreviewTables';
import { RatingChangeTable } from './RatingChangeTable';
import { Section } from './Section';

/** "for PI5" when the lists show one KPI's figures. */
function forKpi(kpiCode: string | null): string {
  return kpiCode ? ` for ${kpiCode}` : '';
}

/**
 * The figures the file would change, add and leave as they are. A large file (a backfill) is
 * summarised by KPI first, its lists can be narrowed to one KPI, and each list is paged; a
 * normal monthly return shows every figure, as it always has.
 */
export function PreviewLists({ preview }: { preview: ReturnPreview }) {
  const [kpiCode, setKpiCode] = useState<string | null>(null);
  const large = isLargePreview(preview);
  const kpis = useMemo(() => (large ? figuresByKpi(preview) : []), [large, preview]);
  const shown = useMemo(() => previewForKpi(preview, kpiCode), [preview, kpiCode]);
  const [valueChanges, confirmed] = useMemo(() => byEffect(preview.changedValues), [preview]);
  const [shownValueChanges, shownConfirmed] = useMemo(() => byEffect(shown.changedValues), [shown]);
  const key = kpiCode ?? '';
  const none = (what: string) => (
    <p>
      There are no {what} for {kpiCode}.
    </p>
  );

  return (
    <>
      {large && (
        <Section id="kpis-heading" title={`Figures by KPI (${kpis.length})`}>
          <p>Check that each KPI has the months you expect before you look at the figures.</p>
          <KpiSummaryTable
            kpis={kpis}
            caption="Figures in the file by KPI: new, changed and unchanged, first and last month"
          />
          <KpiFilter kpis={kpis} value={kpiCode} onChange={setKpiCode} />
        </Section>
      )}
      {preview.ratingChanges.length > 0 && (
        <Section
          id="ratings-heading"
          title={`Ratings that would change${forKpi(kpiCode)} (${shown.ratingChanges.length})`}
        >
          <p>These figures would move to another rating on the scorecard, with the bands in force for their month.</p>
          {shown.ratingChanges.length === 0 ? (
            none('rating changes')
          ) : (
            <PagedList
              key={key}
              items={shown.ratingChanges}
              noun="rating changes"
              render={(items) => (
                <RatingChangeTable
                  items={items}
                  caption="Ratings that would change: the rating now and with the file"
                />
              )}
            />
          )}
        </Section>
      )}
      {valueChanges.length > 0 && (
        <Section id="changed-heading" title={`Changed figures${forKpi(kpiCode)} (${shownValueChanges.length})`}>
          <p>Loading the file replaces the figure the dashboard holds now with a different one in the file.</p>
          {shownValueChanges.length === 0 ? (
            none('changed figures')
          ) : (
            <PagedList
              key={key}
              items={shownValueChanges}
              noun="changed figures"
              render={(items) => (
                <ChangedTable items={items} caption="Changed figures: the figure now and the figure in the file" />
              )}
            />
          )}
        </Section>
      )}
      {preview.newValues.length > 0 && (
        <Section id="new-heading" title={`New figures${forKpi(kpiCode)} (${shown.newValues.length})`}>
          {shown.newValues.length === 0 ? (
            none('new figures')
          ) : (
            <PagedList
              key={key}
              items={shown.newValues}
              noun="new figures"
              render={(items) => <FigureTable items={items} caption="New figures" />}
            />
          )}
        </Section>
      )}
      {confirmed.length > 0 && (
        <Section id="confirmed-heading" title={`Figures confirmed${forKpi(kpiCode)} (${shownConfirmed.length})`}>
          <p>
            The same figure, now from a return: loading replaces an illustrative or earlier figure with the same value,
            so the scorecard shows the same number and rating.
          </p>
          {shownConfirmed.length === 0 ? (
            none('confirmed figures')
          ) : (
            <PagedList
              key={key}
              items={shownConfirmed}
              noun="figures confirmed"
              render={(items) => (
                <ChangedTable
                  items={items}
                  caption="Figures confirmed: the figure now and the same figure in the file"
                />
              )}
            />
          )}
        </Section>
      )}
      {preview.unchangedValues.length > 0 && (
        <details className="details section">
          <summary className="details__summary">
            Figures that would not change{forKpi(kpiCode)} ({shown.unchangedValues.length})
          </summary>
          <div className="details__text">
            {shown.unchangedValues.length === 0 ? (
              none('unchanged figures')
            ) : (
              <PagedList
                key={key}
                items={shown.unchangedValues}
                noun="figures that would not change"
                render={(items) => <FigureTable items={items} caption="Figures that would not change" />}
              />
            )}
          </div>
        </details>
      )}
    </>
  );
}
