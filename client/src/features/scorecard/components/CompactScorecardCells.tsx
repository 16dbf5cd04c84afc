import {
  COMPARISON_JUDGEMENT_WORDS,
  type ComparatorLine,
  type ComparatorPoint,
  formatDifference,
  formatMonth,
  formatValue,
  type ScorecardItem,
  symbolMeaning,
} from '@kpi/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { STATUS_WORDS } from '../../../components/kpiLabels';
import { Sparkline } from '../../../components/Sparkline';
import { StatusIcon } from '../../../components/StatusTag';
import { indicatorPath } from '../../indicators';
import { comparatorFor, comparisonTestFor, judgementFor } from '../compactModel';
import { ScorecardTip } from './ScorecardTip';

/*
 * One small component per column of the compact scorecard, each a <td> (or the row's <th>), so a
 * column can be added, replaced or moved (SPC icons, the API's own comparator judgement) without
 * touching the others. `data-label` names the column in the narrow-screen list, where the header
 * row is hidden.
 */

type CellProps = {
  item: ScorecardItem;
  month: string;
  /**
   * Mark this row's figures as illustrative. False only when every KPI on the page is, and the
   * notice above the table says so once for all of them.
   */
  markIllustrative?: boolean;
};

/** The row header: code and short title, linking to the KPI page for this month. */
export function KpiCell({ item, month }: CellProps) {
  return (
    <th scope="row" className="compact__kpi" data-label="KPI">
      <Link to={indicatorPath(item.code, { to: month })} className="compact__link" title={item.title}>
        <span className="compact__code">{item.code}</span>{' '}
        <span className="compact__title">{item.shortTitle ?? item.title}</span>
      </Link>
    </th>
  );
}

/**
 * The rate unit is said once, by the figure in the Latest column; the lines and comparator figures
 * on the same row leave it out so the row fits one line.
 */
export function withoutRateUnit(text: string): string {
  return text.replace(/ per 10,000$/, '');
}

/**
 * "39.0 per 10,000": the unit on a line of its own under the figure, so the column stays as narrow
 * as the other figures' (the table must fit 1220 px on screen and an A4 landscape page).
 */
function RateFigure({ text }: { text: string }) {
  const number = withoutRateUnit(text);
  if (number === text) return <strong>{text}</strong>;
  return (
    <strong>
      {number} <span className="compact__unit">per 10,000</span>
    </strong>
  );
}

/** Latest figure (the scorecard month's, named in the column header). */
export function LatestCell({ item, markIllustrative = true }: CellProps) {
  const { current } = item;
  return (
    <td className="compact__latest numeric" data-label={`Figure, ${formatMonth(current.month, 'short')}`}>
      <RateFigure text={current.displayValue} />
      {current.symbol && <span className="visually-hidden"> ({symbolMeaning(current.symbol)})</span>}
      <span className="visually-hidden"> in {formatMonth(current.month)}</span>
      {current.revised && <span className="compact__flag"> revised</span>}
      {item.illustrative && markIllustrative && (
        <abbr className="compact__flag compact__flag--illustrative" title="Includes illustrative (generated) figures">
          {' '}
          illus.
        </abbr>
      )}
    </td>
  );
}

/** Rating as icon, word and colour; "no consequence" when a grace period or relief event applies. */
export function RatingCell({ item }: CellProps) {
  const status = item.current.status;
  return (
    <td className="compact__rating" data-label="Rating">
      <span className={`rating rating--${status}`}>
        <StatusIcon status={status} className="rating__icon" />
        <strong>{STATUS_WORDS[status]}</strong>
      </span>
      {!item.consequence.carriesConsequence && <span className="compact__flag"> no consequence</span>}
    </td>
  );
}

const LINE_SYMBOLS: [string, string][] = [
  ['more than ', '> '],
  ['less than ', '< '],
  ['at least ', '≥ '],
  ['at most ', '≤ '],
];

/** "more than 85%" shown as "> 85%" to fit one line; assistive technology still hears the words. */
function ShortLine({ words }: { words: string }) {
  const match = LINE_SYMBOLS.find(([prefix]) => words.startsWith(prefix));
  if (!match) return <>{words}</>;
  return (
    <>
      <span aria-hidden="true">{match[1] + words.slice(match[0].length)}</span>
      <span className="visually-hidden">{words}</span>
    </>
  );
}

/** The target line in force that month. */
export function TargetCell({ item }: CellProps) {
  return (
    <td className="compact__target" data-label="Target">
      {item.thresholds ? <ShortLine words={withoutRateUnit(item.thresholds.target)} /> : 'None'}
    </td>
  );
}

/** The failure line in force that month. */
export function FailureCell({ item }: CellProps) {
  return (
    <td className="compact__failure" data-label="Failure">
      {item.thresholds ? <ShortLine words={withoutRateUnit(item.thresholds.failure)} /> : 'None'}
    </td>
  );
}

