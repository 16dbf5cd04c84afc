import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHART_HEIGHT,
  linePath,
  MIN_TICK_GAP,
  plotArea,
  textWidth,
  visibleXTicks,
  xScale,
  yScale,
} from './chartGeometry';

describe('the trend chart geometry shared by recharts and the server-drawn chart', () => {
  const area = plotArea(960, CHART_HEIGHT);

  it('lays out the plot as recharts does with these margins and axes', () => {
    // left margin 4 + y axis 64; right margin 12; top margin 28; bottom margin 8 + x axis 30
    expect(area).toEqual({ left: 68, right: 948, top: 28, bottom: 342 });
  });

  it.each([
    // months shown, position, pixel: the axis runs half a month past the first and last
    [1, 0, 508],
    [2, 0, 288],
    [2, 1, 728],
    [36, 0, 68 + 880 / 72],
    [36, 35, 948 - 880 / 72],
    [12, -0.5, 68],
    [12, 11.5, 948],
  ])('%i months: month %d is drawn at x = %d', (months, position, pixel) => {
    expect(xScale(area, months)(position)).toBeCloseTo(pixel, 6);
  });

  it.each([
    [[0, 100], 0, 342],
    [[0, 100], 100, 28],
    [[0, 100], 50, 185],
    [[20, 60], 40, 185],
    // a flat range does not divide by zero
    [[5, 5], 5, 342],
  ] as const)('y range %j: %d is drawn at y = %d', (domain, value, pixel) => {
    expect(yScale(area, domain)(value)).toBeCloseTo(pixel, 6);
  });

  it('breaks the council line at a month without a figure, and joins a comparator across it', () => {
    const x = (i: number) => i * 10;
    const y = (v: number) => v;
    expect(linePath([1, 2, null, 4], x, y, false)).toBe('M0,1L10,2M30,4');
    expect(linePath([1, 2, null, 4], x, y, true)).toBe('M0,1L10,2L30,4');
    expect(linePath([null, null], x, y, false)).toBe('');
  });

  it('keeps the last month label and the first where it fits, and never lets two labels touch or leave the axis end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 200, max: 1400 }), (months, width) => {
        const plot = plotArea(width, CHART_HEIGHT);
        const labels = Array.from({ length: months }, (_, i) => `${['Jan', 'May', 'Sep'][i % 3]} ${2020 + (i % 7)}`);
        const ticks = visibleXTicks(labels, xScale(plot, months), plot);
        // the first goes only when it would touch the last
        if (ticks[0]?.index !== 0) expect(ticks).toHaveLength(1);
        expect(ticks.at(-1)?.index).toBe(months - 1);
        const last = ticks.at(-1)!;
        expect(last.at + textWidth(labels[last.index]!) / 2).toBeLessThanOrEqual(plot.right + 1e-9);
        for (let i = 1; i < ticks.length; i++) {
          const before = ticks[i - 1]!;
          const tick = ticks[i]!;
          const gap = tick.at - textWidth(labels[tick.index]!) / 2 - (before.at + textWidth(labels[before.index]!) / 2);
          expect(gap).toBeGreaterThanOrEqual(MIN_TICK_GAP - 1e-9);
        }
        // indexes in order, none twice
        expect(ticks.map((t) => t.index)).toEqual([...new Set(ticks.map((t) => t.index))].sort((a, b) => a - b));
      }),
    );
  });

  it('shows every month when there is room, and thins them when there is not', () => {
    const labels = Array.from({ length: 36 }, () => 'Aug 2022');
    expect(visibleXTicks(labels.slice(0, 6), xScale(area, 6), area)).toHaveLength(6);
    const thinned = visibleXTicks(labels, xScale(area, 36), area);
    expect(thinned.length).toBeGreaterThan(5);
    expect(thinned.length).toBeLessThan(36);
  });
});
