import { COMPARATOR_LINES } from '@kpi/shared';
import { render } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { pi4SeriesFixture } from '../../testing/seriesFixtures';
import { buildChartModel } from './chartModel';
import { StaticTrendChart } from './StaticTrendChart';

const lines = [...COMPARATOR_LINES];
const model = buildChartModel(pi4SeriesFixture, lines);
const chart = (
  <StaticTrendChart
    model={model}
    unit={pi4SeriesFixture.indicator.unit}
    shownLines={lines}
    title="PI4, monthly figures"
    description="The summary in words."
  />
);

describe('the trend chart drawn as plain SVG (the server sends it with a KPI page)', () => {
  it('draws a marker on the council line for every month with a figure, a band for each rating, and names itself', () => {
    const { container } = render(chart);
    const svg = container.querySelector('svg.chart__static')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.querySelector('title')?.textContent).toBe('PI4, monthly figures');
    expect(svg.querySelector('desc')?.textContent).toBe('The summary in words.');
    const figures = model.rows.filter((row) => row.value !== null).length;
    expect(figures).toBeGreaterThan(3);
    expect(svg.querySelectorAll('.chart__line--council circle')).toHaveLength(figures);
    expect(svg.querySelectorAll('.chart-band')).toHaveLength(model.bands.length);
    // every y-axis label recharts would show, as text
    const yLabels = [...svg.querySelectorAll('.chart__y-axis text')].map((text) => text.textContent);
    expect(yLabels).toHaveLength(model.yTicks.length);
    expect(yLabels.at(-1)).toMatch(/%$/);
  });

  it('has no style attribute and no script: the page security policy refuses inline styles', () => {
    const html = renderToString(chart);
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).not.toContain('<script');
  });

  it('keeps each copy of the chart its own pattern and clip ids', () => {
    const { container } = render(
      <>
        {chart}
        {chart}
      </>,
    );
    const ids = [...container.querySelectorAll('[id]')].map((element) => element.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