/** How many months in the current rating, and the persistent-failure flag. */
export function StreakCell({ item }: CellProps) {
  const { streak } = item;
  return (
    <td className="compact__streak" data-label="Months in rating">
      {streak.status === null || streak.months === 0 ? (
        <span className="secondary-text">None yet</span>
      ) : (
        <span>
          {streak.months} mo<span className="visually-hidden">nths {STATUS_WORDS[streak.status].toLowerCase()}</span>
          {streak.from && <span className="visually-hidden">, since {formatMonth(streak.from)}</span>}
        </span>
      )}
      {streak.persistentFailure && (
        <strong className="compact__persistent">
          <span aria-hidden="true">!! </span>Persistent failure
        </strong>
      )}
    </td>
  );
}

/** ↑ when the figure went up, ↓ down, → no change. */
function arrowFor(difference: number | null): string {
  if (difference === null) return '–';
  if (difference > 0) return '↑';
  if (difference < 0) return '↓';
  return '→';
}

/**
 * Direction of travel against the previous month, said as good or bad: "Improving" or
 * "Worsening", the arrow pointing the way the figure moved, green or red for good or bad.
 */
export function DirectionCell({ item }: CellProps) {
  const comparison = item.direction.previousMonth;
  const was =
    comparison.comparisonValue === null
      ? `no figure for ${formatMonth(comparison.month, 'short')}`
      : `${formatValue(comparison.comparisonValue, item.unit, item.precision)} in ${formatMonth(comparison.month, 'short')}`;
  const change =
    comparison.difference === null || comparison.difference === 0
      ? ''
      : ` (${formatDifference(comparison.difference, item.unit, item.precision)})`;
  return (
    <td className="compact__direction" data-label="On last month">
      <ScorecardTip
        tip={
          <>
            {' '}
            was {was}
            {change}
          </>
        }
      >
        <span className={`travel travel--${comparison.direction}`}>
          <span className="travel__arrow" aria-hidden="true">
            {arrowFor(comparison.difference)}
          </span>
          <strong>{comparison.label}</strong>
        </span>
      </ScorecardTip>
    </td>
  );
}

/**
 * The council figure a verdict was reached on, in a few words ("DfE 2024: 78.3%"), when it is not
 * the figure in the row: the council's own DfE figure for the comparator's year, or another
 * figure (whose month the tip's sentence names). Null when the verdict compared the row's own figure.
 */
export function comparedFigureWords(item: ScorecardItem, comparator: ComparatorPoint): string | null {
  const comparison = comparator.comparison;
  if (!comparison) return null;
  const value = withoutRateUnit(comparison.councilDisplayValue);
  if (comparison.basis === 'dfe_official') return `DfE ${comparator.timePeriod}: ${value}`;
  const { current } = item;
  const sameFigure = current.symbol === null && current.value !== null && current.value === comparison.councilValue;
  return sameFigure ? null : `Compared: ${value}`;
}

const JUDGEMENT_MARKS = { better: '+', worse: '−', similar: '=', higher: '↑', lower: '↓', not_compared: '' } as const;

/**
 * Better, worse or similar against one comparator, with the comparator's figure beside it (and,
 * when the cell is hovered or focused, and in print, the comparison in words: which council figure
 * was set against which comparator figure, and how).
 */
export function ComparatorCell({ item, line, label }: CellProps & { line: ComparatorLine; label: string }) {
  const comparator = comparatorFor(item, line);
  const judgement = judgementFor(item, line);
  if (!comparator) {
    return (
      <td className="compact__comparator" data-label={label}>
        <span aria-hidden="true">–</span>
        <span className="visually-hidden">None published</span>
      </td>
    );
  }
  const compared = comparedFigureWords(item, comparator);
  // The server's sentence names the council figure it compared (its own DfE figure for the same
  // year where there is one), which need not be the month's figure shown in the row.
  const verdict = comparator.comparison
    ? `${comparator.comparison.sentence} ${comparator.comparison.testNote}.`
    : `${comparator.label}: ${comparator.displayValue} (${comparator.timePeriod})${
        comparator.symbol ? `, ${symbolMeaning(comparator.symbol)}` : ''
      }${judgement === 'not_compared' ? '' : `. ${comparisonTestFor(item, line)}`}`;
  // What a reader needs beside the figure (why it is not compared; a definition that differs), as on the card.
  const detail = [verdict, ...comparator.notes].join(' ');
  return (
    <td className="compact__comparator" data-label={label}>
      <ScorecardTip tip={detail}>
        <span className={`judgement judgement--${judgement}`}>
          <span aria-hidden="true" className="judgement__mark">
            {JUDGEMENT_MARKS[judgement]}
          </span>
          {COMPARISON_JUDGEMENT_WORDS[judgement]}
        </span>
        <span className="compact__detail secondary-text"> {withoutRateUnit(comparator.displayValue)}</span>
      </ScorecardTip>
      {compared && (
        // The tip's sentence says the same for screen readers; this is for the eye, and for paper.
        <span className="compact__compared" aria-hidden="true">
          {compared}
        </span>
      )}
    </td>
  );
}

/** The 13-month trend, small; the figures themselves are on the KPI page and in the detail view. */
export function TrendCell({ item, spc }: CellProps & { spc?: ReactNode }) {
  return (
    <td className="compact__trend" data-label="Trend">
      <span className="compact__trend-inner">
        <Sparkline points={item.sparkline} width={44} height={18} />
        {spc}
      </span>
    </td>
  );
}
