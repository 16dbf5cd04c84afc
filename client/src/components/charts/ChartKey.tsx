import { COMPARATOR_LINES, type ComparatorLine, type SeriesResponse } from '@kpi/shared';
import type { ReactNode } from 'react';
import { STATUS_MEANINGS, STATUS_WORDS } from '../kpiLabels';
import type { ChartModel } from './chartModel';
import { AreaSwatch, BAND_FILLS, COUNCIL_STYLE, LINE_STYLES, LineSwatch, MeetingSwatch } from './chartStyles';

const MARKER_WORDS = { circle: 'circles', square: 'squares', triangle: 'triangles', diamond: 'diamonds' } as const;
const DASH_WORDS: Record<ComparatorLine, string> = {
  council_official: 'short-dashed line',
  statistical_neighbours: 'dashed line',
  region: 'dotted line',
  england: 'dash-dot line',
};

function KeyItem({ swatch, label, detail }: { swatch: ReactNode; label: string; detail?: string }) {
  return (
    <li>
      {swatch}
      <span>
        {label}
        {detail && <span className="secondary-text"> ({detail})</span>}
      </span>
    </li>
  );
}

/**
 * The key, above the chart: each line's colour, dash and marker, the bands and the marked periods.
 * Comparators chosen but without any figure for this KPI are named as such rather than drawn.
 */
export function ChartKey({
  series,
  model,
  shownLines,
  councilName,
}: {
  series: SeriesResponse;
  model: ChartModel;
  shownLines: readonly ComparatorLine[];
  councilName: string;
}) {
  const shown = COMPARATOR_LINES.flatMap((line) => {
    const entry = series.comparators.find((c) => c.line === line);
    return shownLines.includes(line) && entry ? [entry] : [];
  });
  const drawn = shown.filter((entry) => entry.points.length > 0);
  const empty = shown.filter((entry) => entry.points.length === 0);
  const kinds = new Set(model.periods.map((period) => period.kind));
  const bandStatuses = (['green', 'amber', 'red'] as const).filter((status) =>
    model.bands.some((band) => band.status === status),
  );
  return (
    <div className="chart-key">
      <h3 className="chart-key__title">Key</h3>
      <ul className="chart-key__list">
        <KeyItem swatch={<LineSwatch style={COUNCIL_STYLE} />} label={councilName} detail="solid line, circles" />
        {drawn.map((entry) => (
          <KeyItem
            key={entry.line}
            swatch={<LineSwatch style={LINE_STYLES[entry.line]} />}
            label={entry.label}
            detail={`${DASH_WORDS[entry.line]}, ${MARKER_WORDS[LINE_STYLES[entry.line].marker]}`}
          />
        ))}
      </ul>
      {empty.length > 0 && (
        <p className="chart-key__note">
          No {drawn.length > 0 ? 'figures' : 'comparator figures'} for {series.indicator.code} from:{' '}
          {empty.map((entry) => entry.label).join(', ')}.
        </p>
      )}
      <ul className="chart-key__list">
        {bandStatuses.map((status) => (
          <KeyItem
            key={status}
            swatch={<AreaSwatch fill={BAND_FILLS[status]} />}
            label={`${STATUS_WORDS[status]} band`}
            detail={STATUS_MEANINGS[status]}
          />
        ))}
        {kinds.has('relief_event') && (
          <KeyItem swatch={<AreaSwatch fill="#ffffff" hatched dashed />} label="Relief event" detail="no consequence" />
        )}
        {kinds.has('grace_period') && (
          <KeyItem swatch={<AreaSwatch fill="#ffffff" hatched dashed />} label="Grace period" detail="no consequence" />
        )}
        {model.meetings.length > 0 && <KeyItem swatch={<MeetingSwatch />} label="Board meeting" />}
      </ul>
    </div>
  );
}
