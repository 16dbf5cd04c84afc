import type { ChartModel } from './chartModel';

/**
 * Where the trend chart puts things, as recharts lays out a LineChart with these settings: the
 * browser's recharts chart (TrendChart.tsx) and the plain-SVG first view drawn with the page on
 * the server (StaticTrendChart.tsx) share them, so the second lies where the first will be drawn.
 */
export const CHART_HEIGHT = 380;
export const CHART_MARGIN = { top: 28, right: 12, bottom: 8, left: 4 } as const;
export const Y_AXIS_WIDTH = 64;
/** recharts' default height of a bottom x axis. */
export const X_AXIS_HEIGHT = 30;
/** recharts' defaults: tick marks 6 px long, labels 2 px beyond them. */
export const TICK_SIZE = 6;
export const TICK_MARGIN = 2;
export const AXIS_FONT_SIZE = 14;
/** The x axis leaves at least this many pixels between month labels (recharts' `minTickGap`). */
export const MIN_TICK_GAP = 10;
/**
 * The width the server draws the chart at: the figure's width in the page's widest layout (a
 * 1280-pixel window and wider). Narrower screens scale it down until recharts redraws it.
 */
export const SERVER_CHART_WIDTH = 960;

export type PlotArea = { left: number; right: number; top: number; bottom: number };

export function plotArea(width: number, height: number): PlotArea {
  return {
    left: CHART_MARGIN.left + Y_AXIS_WIDTH,
    right: width - CHART_MARGIN.right,
    top: CHART_MARGIN.top,
    bottom: height - CHART_MARGIN.bottom - X_AXIS_HEIGHT,
  };
}

/** The month at position x (0, 1, 2…) on the x axis, whose domain runs half a step past each end. */
export function xScale(area: PlotArea, months: number): (x: number) => number {
  const span = Math.max(1, months);
  return (x) => area.left + ((x + 0.5) / span) * (area.right - area.left);
}

export function yScale(area: PlotArea, [lo, hi]: readonly [number, number]): (y: number) => number {
  const span = hi - lo || 1;
  return (y) => area.bottom - ((y - lo) / span) * (area.bottom - area.top);
}

// Advance widths in ems, on the wide side of the faces `system-ui` resolves to (Segoe UI, San
// Francisco, Roboto, DejaVu Sans): enough to keep labels apart without measuring them in a DOM.
const DIGIT_EM = 0.64;
const SPACE_EM = 0.32;
const UPPER_EM = 0.72;
const LOWER_EM = 0.6;

/** The width of a label in pixels, estimated from its characters. */
export function textWidth(text: string, fontSize = AXIS_FONT_SIZE): number {
  let ems = 0;
  for (const char of text) {
    if (/\d/.test(char)) ems += DIGIT_EM;
    else if (char === ' ' || char === '.' || char === ',') ems += SPACE_EM;
    else if (char >= 'A' && char <= 'Z') ems += UPPER_EM;
    else ems += LOWER_EM;
  }
  return ems * fontSize;
}

/**
 * Which month labels fit along the axis, as recharts' `interval="preserveStartEnd"` chooses them:
 * the last (moved inside the axis if it would overhang its end) and the first always, then each in
 * turn that starts at least `MIN_TICK_GAP` after the one before and ends that far before the last.
 * Returns the indexes of the labels to draw and where each is centred.
 */
export function visibleXTicks(
  labels: readonly string[],
  position: (index: number) => number,
  area: PlotArea,
): { index: number; at: number }[] {
  const count = labels.length;
  if (count === 0) return [];
  const half = (index: number) => textWidth(labels[index]!) / 2;
  const lastIndex = count - 1;
  const lastAt = Math.min(position(lastIndex), area.right - half(lastIndex));
  const end = lastAt - half(lastIndex) - MIN_TICK_GAP;
  const shown: { index: number; at: number }[] = [];
  let start = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < lastIndex; index++) {
    const at = position(index);
    if (at - half(index) >= start && at + half(index) <= end) {
      shown.push({ index, at });
      start = at + half(index) + MIN_TICK_GAP;
    }
  }
  shown.push({ index: lastIndex, at: lastAt });
  return shown;
}

/** The points of a line through `values`, broken at nulls unless `connectNulls`. */
export function linePath(
  values: readonly (number | null)[],
  x: (index: number) => number,
  y: (value: number) => number,
  connectNulls: boolean,
): string {
  let path = '';
  let pen = false;
  values.forEach((value, index) => {
    if (value === null) {
      if (!connectNulls) pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${round(x(index))},${round(y(value))}`;
    pen = true;
  });
  return path;
}

const round = (n: number) => Math.round(n * 100) / 100;

export type ChartGeometry = {
  width: number;
  height: number;
  area: PlotArea;
  x: (index: number) => number;
  y: (value: number) => number;
};

export function chartGeometry(model: ChartModel, width: number, height = CHART_HEIGHT): ChartGeometry {
  const area = plotArea(width, height);
  return { width, height, area, x: xScale(area, model.rows.length), y: yScale(area, model.yDomain) };
}
