import type { KpiFigures } from '../figuresByKpi';
import { plural } from '../words';
import '../returns.css';

export const KPI_FILTER_ID = 'show-kpi';

/**
 * "Show figures for": every KPI in the file with its number of figures. Choosing one narrows
 * the lists below to that KPI's months; the line under it (a live region) says what is shown,
 * so a screen reader hears the result without leaving the select.
 */
export function KpiFilter({
  kpis,
  value,
  onChange,
}: {
  kpis: readonly KpiFigures[];
  value: string | null;
  onChange: (kpiCode: string | null) => void;
}) {
  const total = kpis.reduce((sum, kpi) => sum + kpi.figures, 0);
  const chosen = kpis.find((kpi) => kpi.code === value);
  return (
    <div className="form-group kpi-filter">
      <label className="label" htmlFor={KPI_FILTER_ID}>
        Show figures for
      </label>
      <select
        className="select"
        id={KPI_FILTER_ID}
        value={chosen?.code ?? ''}
        onChange={(event) => onChange(event.target.value || null)}
      >
        <option value="">All KPIs ({plural(total, 'figure')})</option>
        {kpis.map((kpi) => (
          <option key={kpi.code} value={kpi.code}>
            {kpi.code} {kpi.title} ({plural(kpi.figures, 'figure')})
          </option>
        ))}
      </select>
      <p className="kpi-filter__status" role="status">
        {chosen
          ? `Showing the ${plural(chosen.figures, 'figure')} for ${chosen.code}: ${chosen.new.toLocaleString('en-GB')} new, ${chosen.changed.toLocaleString('en-GB')} changed, ${chosen.unchanged.toLocaleString('en-GB')} unchanged.`
          : `Showing all ${plural(total, 'figure')} in the file.`}
      </p>
    </div>
  );
}
