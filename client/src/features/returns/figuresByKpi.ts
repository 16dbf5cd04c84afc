import type { ReturnPreview, ReturnPreviewItem } from '@kpi/shared';
import { PAGE_SIZE } from '../../components/PagedList';

/** One KPI's figures in a file: how many of each kind and the months they span. */
export type KpiFigures = {
  code: string;
  title: string;
  new: number;
  changed: number;
  unchanged: number;
  figures: number;
  /** YYYY-MM. */
  firstMonth: string;
  lastMonth: string;
};

// KPI codes in the order a person reads them: PI2 before PI10.
const byCode = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** Each KPI in the preview with its counts and first and last month, by KPI code. */
export function figuresByKpi(preview: ReturnPreview): KpiFigures[] {
  const kpis = new Map<string, KpiFigures>();
  const add = (items: readonly ReturnPreviewItem[], kind: 'new' | 'changed' | 'unchanged') => {
    for (const item of items) {
      let kpi = kpis.get(item.kpiCode);
      if (!kpi) {
        kpi = {
          code: item.kpiCode,
          title: item.kpiTitle,
          new: 0,
          changed: 0,
          unchanged: 0,
          figures: 0,
          firstMonth: item.month,
          lastMonth: item.month,
        };
        kpis.set(item.kpiCode, kpi);
      }
      kpi[kind] += 1;
      kpi.figures += 1;
      // YYYY-MM strings sort in time order
      if (item.month < kpi.firstMonth) kpi.firstMonth = item.month;
      if (item.month > kpi.lastMonth) kpi.lastMonth = item.month;
    }
  };
  add(preview.newValues, 'new');
  add(preview.changedValues, 'changed');
  add(preview.unchangedValues, 'unchanged');
  return [...kpis.values()].sort((a, b) => byCode.compare(a.code, b.code));
}

/** The preview's figures for one KPI, or all of them when `kpiCode` is null. */
export function previewForKpi(preview: ReturnPreview, kpiCode: string | null): ReturnPreview {
  if (kpiCode === null) return preview;
  const only = (items: readonly ReturnPreviewItem[]) => items.filter((item) => item.kpiCode === kpiCode);
  return {
    newValues: only(preview.newValues),
    changedValues: only(preview.changedValues),
    unchangedValues: only(preview.unchangedValues),
    ratingChanges: only(preview.ratingChanges),
  };
}

/**
 * Figures loading writes over one held, split as a reader sees them: those whose value changes,
 * and those confirmed (the same value, now from a return).
 */
export function byEffect(items: readonly ReturnPreviewItem[]): [ReturnPreviewItem[], ReturnPreviewItem[]] {
  const changes: ReturnPreviewItem[] = [];
  const confirmed: ReturnPreviewItem[] = [];
  for (const item of items) (item.effect === 'confirmed' ? confirmed : changes).push(item);
  return [changes, confirmed];
}

/**
 * A list of the preview is longer than a page: the page then summarises the figures by KPI and
 * lets the person show one KPI's. A normal monthly return never is, so it looks as it always has.
 */
export function isLargePreview(preview: ReturnPreview): boolean {
  return Math.max(preview.newValues.length, preview.changedValues.length, preview.unchangedValues.length) > PAGE_SIZE;
}
