import type { ComparatorLine } from '@kpi/shared';
import type { BandStatus, PeriodArea } from './chartModel';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond';

export type SeriesStyle = { colour: string; dash: string | undefined; marker: MarkerShape; width: number };

/**
 * The council's line is solid and heaviest; each comparator has its own colour, dash pattern and
 * marker, so the lines can be told apart without colour. Colours are the Analysis Function
 * palette, the teal and orange darkened (#28A197 → #1F8A80, #F46A25 → #C65213) so every line keeps
 * at least 3:1 contrast over the lightest band fill as well as over white.
 */
export const COUNCIL_STYLE: SeriesStyle = { colour: '#12436d', dash: undefined, marker: 'circle', width: 3 };

export const LINE_STYLES: Record<ComparatorLine, SeriesStyle> = {
  // The council's own DfE figure: the council's colour, short dashes, one point a year.
  council_official: { colour: '#12436d', dash: '3 3', marker: 'circle', width: 1.5 },
  statistical_neighbours: { colour: '#1f8a80', dash: '8 4', marker: 'square', width: 2 },
  region: { colour: '#801650', dash: '2 3', marker: 'triangle', width: 2.5 },
  england: { colour: '#c65213', dash: '12 4 2 4', marker: 'diamond', width: 2 },
};

/** Light fills, so the lines keep their contrast; the key and the text name each band. */
export const BAND_FILLS: Record<BandStatus, string> = {
  green: '#dcefe5',
  amber: '#fde6cc',
  red: '#f9dcd7',
};

export const PERIOD_STROKE = '#505a5f';
/** The horizontal grid lines behind a chart, faint so the bands and lines lead. */
export const GRID_LINE = { stroke: '#6f777b', strokeOpacity: 0.35 } as const;
/** The word drawn at the top left of a shaded relief or grace period. */
export const PERIOD_LABELS: Record<PeriodArea['kind'], string> = { relief_event: 'Relief', grace_period: 'Grace' };

/** The hatching of a relief or grace period, for a chart's `<defs>`. */
export function HatchPattern({ id }: { id: string }) {
  return (
    <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="8" height="8" fill="#ffffff" fillOpacity="0.35" />
      <line x1="0" y1="0" x2="0" y2="8" stroke={PERIOD_STROKE} strokeWidth="1.5" strokeOpacity="0.45" />
    </pattern>
  );
}
export const MEETING_STROKE = '#0b0c0c';
export const HATCH_ID = 'kpi-chart-hatch';

/** A data-point marker centred on (cx, cy). */
export function Marker({
  shape,
  cx,
  cy,
  colour,
  size = 5,
}: {
  shape: MarkerShape;
  cx: number;
  cy: number;
  colour: string;
  size?: number;
}) {
  const common = { fill: colour, stroke: '#fff', strokeWidth: 1 };
  switch (shape) {
    case 'circle':
      return <circle cx={cx} cy={cy} r={size * 0.9} {...common} />;
    case 'square':
      return <rect x={cx - size * 0.8} y={cy - size * 0.8} width={size * 1.6} height={size * 1.6} {...common} />;
    case 'triangle':
      return (
        <path
          d={`M${cx},${cy - size * 1.1} L${cx + size},${cy + size * 0.8} L${cx - size},${cy + size * 0.8} Z`}
          {...common}
        />
      );
    case 'diamond':
      return (
        <path
          d={`M${cx},${cy - size * 1.2} L${cx + size},${cy} L${cx},${cy + size * 1.2} L${cx - size},${cy} Z`}
          {...common}
        />
      );
  }
}

/** A short sample of a line with its marker, for the key. */
export function LineSwatch({ style }: { style: SeriesStyle }) {
  return (
    <svg className="chart-key__swatch" width="44" height="16" viewBox="0 0 44 16" aria-hidden="true" focusable="false">
      <line x1="1" y1="8" x2="43" y2="8" stroke={style.colour} strokeWidth={style.width} strokeDasharray={style.dash} />
      <Marker shape={style.marker} cx={22} cy={8} colour={style.colour} />
    </svg>
  );
}

export function AreaSwatch({ fill, hatched, dashed }: { fill: string; hatched?: boolean; dashed?: boolean }) {
  return (
    <svg className="chart-key__swatch" width="28" height="16" viewBox="0 0 28 16" aria-hidden="true" focusable="false">
      <rect
        x="1"
        y="1"
        width="26"
        height="14"
        fill={fill}
        stroke={dashed ? PERIOD_STROKE : '#b1b4b6'}
        strokeDasharray={dashed ? '3 2' : undefined}
      />
      {hatched && <path d="M1,13 L13,1 M9,15 L23,1 M19,15 L27,7" stroke={PERIOD_STROKE} strokeWidth="1" />}
    </svg>
  );
}

export function MeetingSwatch() {
  return (
    <svg className="chart-key__swatch" width="16" height="20" viewBox="0 0 16 20" aria-hidden="true" focusable="false">
      <line x1="8" y1="1" x2="8" y2="19" stroke={MEETING_STROKE} strokeWidth="2" strokeDasharray="3 2" />
    </svg>
  );
}
