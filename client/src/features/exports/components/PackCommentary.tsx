import { type BoardPackData, type BoardPackKpi, formatDate, formatMonth, type KpiAction } from '@kpi/shared';
import { useLayoutEffect, useRef, useState } from 'react';
import { ActionStatusText, CommentaryText } from '../../commentary';

export const FULL_TEXT_HEADING = 'Commentary and actions in full';

function ActionList({ actions }: { actions: readonly KpiAction[] }) {
  return (
    <ul className="pack-actions">
      {actions.map((action) => (
        <li key={action.id}>
          {action.description} — {action.owner}, due {formatDate(action.dueOn)}, <ActionStatusText action={action} />
        </li>
      ))}
    </ul>
  );
}

/**
 * The KPI page's commentary column: the agreed commentary and open actions, as much as fits. When
 * the column cannot hold them (measured after layout, not guessed), it says so and points to the
 * full text at the end of the pack: nothing is cut without saying so.
 */
export function PackCommentaryAside({ kpi }: { kpi: BoardPackKpi }) {
  const { item, actions } = kpi;
  const boxRef = useRef<HTMLDivElement>(null);
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (box) setCut(box.scrollHeight > box.clientHeight + 1);
  });
  return (
    <aside className="pack-kpi__commentary" aria-label={`Commentary on ${item.code}`}>
      <h3>Commentary</h3>
      <div className="pack-kpi__commentary-text" ref={boxRef}>
        {item.commentary ? (
          <>
            <p className="pack-kpi__label">Agreed commentary, {formatMonth(item.commentary.month)}</p>
            <CommentaryText text={item.commentary.body} />
          </>
        ) : (
          <p>
            There is no agreed commentary for {item.code} up to {formatMonth(item.current.month)}.
          </p>
        )}
        {actions.length > 0 && (
          <>
            <p className="pack-kpi__label">Open actions</p>
            <ActionList actions={actions} />
          </>
        )}
      </div>
      {cut && (
        <p className="pack-kpi__continued">
          <strong>Continued:</strong> the full text is under “{FULL_TEXT_HEADING}” at the end of this pack.
        </p>
      )}
    </aside>
  );
}

/** Every KPI's agreed commentary and open actions in full, flowing over as many pages as they need. */
export function PackCommentaryAppendix({ data }: { data: BoardPackData }) {
  const kpis = data.kpis.filter((kpi) => kpi.item.commentary || kpi.actions.length > 0);
  if (kpis.length === 0) return null;
  return (
    <section className="pack-appendix" aria-labelledby="pack-appendix-heading">
      {data.marking && <p className="pack-marking">{data.marking.text}</p>}
      <h2 id="pack-appendix-heading">{FULL_TEXT_HEADING}</h2>
      {kpis.map(({ item, actions }) => (
        <section key={item.code} className="pack-appendix__kpi" aria-labelledby={`pack-full-${item.code}`}>
          <h3 id={`pack-full-${item.code}`}>
            {item.code} {item.shortTitle ?? item.title}
          </h3>
          {item.commentary ? (
            <>
              <p className="pack-kpi__label">Agreed commentary, {formatMonth(item.commentary.month)}</p>
              <CommentaryText text={item.commentary.body} />
            </>
          ) : (
            <p>There is no agreed commentary.</p>
          )}
          {actions.length > 0 && (
            <>
              <p className="pack-kpi__label">Open actions</p>
              <ActionList actions={actions} />
            </>
          )}
        </section>
      ))}
    </section>
  );
}
