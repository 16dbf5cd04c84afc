import { formatMonth, type StreakDto } from '@kpi/shared';
import { streakDetail, streakHeadline } from './streakWords';

type StreakSummaryProps = {
  streak: StreakDto;
  /** The month shown, when it has no figure of its own: the streak is then the one before it. */
  noFigureFor?: string | null;
  className?: string;
};

/** "Red for 4 months (since December 2020)", as on the scorecard and the KPI page. */
export function StreakSummary({ streak, noFigureFor = null, className }: StreakSummaryProps) {
  const detail = streakDetail(streak);
  return (
    <p className={className}>
      {noFigureFor && streak.status !== null && <>No figure for {formatMonth(noFigureFor)}. Before that: </>}
      <strong>{streakHeadline(streak)}</strong>
      {detail && <span className="secondary-text"> ({detail})</span>}
    </p>
  );
}
