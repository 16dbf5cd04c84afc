import { pi4SeriesFixture } from '../../testing/seriesFixtures';
import { sourceSentences } from './figureNotes';

describe('sourceSentences', () => {
  it('says the averaged figures once and names each neighbour model with its years', () => {
    const figures = "DfE 'Children in need' table C3";
    const [neighbours, ...others] = pi4SeriesFixture.comparators;
    const models = ['DfE April 2021 model', 'DfE May 2025 model'];
    const series = {
      ...pi4SeriesFixture,
      comparators: [
        {
          ...neighbours!,
          points: neighbours!.points.map((p, i) => ({
            ...p,
            snModel: models[i]!,
            sourceRelease: `Computed: plain mean of the 10 statistical neighbours (${models[i]}) with a figure — ${figures}`,
          })),
        },
        ...others,
      ],
    };
    const [, sentence] = sourceSentences(series, ['statistical_neighbours'], 'Sandwell');
    expect(sentence!.split(figures).length - 1).toBe(1);
    expect(sentence).toContain(
      'statistical-neighbour models: DfE April 2021 model for 2019/20 and DfE May 2025 model for 2020/21.',
    );
  });
});
