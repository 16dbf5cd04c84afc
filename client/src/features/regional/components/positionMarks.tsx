import type { RegionalTableResponse } from '@kpi/shared';

type Judgement = RegionalTableResponse['rows'][number]['cells'][number]['againstRegion'];

/**
 * How a position is shown besides its words: a shape for the comparison with the region (never
 * colour alone: the cell's tint only repeats the shape) and a five-step meter for the quintile.
 */
export const JUDGEMENT_MARKS: Record<Judgement, { shape: string; word: string; meaning: string }> = {
  better: { shape: '▲', word: 'Better', meaning: 'better than the regional figure' },
  worse: { shape: '▼', word: 'Worse', meaning: 'worse than the regional figure' },
  similar: { shape: '●', word: 'Similar', meaning: 'within 5% of the regional figure' },
  higher: { shape: '◇', word: 'Higher', meaning: 'higher than the regional figure; not rated: no polarity' },
  lower: { shape: '◇', word: 'Lower', meaning: 'lower than the regional figure; not rated: no polarity' },
  not_compared: { shape: '–', word: 'Not compared', meaning: 'no figure to compare' },
};

export function JudgementMark({ judgement }: { judgement: Judgement }) {
  const mark = JUDGEMENT_MARKS[judgement];
  return (
    <span className={`regional-mark regional-mark--${judgement}`}>
      <span aria-hidden="true" className="regional-mark__shape">
        {mark.shape}
      </span>{' '}
      {mark.word}
    </span>
  );
}

/** Five boxes, the first `quintile` filled: a pattern readers can compare down a column. */
export function QuintileMeter({ quintile }: { quintile: number | null }) {
  if (quintile === null) return <span className="regional-quintile regional-quintile--none">Not ranked</span>;
  return (
    <span className="regional-quintile">
      <span className="regional-quintile__meter" aria-hidden="true">
        {[1, 2, 3, 4, 5].map((step) => (
          <span
            key={step}
            className={step <= quintile ? 'regional-quintile__step is-filled' : 'regional-quintile__step'}
          />
        ))}
      </span>{' '}
      Q{quintile}
    </span>
  );
}
