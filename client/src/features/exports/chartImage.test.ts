import { describe, expect, it } from 'vitest';
import { buildChartSvg, cappedScale } from './chartImage';

const TEXT = {
  title: 'PI4 Single Assessments within 45 working days',
  subtitle: 'Sandwell · monthly figures, April 2020 to March 2021',
  marking: null,
  illustrative: false,
  produced: 'Produced 6 December 2026',
};

function figureWith(chartMarkup: string): Element {
  const figure = document.createElement('figure');
  figure.innerHTML = `<div class="chart"><svg class="recharts-surface" width="600" height="300" style="width: 100%; height: 100%">${chartMarkup}</svg></div>`;
  return figure;
}

describe('the chart as a standalone image', () => {
  it('carries no style attribute: inline styles become presentation attributes or are dropped', () => {
    const { svg } = buildChartSvg(
      figureWith(
        '<g class="recharts-errorBar"><line x1="1" y1="2" x2="1" y2="9" style="transform: scaleY(1); stroke: rgb(18, 52, 86); stroke-width: 2px"/></g>' +
          '<rect x="0" y="0" width="5" height="5" fill="#fff" style="fill: red; opacity: 0.5"/>',
      ),
      TEXT,
    );
    expect(svg).not.toMatch(/\sstyle=/);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const line = doc.querySelector('line')!;
    expect(line.getAttribute('stroke')).toBe('rgb(18, 52, 86)');
    expect(line.getAttribute('stroke-width')).toBe('2px');
    expect(line.hasAttribute('transform')).toBe(false);
    const rect = doc.querySelector('rect[width="5"]')!;
    // An attribute already there is the figure's own: a style never overrides it silently.
    expect(rect.getAttribute('fill')).toBe('#fff');
    expect(rect.getAttribute('opacity')).toBe('0.5');
  });

  it('refuses a figure with no chart on screen', () => {
    expect(() => buildChartSvg(document.createElement('figure'), TEXT)).toThrow(
      'There is no chart on screen to export.',
    );
  });

  it("does not take recharts' drawing while it is still laid out unseen behind the plain chart", () => {
    const figure = document.createElement('figure');
    figure.innerHTML =
      '<div class="chart"><svg class="chart__static"></svg><div class="chart__drawing"><svg class="recharts-surface" width="600" height="300"></svg></div></div>';
    expect(() => buildChartSvg(figure, TEXT)).toThrow('There is no chart on screen to export.');
    figure.querySelector('.chart__static')?.remove();
    figure.querySelector('.chart__drawing')?.setAttribute('class', 'chart__drawn');
    expect(buildChartSvg(figure, TEXT).svg).toContain('<svg');
  });
});

describe('the scale of a PNG', () => {
  it('is as asked for an image of ordinary size', () => {
    expect(cappedScale({ width: 800, height: 600 }, 2)).toBe(2);
  });

  it('is smaller for a very big image, within 16,384 on a side and 100 million pixels', () => {
    // A rug of 153 councils and forty KPIs.
    const image = { width: 6000, height: 12000 };
    const scale = cappedScale(image, 2);
    expect(scale).toBeLessThan(2);
    expect(image.height * scale).toBeLessThanOrEqual(16_384);
    expect(image.width * scale * image.height * scale).toBeLessThan(100_000_001);
    expect(cappedScale({ width: 40_000, height: 300 }, 2) * 40_000).toBeLessThanOrEqual(16_384);
  });
});
