import { ACTION_STATUS_LABELS, formatDate, type KpiAction } from '@kpi/shared';
import { visibleActions } from '../commentary/actionService';
import type { Db } from '../db/database';
import type { Reader } from '../publication/publication';
import { listIndicators } from '../scorecard/kpiRepository';

/** Each KPI's open actions (by code) as one cell of text, one action a line, in full. */
export async function openActionText(db: Db, reader: Reader): Promise<Map<string, string>> {
  const organisation = await reader.context.organisation();
  if (!organisation) return new Map();
  const indicators = await listIndicators(db, organisation.id);
  const byIndicator = await visibleActions(db, reader, indicators);
  const text = new Map<string, string>();
  for (const indicator of indicators) {
    const open = (byIndicator.get(indicator.id) ?? []).filter((a) => a.status !== 'done');
    if (open.length > 0) text.set(indicator.code, open.map(actionLine).join('\n'));
  }
  return text;
}

export function actionLine(action: KpiAction): string {
  const late = action.late ? ' (late: past due)' : '';
  return `${action.description} — owner ${action.owner}, due ${formatDate(action.dueOn)}, ${ACTION_STATUS_LABELS[action.status]}${late}`;
}
