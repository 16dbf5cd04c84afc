import { describe, expect, it } from 'vitest';
import { figureSourceSentences, linesWithinRange, type SourceLine, sourceLinesOf } from './sourceSentences';

const FIGURES = "DfE 'Children in need' table D5";
const APRIL = 'DfE April 2021 model';
const MAY = 'DfE May 2025 model';
const point = (year: string, model: string | null, release = FIGURES) => ({
  sourceRelease: model ? `Computed: plain mean of the 10 statistical neighbours (${model}) — ${release}` : release,
  source: model ? ('computed' as const) : ('dfe_release' as const),
  snModel: model,
  timePeriod: year,
  periodEnd: `${year}-03-31`,
});
const neighbours = (points: SourceLine['points']): SourceLine => ({
  line: 'statistical_neighbours',
  label: 'Statistical neighbours',
  points,
});

describe('figureSourceSentences: one wording for the chart, the PDF and every export', () => {
  it.each([
    [[point('2024', APRIL)], `statistical-neighbour model: ${APRIL}.`],
    [
      [point('2023', APRIL), point('2024', APRIL), point('2025', MAY)],
      `statistical-neighbour models: ${APRIL} for 2023 to 2024 and ${MAY} for 2025.`,
    ],
    // A scorecard's points come KPI by KPI, out of year order: each model's years still read first to last.
    [
      [point('2024', APRIL), point('2025', MAY), point('2022', APRIL), point('2025', MAY)],
      `statistical-neighbour models: ${APRIL} for 2022 to 2024 and ${MAY} for 2025.`,
    ],
  ])('names each neighbour model with its years (%#)', (points, words) => {
    const [, sentence] = figureSourceSentences('Sandwell', ['uploaded_return'], [neighbours(points)]);
    expect(sentence).toContain(words);
    // The averaged figures are said once, however many models.
    expect(sentence!.split(FIGURES).length - 1).toBe(1);
  });

  it('says where the council’s figures come from, illustrative ones marked as not real', () => {
    expect(figureSourceSentences('Sandwell', ['illustrative', 'published_paper', null], [])).toEqual([
      'Sandwell: figures quoted in published council papers and illustrative figures generated to demonstrate the dashboard (not real performance data).',
    ]);
    expect(figureSourceSentences('Sandwell', [null], [])).toEqual(['Sandwell: no figures in this period.']);
  });

  it('names other lines by their releases, and skips lines with nothing shown', () => {
    const england: SourceLine = {
      line: 'england',
      label: 'England',
      points: [point('2024', null), point('2025', null)],
    };
    expect(figureSourceSentences('Sandwell', [], [england, neighbours([])]).slice(1)).toEqual([`England: ${FIGURES}.`]);
  });

  it('keeps only the years a range shows, and groups points from several KPIs by line', () => {
    const line = neighbours([point('2013', APRIL), point('2024', APRIL), point('2025', MAY)]);
    const [within] = linesWithinRange([line], '2024-03', '2025-02');
    expect(within!.points.map((p) => p.timePeriod)).toEqual(['2024']);
    const flat = [point('2024', APRIL), point('2025', MAY)].map((p) => ({
      ...p,
      line: 'statistical_neighbours' as const,
      label: 'Statistical neighbours',
    }));
    expect(sourceLinesOf(flat)).toHaveLength(1);
  });
});
