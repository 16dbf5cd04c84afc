import {
  bandPhrase,
  dateToMonth,
  monthsBetween,
  SCHEDULE_COLUMNS,
  type ScheduleColumn,
  type ThresholdVersion,
  thresholdInForce,
  tolerancePhrase,
  type Unit,
} from '@kpi/shared';
import type { Db } from '../../db/database';
import { neutraliseText } from '../../exports/tabular';
import type { RequestContext } from '../../http/requestContext';
import { ExcelJS } from '../../returns/excel';
import { listKpiSets, loadIndicatorRules } from '../../scorecard/kpiRepository';
import { listGraceOfSets, listSetMembers } from '../contractRepository';
import { organisationForChange } from '../organisationForChange';

export type ScheduleRecord = Record<ScheduleColumn, string | number>;

/**
 * Every KPI set as schedule rows: one row per KPI in a set, with the bands that rate it in the
 * set's months (the latest version starting within them, else the one in force at its start),
 * written in the contract's words, and its grace period. Uploading this file back changes nothing.
 */
export async function scheduleRecords(db: Db, context: RequestContext): Promise<ScheduleRecord[]> {
  const organisation = await organisationForChange(context, db);
  const sets = await listKpiSets(db, organisation.id);
  const grace = await listGraceOfSets(
    db,
    sets.map((s) => s.id),
  );
  const records: ScheduleRecord[] = [];
  for (const set of sets) {
    const members = await listSetMembers(db, set.id);
    const rules = await loadIndicatorRules(
      db,
      members.map((m) => m.indicator.id),
    );
    for (const { indicator, position } of members) {
      const versions = rules.get(indicator.id)?.thresholds ?? [];
      const within = versions.filter(
        (v) => v.effectiveFrom >= set.effectiveFrom && (!set.effectiveTo || v.effectiveFrom <= set.effectiveTo),
      );
      const bands = within.at(-1) ?? thresholdInForce(versions, dateToMonth(set.effectiveFrom));
      const g = grace.find((x) => x.kpiSetId === set.id && x.indicatorId === indicator.id);
      records.push({
        set_code: set.code,
        set_name: set.name,
        set_from: dateToMonth(set.effectiveFrom),
        set_to: set.effectiveTo ? dateToMonth(set.effectiveTo) : '',
        persistent_failure_months: set.persistentFailureMonths,
        position,
        code: indicator.code,
        title: indicator.title,
        short_title: indicator.shortTitle ?? '',
        theme: indicator.theme,
        unit: indicator.unit,
        polarity: indicator.polarity,
        precision: indicator.precision,
        measure_type: indicator.measureType,
        definition: indicator.definition,
        why_it_matters: indicator.whyItMatters,
        ...bandColumns(bands, indicator.unit),
        bands_from: bands ? dateToMonth(bands.effectiveFrom) : '',
        grace_months: g ? monthsBetween(dateToMonth(g.startsOn), dateToMonth(g.endsOn)) + 1 : '',
        grace_from: g ? dateToMonth(g.startsOn) : '',
      });
    }
  }
  return records;
}

/**
 * Target, tolerance and failure in the contract's words, as the upload reads them back: the
 * tolerance is written too (amber from where failure ends), so a downloaded schedule shows all three
 * bands and uploading it again changes nothing. Empty when no bands rate the KPI.
 */
export function bandColumns(
  bands: Omit<ThresholdVersion, 'effectiveFrom' | 'effectiveTo'> | null,
  unit: Unit,
): Pick<ScheduleRecord, 'target' | 'tolerance' | 'failure'> {
  if (!bands) return { target: '', tolerance: '', failure: '' };
  return {
    target: bandPhrase('target', bands.targetOperator, bands.targetValue, unit),
    tolerance: tolerancePhrase(bands, unit),
    failure: bandPhrase('failure', bands.failureOperator, bands.failureValue, unit),
  };
}

const NAMES = SCHEDULE_COLUMNS.map((c) => c.name);

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** UTF-8 with a byte-order mark (so Excel reads £ and curly quotes), CRLF, formula-like text neutralised. */
export function scheduleCsv(records: ScheduleRecord[]): Buffer {
  const lines = [NAMES.join(',')];
  for (const record of records) {
    lines.push(
      NAMES.map((name) => {
        const value = record[name];
        return typeof value === 'number' ? String(value) : quote(neutraliseText(value));
      }).join(','),
    );
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** The same rows on a first sheet "Schedule", and what each column means on a second. */
export async function scheduleXlsx(records: ScheduleRecord[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Schedule', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = NAMES.map((name) => ({
    header: name,
    key: name,
    width: ['title', 'definition', 'why_it_matters'].includes(name) ? 50 : Math.max(12, name.length + 2),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const record of records) sheet.addRow(record);
  // Months are text (2024-04) so that Excel never turns them into dates in another form.
  for (const name of ['set_from', 'set_to', 'bands_from', 'grace_from']) sheet.getColumn(name).numFmt = '@';
  const about = workbook.addWorksheet('Columns');
  about.columns = [
    { header: 'column', key: 'name', width: 28 },
    { header: 'meaning', key: 'meaning', width: 100 },
  ];
  about.getRow(1).font = { bold: true };
  for (const column of SCHEDULE_COLUMNS) about.addRow(column);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
