import {
  type ComparatorStandingDto,
  formatMonth,
  type MonitoredItem,
  symbolMeaning,
  THEMES,
  type Unit,
} from '@kpi/shared';
import { Link } from 'react-router';
import { DirectionOfTravel } from '../../../components/DirectionOfTravel';
import { LINE_SHORT_LABELS, THEME_LABELS } from '../../../components/kpiLabels';
import { IllustrativeTag } from '../../../components/Tags';
import { indicatorPath } from '../paths';
import '../indicators.css';

const RELATION_WORDS: Record<ComparatorStandingDto['relation'], string> = {
  above: 'Above',
  below: 'Below',
  same: 'Same',
  not_available: 'Not comparable',
};

const POSITION_WORDS: Record<ComparatorStandingDto['position'], string | null> = {
  better: 'better',
  worse: 'worse',
  same: null,
  not_comparable: null,
};

function Standing({ standing }: { standing: ComparatorStandingDto }) {
  const quality = POSITION_WORDS[standing.position];
  return (
    <div className="monitored__comparator">
      <dt>{standing.line === 'region' ? standing.label : LINE_SHORT_LABELS[standing.line]}</dt>
      <dd>
        <strong className={`position position--${standing.relation}`}>
          {RELATION_WORDS[standing.relation]}
          {quality && ` (${quality})`}
        </strong>{' '}
        <span className="secondary-text">
          {standing.displayValue}, {standing.timePeriod}
          {/* like with like: the council's own DfE figure for that period, not its latest month */}
          {standing.comparedWith && <>; compared with {standing.comparedWith}</>}
        </span>
      </dd>
    </div>
  );
}

function MonitoredCard({ item, unit, headingLevel }: { item: MonitoredItem; unit: Unit; headingLevel: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const latest = item.latest;
  return (
    <div className="monitored">
      <Heading className="monitored__title" id={`monitored-${item.code}`}>
        <Link to={indicatorPath(item.code, latest ? { to: latest.month } : {})}>
          <span className="kpi-card__code">{item.code}</span> {item.shortTitle ?? item.title}
        </Link>
      </Heading>
      {latest ? (
        <p className="monitored__value">
          <strong className="kpi-card__figure">{latest.displayValue}</strong>{' '}
          <span className="secondary-text">({formatMonth(latest.month)})</span>
          {latest.symbol && <span className="secondary-text"> {symbolMeaning(latest.symbol)}</span>}{' '}
          {item.kpiSetCodes.length > 0 && <span className="tag tag--kpi">Contract KPI</span>}{' '}
          {item.illustrative && <IllustrativeTag />}
        </p>
      ) : (
        <p className="monitored__value secondary-text">No figure yet.</p>
      )}
      {(item.direction || item.comparators.length > 0) && (
        <dl className="monitored__facts">
          {item.direction && (
            <DirectionOfTravel comparison={item.direction.previousMonth} unit={unit} precision={item.precision} />
          )}
          {item.comparators.map((standing) => (
            <Standing key={standing.line} standing={standing} />
          ))}
        </dl>
      )}
      {item.comparatorNote ? (
        <p className="secondary-text monitored__note">{item.comparatorNote}</p>
      ) : (
        item.direction &&
        item.comparators.length === 0 && (
          <p className="secondary-text monitored__note">No published comparator for this measure.</p>
        )
      )}
      {item.commentary && (
        <blockquote className="monitored__said">
          <p>{item.commentary.body}</p>
        </blockquote>
      )}
    </div>
  );
}

/**
 * Indicators watched without contract bands, grouped by theme: each with its latest figure and
 * period, direction of travel, and where it stands against the statistical neighbours, region
 * and England (the words "Above"/"Below" always shown, never colour alone).
 */
export function MonitoredList({
  items,
  headingLevel = 3,
  idPrefix = 'monitored',
}: {
  items: readonly MonitoredItem[];
  headingLevel?: 2 | 3;
  idPrefix?: string;
}) {
  const ThemeHeading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      {THEMES.map((theme) => {
        const inTheme = items.filter((item) => item.theme === theme);
        if (inTheme.length === 0) return null;
        const id = `${idPrefix}-theme-${theme}`;
        return (
          <section key={theme} className="section theme" aria-labelledby={id}>
            <ThemeHeading id={id} className="theme__heading">
              {THEME_LABELS[theme]}{' '}
              <span className="secondary-text theme__summary">
                {inTheme.length} indicator{inTheme.length === 1 ? '' : 's'}
              </span>
            </ThemeHeading>
            <ul className="kpi-list">
              {inTheme.map((item) => (
                <li key={item.code} className="kpi-list__item">
                  <MonitoredCard item={item} unit={item.unit} headingLevel={headingLevel === 2 ? 3 : 4} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
