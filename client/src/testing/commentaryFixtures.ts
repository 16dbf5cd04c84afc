import type { ActionListResponse, ExceptionReport, KpiMonthCommentary } from '@kpi/shared';

/** A KPI-month with no commentary yet, as the Trust sees it: they may write and submit. */
export function emptyCommentaryFixture(code: string, month: string): KpiMonthCommentary {
  return {
    code,
    month,
    agreed: null,
    latest: null,
    history: [],
    historyShown: true,
    may: { save: true, submit: true, agree: false, sendBack: false },
    agreeRefusal: null,
    publication: { published: true, note: null },
  };
}

export function emptyActionsFixture(code: string): ActionListResponse {
  return { code, actions: [] };
}

export const exceptionReportFixture: ExceptionReport = {
  meetingId: 1,
  board: "Children's Services and Education Scrutiny Board",
  heldOn: '2021-07-12',
  month: '2021-05',
  items: [],
  missingCommentary: 0,
  criteria: ['red', 'persistent_failure', 'out_of_line'],
  published: true,
};
