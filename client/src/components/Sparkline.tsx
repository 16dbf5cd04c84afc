import type { MonthlyPoint } from '@kpi/shared';
import { StatusIcon } from './StatusTag';

const PAD = 5;

/**
 * A small trend line of monthly figures, oldest first. Hidden from assistive technology: the page
 * gives the same figures as text. Gaps (no figure) break the line rather than joining across them.
 */
export function Sparkline({
  points,
  width: WIDTH = 130,
  height: HEIGHT = 36,
}: {
  points: readonly MonthlyPoint[];
  width?: number;
  height?: number;
}) {
  const values = points.map((p) => (p.symbol ? null : p.value));
  const numbers = values.filter((v): v is number => v !== null);
  if (numbers.length === 0) return null;
  const min = Math.min(...numbers);
  const max = Math.max(...numbers);
  const span = max - min || 1;
  const step = points.length > 1 ? (WIDTH - 2 * PAD) / (points.length - 1) : 0;
  const x = (i: number) => PAD + i * step;
  const y = (v: number) => HEIGHT - PAD - ((v - min) / span) * (HEIGHT - 2 * PAD);

  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));

  const lastIndex = values.findLastIndex((v) => v !== null);
  const last = points[lastIndex];
  const lastValue = values[lastIndex];

  return (
    <svg
      className="sparkline"
      viewBox={`0 0 ${WIDTH + 16} ${HEIGHT}`}
      width={WIDTH + 16}
      height={HEIGHT}
      aria-hidden="true"
      focusable="false"
    >
      {segments.map((segment) =>
        segment.includes(' ') ? (
          <polyline key={segment} points={segment} fill="none" stroke="#12436d" strokeWidth="2" />
        ) : (
          <circle key={segment} cx={segment.split(',')[0]} cy={segment.split(',')[1]} r="2" fill="#12436d" />
        ),
      )}
      {last && lastValue !== null && lastValue !== undefined && (
        <g transform={`translate(${x(lastIndex) + 2} ${y(lastValue) - 8})`} className={`status-colour--${last.status}`}>
          <StatusIcon status={last.status} className="sparkline__icon" />
        </g>
      )}
    </svg>
  );
}
