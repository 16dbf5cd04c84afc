import { formatMonth, type ScorecardItem, symbolMeaning } from '@kpi/shared';
import { Link } from 'react-router';
import { SpcIcons } from '../../../components/charts/SpcIcons';
import { comparisonWords } from '../../../components/comparisonWords';
import { DirectionOfTravelList } from '../../../components/DirectionOfTravel';
import { PROVENANCE_WORDS, STATUS_WORDS } from '../../../components/kpiLabels';
import { Sparkline } from '../../../components/Sparkline';
import { StatusTag } from '../../../components/StatusTag';
import { StreakSummary } from '../../../components/StreakSummary';
import {
  IllustrativeBandsTag,
  IllustrativeTag,
  NoConsequenceTag,
  PersistentFailureTag,
  RevisedTag,
} from '../../../components/Tags';
import { indicatorPath } from '../../indicators';
import { excerpt } from '../words';
import '../scorecard.css';

function ValueAgainstTarget({ item }: { item: ScorecardItem }) {
  return (
    <p className="kpi-card__value">
      <strong className="kpi-card__figure">{item.current.displayValue}</strong>
      {item.current.symbol && <span className="secondary-text"> ({symbolMeaning(item.current.symbol)})</span>}
      {' — '}
      {item.thresholds ? `target ${item.thresholds.target}` : 'no target in force this month'}
      {item.current.revised && (
        <>
          {' '}
          <RevisedTag />
        </>
      )}
    </p>
  );
}

function TrendInFigures({ item }: { item: ScorecardItem }) {
  const first = item.sparkline[0];
  const last = item.sparkline.at(-1);
  return (
    <details className="details kpi-card__figures">
      <summary className="details__summary">
        Figures for the last {item.sparkline.length} months
        <span className="visually-hidden"> for {item.code}</span>
      </summary>
      <div className="details__text">
        <table className="table table--compact">
          <caption className="visually-hidden">
            {item.code} by month{first && last ? `, ${formatMonth(first.month)} to ${formatMonth(last.month)}` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="numeric">
                Figure
              </th>
              <th scope="col">Rating</th>
            </tr>
          </thead>
          <tbody>
            {item.sparkline.map((point) => (
              <tr key={point.month}>
                <th scope="row">{formatMonth(point.month, 'short')}</th>
                <td className="numeric">{point.displayValue}</td>
                <td>
                  {STATUS_WORDS[point.status]}
                  {point.provenance === 'illustrative' && (
                    <span className="secondary-text"> ({PROVENANCE_WORDS.illustrative.toLowerCase()})</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Comparators({ item }: { item: ScorecardItem }) {
  if (item.comparators.length === 0) {
    return (
      <p className="kpi-card__comparators secondary-text">
        No comparators: DfE does not publish this measure, so there are no statistical-neighbour, regional or England
        figures.
      </p>
    );
  }
  // A note every comparator carries (the KPI's definition differs from DfE's) is said once, below them.
  const saidOnce = item.comparators.length > 1 ? notesOfEvery(item.comparators) : [];
  return (
    <>
      <dl className="kpi-card__comparators comparator-list">
        {item.comparators.map((comparator) => {
          const notes = comparator.notes.filter((note) => !saidOnce.includes(note));
          return (
            <div className="comparator-list__row" key={comparator.line}>
              <dt>{comparator.label}</dt>
              <dd>
                <strong>{comparator.displayValue}</strong>{' '}
                <span className="secondary-text">({comparator.timePeriod})</span>
                {comparator.symbol && (
                  <span className="comparator-list__note secondary-text">{symbolMeaning(comparator.symbol)}</span>
                )}
                {comparator.comparison && (
                  <span className="comparator-list__note">{comparisonWords(comparator.comparison)}</span>
                )}
                {comparator.line === 'statistical_neighbours' &&
                  comparator.contributingCount !== null &&
                  notes.length === 0 && (
                    <span className="comparator-list__note secondary-text">
                      Average of {comparator.contributingCount}
                      {comparator.neighbourCount !== null ? ` of ${comparator.neighbourCount}` : ''} neighbours
                    </span>
                  )}
                {notes.map((note) => (
                  <span className="comparator-list__note secondary-text" key={note}>
                    {note}
                  </span>
                ))}
              </dd>
            </div>
          );
        })}
      </dl>
      {saidOnce.map((note) => (
        <p className="kpi-card__comparators-note secondary-text" key={note}>
          {note}
        </p>
      ))}
    </>
  );
}

/** The notes every comparator carries, in the first one's order. */
export function notesOfEvery(comparators: readonly { notes: readonly string[] }[]): string[] {
  return comparators[0]?.notes.filter((note) => comparators.every((c) => c.notes.includes(note))) ?? [];
}

/** One KPI on the scorecard: rating, value against target, direction, streak, trend, comparators, commentary. */
export function KpiCard({ item, month }: { item: ScorecardItem; month: string }) {
  const headingId = `kpi-${item.code}-heading`;
  return (
    <article className={`kpi-card kpi-card--${item.current.status}`} aria-labelledby={headingId}>
      <h3 className="kpi-card__title" id={headingId}>
        <Link to={indicatorPath(item.code, { to: month })} className="kpi-card__link">
          <span className="kpi-card__code">{item.code}</span> {item.shortTitle ?? item.title}
        </Link>
      </h3>
      <p className="kpi-card__tags">
        <StatusTag status={item.current.status} />
        {item.streak.persistentFailure && <PersistentFailureTag />}
        {!item.consequence.carriesConsequence && <NoConsequenceTag />}
        {item.illustrative && <IllustrativeTag />}
        {item.bandsIllustrative && <IllustrativeBandsTag />}
      </p>
      <ValueAgainstTarget item={item} />
      <p className="kpi-card__reason secondary-text">{item.reason}</p>
      <StreakSummary
        streak={item.streak}
        noFigureFor={item.current.status === 'no_data' ? item.current.month : null}
        className="kpi-card__streak"
      />
      {!item.consequence.carriesConsequence && item.consequence.reason && (
        <p className="kpi-card__consequence">{item.consequence.reason}</p>
      )}
      <div className="kpi-card__spc">
        <h4 className="kpi-card__subheading">
          Signal or noise (SPC, {formatMonth(item.spc.window.from, 'short')} to{' '}
          {formatMonth(item.spc.window.to, 'short')})
        </h4>
        <SpcIcons icons={item.spc.icons} withheld={item.spc.withheld} compact />
      </div>
      <div className="kpi-card__columns">
        <div className="kpi-card__section">
          <h4 className="kpi-card__subheading">Direction of travel</h4>
          <DirectionOfTravelList item={item} />
          <div className="kpi-card__trend">
            <Sparkline points={item.sparkline} />
            <TrendInFigures item={item} />
          </div>
        </div>
        <div className="kpi-card__section">
          <h4 className="kpi-card__subheading">Latest comparators</h4>
          <Comparators item={item} />
        </div>
      </div>
      {item.commentary && (
        <div className="kpi-card__commentary">
          <h4 className="kpi-card__subheading">Trust commentary, {formatMonth(item.commentary.month)}</h4>
          <p>{excerpt(item.commentary.body)}</p>
        </div>
      )}
    </article>
  );
}
