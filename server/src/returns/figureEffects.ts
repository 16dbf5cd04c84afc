import { type FigureEffectResult, figureEffect, type ThresholdVersion } from '@kpi/shared';
import type { DbOrTx } from '../db/database';
import { domainThresholds } from '../scorecard/indicatorEvaluation';
import { loadIndicatorRules } from '../scorecard/kpiRepository';
import type { CheckedRow } from './validate';

/**
 * What loading each figure means to a reader (new, value changed, confirmed, unchanged) and
 * whether its rating changes, rated with the scorecard's bands (`figureEffect` in `@kpi/shared`).
 */

export type RowEffects = Map<CheckedRow, FigureEffectResult>;

/** The threshold versions of the rows' indicators, as the scorecard rates with them. */
async function loadBands(db: DbOrTx, rows: readonly CheckedRow[]): Promise<Map<number, ThresholdVersion[]>> {
  const rules = await loadIndicatorRules(db, [...new Set(rows.map((r) => r.indicatorId))]);
  return new Map([...rules].map(([id, rule]) => [id, domainThresholds(rule)]));
}

export async function figureEffects(db: DbOrTx, rows: readonly CheckedRow[]): Promise<RowEffects> {
  const bands = await loadBands(db, rows);
  const effects: RowEffects = new Map();
  for (const row of rows) {
    effects.set(
      row,
      figureEffect({
        change: row.change,
        old: row.old,
        new: row,
        unit: row.unit,
        precision: row.precision,
        month: row.month,
        thresholds: bands.get(row.indicatorId) ?? [],
      }),
    );
  }
  return effects;
}

/** The preview's counts of what a reader sees change. */
export function effectCounts(effects: RowEffects): { valueChanged: number; confirmed: number; ratingChanged: number } {
  let valueChanged = 0;
  let confirmed = 0;
  let ratingChanged = 0;
  for (const { effect, rating } of effects.values()) {
    if (effect === 'value_changed') valueChanged += 1;
    if (effect === 'confirmed') confirmed += 1;
    if (rating.changed) ratingChanged += 1;
  }
  return { valueChanged, confirmed, ratingChanged };
}
