import { formatDate, type IndicatorDetail, type POLARITIES } from '@kpi/shared';
import { ScrollableTable } from '../../../components/ScrollableTable';

const POLARITY_WORDS: Record<(typeof POLARITIES)[number], string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  none: 'Neither higher nor lower is better',
};

function period(from: string, to: string | null): string {
  return to ? `${formatDate(from)} to ${formatDate(to)}` : `From ${formatDate(from)}`;
}

/** Definition, why it matters, the bands in words and their history, grace periods and relief events. */
export function IndicatorAbout({ indicator }: { indicator: IndicatorDetail }) {
  const current = indicator.thresholds.at(-1);
  return (
    <section className="section" aria-labelledby="about-heading">
      <h2 id="about-heading">About {indicator.code}</h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Definition</dt>
          <dd>{indicator.definition}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Why it matters</dt>
          <dd>{indicator.whyItMatters}</dd>
        </div>
        {indicator.comparatorDifference && (
          <div className="summary-list__row">
            <dt>DfE’s comparator differs</dt>
            <dd>
              {indicator.comparatorDifference}{' '}
              <span className="secondary-text">
                So the monthly figures are not judged better or worse than DfE’s; only DfE’s figures are compared with
                each other.
              </span>
            </dd>
          </div>
        )}
        <div className="summary-list__row">
          <dt>Which way is better</dt>
          <dd>{POLARITY_WORDS[indicator.polarity]}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Bands now</dt>
          <dd>{current ? current.words.summary : 'No bands have been set.'}</dd>
        </div>
        {indicator.kpiSets.length > 0 && (
          <div className="summary-list__row">
            <dt>KPI sets</dt>
            <dd>
              <ul className="plain-list">
                {indicator.kpiSets.map((set) => (
                  <li key={set.code}>
                    {set.name} <span className="secondary-text">({period(set.effectiveFrom, set.effectiveTo)})</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>

      <h3>Bands over time</h3>
      {indicator.thresholds.length === 0 ? (
        <p>No bands have been set for this KPI, so its figures are not rated.</p>
      ) : (
        <ScrollableTable label={`Bands for ${indicator.code} over time`}>
          <table className="table">
            <caption className="visually-hidden">Bands for {indicator.code} over time</caption>
            <thead>
              <tr>
                <th scope="col">In force</th>
                <th scope="col">Green (target)</th>
                <th scope="col">Red (failure)</th>
                <th scope="col">As written in the contract</th>
              </tr>
            </thead>
            <tbody>
              {indicator.thresholds.map((version) => (
                <tr key={version.effectiveFrom}>
                  <th scope="row">
                    {period(version.effectiveFrom, version.effectiveTo)}
                    {version.kpiSetCode && <span className="secondary-text"> ({version.kpiSetCode})</span>}
                  </th>
                  <td>{version.words.target}</td>
                  <td>{version.words.failure}</td>
                  <td>{version.sourceText ?? <span className="secondary-text">Not recorded</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollableTable>
      )}
      <p className="secondary-text">Anything between the target and the failure level is amber.</p>

      <h3>Grace periods and relief events</h3>
      {indicator.gracePeriods.length === 0 && indicator.reliefEvents.length === 0 ? (
        <p>None: every month of this KPI carries the contract's consequences.</p>
      ) : (
        <ul className="list">
          {indicator.gracePeriods.map((grace) => (
            <li key={`grace-${grace.startsOn}`}>
              <strong>Grace period</strong>, {period(grace.startsOn, grace.endsOn).toLowerCase()}: {grace.reason}
            </li>
          ))}
          {indicator.reliefEvents.map((relief) => (
            <li key={`relief-${relief.name}-${relief.startsOn}`}>
              <strong>Relief event: {relief.name}</strong>, {period(relief.startsOn, relief.endsOn).toLowerCase()}:{' '}
              {relief.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
