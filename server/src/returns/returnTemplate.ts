import {
  addMonths,
  compareMonths,
  dateToMonth,
  formatMonth,
  monthRange,
  type ReturnTemplateQuery,
  ukDate,
} from '@kpi/shared';
import { BadRequestError, NotFoundError } from '../errors';
import type { RequestContext } from '../http/requestContext';
import { findKpiSetByCode, listKpiSetIndicators } from './returnsRepository';
import type { ReturnsDeps } from './serviceContext';
import { buildTemplateCsv, buildTemplateXlsx, templateFileName, XLSX_MIME } from './template';

export const MAX_TEMPLATE_MONTHS = 36;

export async function returnTemplate(
  deps: ReturnsDeps,
  context: RequestContext,
  query: ReturnTemplateQuery,
): Promise<{ fileName: string; contentType: string; body: Buffer }> {
  const organisation = await context.requireOrganisation();
  const set = await findKpiSetByCode(deps.db, organisation.id, query.kpiSet);
  if (!set) {
    throw new NotFoundError(`There is no KPI set with the code ${query.kpiSet}.`);
  }
  const setFrom = dateToMonth(set.effectiveFrom);
  const setTo = set.effectiveTo ? dateToMonth(set.effectiveTo) : null;
  const lastEnded = addMonths(ukDate(deps.now()).slice(0, 7), -1);
  const to = query.to ?? (setTo && compareMonths(setTo, lastEnded) < 0 ? setTo : lastEnded);
  const from = query.from ?? to;
  const range = `from ${formatMonth(setFrom)}${setTo ? ` to ${formatMonth(setTo)}` : ' onwards'}`;
  if (compareMonths(from, to) > 0) {
    throw new BadRequestError('The first month is after the last month.', [
      { path: 'querystring.from', message: 'Choose a first month on or before the last month' },
    ]);
  }
  const months = monthRange(from, to);
  if (months.length > MAX_TEMPLATE_MONTHS) {
    throw new BadRequestError(`A template can cover at most ${MAX_TEMPLATE_MONTHS} months.`, [
      { path: 'querystring.from', message: `Choose at most ${MAX_TEMPLATE_MONTHS} months` },
    ]);
  }
  const outside = (m: string) => compareMonths(m, setFrom) < 0 || (setTo !== null && compareMonths(m, setTo) > 0);
  if (outside(from) || outside(to)) {
    throw new BadRequestError(`The KPI set ${set.code} is in force ${range}.`, [
      { path: outside(from) ? 'querystring.from' : 'querystring.to', message: `Choose months ${range}` },
    ]);
  }
  const members = await listKpiSetIndicators(deps.db, set.id);
  const spec = {
    setCode: set.code,
    setName: set.name,
    kpis: members.map((m) => ({
      code: m.indicator.code,
      title: m.indicator.title,
      unit: m.indicator.unit,
      precision: m.indicator.precision,
    })),
    months,
  };
  const fileName = templateFileName(set.code, months, query.format);
  if (query.format === 'csv') {
    return { fileName, contentType: 'text/csv; charset=utf-8', body: buildTemplateCsv(spec) };
  }
  return { fileName, contentType: XLSX_MIME, body: await buildTemplateXlsx(spec) };
}
