import type { RegionalExceptionsResponse } from '@kpi/shared';
import { JudgementMark } from './positionMarks';

/** The councils more than the threshold from the regional figure, grouped by measure. */
export function ExceptionsList({ found }: { found: RegionalExceptionsResponse }) {
  if (found.exceptions.length === 0) {
    return (
      <p className="inset">
        No council in {found.region.name} is more than {found.threshold}% from the regional figure on any measure.
      </p>
    );
  }
  const measures = [...new Set(found.exceptions.map((e) => e.measureLabel))];
  return (
    <>
      <p>
        {found.exceptions.length} {found.exceptions.length === 1 ? 'figure is' : 'figures are'} more than{' '}
        {found.threshold}% from the {found.region.name} figure.
      </p>
      {measures.map((label) => (
        <section key={label} className="regional-exceptions__measure">
          <h3 className="regional-exceptions__heading">{label}</h3>
          <ul className="list regional-exceptions__list">
            {found.exceptions
              .filter((e) => e.measureLabel === label)
              .map((e) => (
                <li key={`${e.areaCode}-${e.measureCode}`}>
                  <JudgementMark judgement={e.judgement} /> {e.sentence}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}
