import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/** The contract schedule downloaded, uploaded back unchanged, and changed, on the demo seed. */
describe(`the contract schedule as a file (${testDriverName()})`, () => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const upload = (who: string, body: Buffer | string, fileName: string, contentType = 'text/csv') =>
    t.app.inject({
      method: 'POST',
      url: `/api/contract/schedule/uploads?fileName=${encodeURIComponent(fileName)}`,
      headers: { cookie: cookie[who]!, 'content-type': contentType },
      payload: body,
    });

  beforeAll(async () => {
    t = await createSeededTestApp();
    for (const who of ['viewer', 'commissioner', 'admin']) cookie[who] = await signInAs(t.app, who);
  }, 300_000);
  afterAll(() => t.close());

  it('downloads every set as CSV in the documented layout, bands in the contract’s words', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/contract/schedule.csv',
      headers: { cookie: cookie.viewer! },
    });
    expect(response.statusCode).toBe(200);
    const [header, first] = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe(
      'set_code,set_name,set_from,set_to,persistent_failure_months,position,code,title,short_title,theme,unit,polarity,precision,measure_type,definition,why_it_matters,target,tolerance,failure,bands_from,grace_months,grace_from',
    );
    expect(first).toMatch(/^CONTRACT-2018,.*,2018-\d\d,2024-03,3,1,PI1,/);
    // All three bands, the tolerance (amber) as the upload reads it: from where failure ends.
    expect(first).toContain('Target > 75%,Tolerance >= 65%,Failure < 65%');
  });

  it('uploading the downloaded file back (CSV and XLSX) changes nothing', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await t.app.inject({
        method: 'GET',
        url: `/api/contract/schedule.${format}`,
        headers: { cookie: cookie.commissioner! },
      });
      const preview = await upload('commissioner', file.rawPayload, `schedule.${format}`, 'application/octet-stream');
      expect(preview.statusCode, preview.body).toBe(200);
      expect(preview.json()).toMatchObject({
        status: 'ready',
        problems: [],
        plan: { newIndicators: [], sets: [], bandChanges: [] },
      });
      expect(preview.json().plan.unchangedSets).toBeGreaterThanOrEqual(1);
      expect(preview.json().plan.unchangedBands).toBeGreaterThanOrEqual(15);
    }
  });

  it('reports every problem at once, with row and column, and writes nothing', async () => {
    const csv = [
      'set_code,set_name,set_from,code,unit,target,failure,grace_months',
      'C2024,Contract 2024,2024-04,PI4,days,Target > 85%,Failure < 75%,',
      'C2024,Contract 2024,2024-13,NEW9,,,,',
      'C2024,Contract 2024,2024-04,PI1,,Target > 85%,Failure > 90%,40',
      'C2024,Contract 2024,2024-04,PI1,,,,',
    ].join('\n');
    const preview = await upload('commissioner', csv, 'bad.csv');
    expect(preview.statusCode).toBe(200);
    const { status, problems } = preview.json();
    expect(status).toBe('rejected');
    const where = problems.map((p: { location: string }) => p.location);
    expect(where).toEqual(
      expect.arrayContaining([
        'row 2, column "unit"',
        'row 3, column "title"',
        'row 3, column "definition"',
        'row 3, column "precision"',
        'row 4, column "failure"',
        'row 4, column "grace_months"',
        'row 5, column "code"',
      ]),
    );
    const confirm = await t.app.inject({
      method: 'POST',
      url: `/api/contract/schedule/uploads/${preview.json().id}/confirm`,
      headers: { cookie: cookie.commissioner! },
    });
    expect(confirm.statusCode).toBe(409);
  });

  it('refuses a line break in a set name, a title or a band, at its cell, as the form does', async () => {
    // A cell typed with Alt+Enter in Excel, or quoted over two lines in a CSV.
    const csv = [
      'set_code,set_name,set_from,persistent_failure_months,code,title,theme,unit,polarity,precision,measure_type,definition,why_it_matters,target,failure',
      'C2026,"Contract\n2026",2026-04,3,NL1,"Same home\nfor 2 years",children_in_care,percent,higher_is_better,1,snapshot,"Of children in care.\nAt month end.",Stability,"Target\t> 70%",Failure < 60%',
    ].join('\r\n');
    const preview = await upload('commissioner', csv, 'line-breaks.csv');
    expect(preview.statusCode, preview.body).toBe(200);
    const { status, problems } = preview.json();
    expect(status).toBe('rejected');
    const oneLine = problems
      .filter((p: { message: string }) => /on one line/.test(p.message))
      .map((p: { location: string }) => p.location);
    // The definition may run over lines; a name, a title and a band may not.
    expect(oneLine).toEqual(['row 2, column "set_name"', 'row 2, column "title"', 'row 2, column "target"']);
  });

  it('checks the tolerance against the target and failure: shown when it agrees, refused at its cell when not', async () => {
    const header = 'set_code,set_name,set_from,code,target,tolerance,failure';
    const agrees = await upload(
      'commissioner',
      [header, 'C2030,Contract 2030,2030-04,PI4,Target > 88%,Tolerance > 78%,Failure < 78%'].join('\n'),
      'tolerance.csv',
    );
    expect(agrees.json()).toMatchObject({
      status: 'ready',
      plan: { bandChanges: [{ indicatorCode: 'PI4', target: 'Target > 88%', tolerance: 'Tolerance > 78%' }] },
    });
    const contradicts = await upload(
      'commissioner',
      [
        header,
        'C2030,Contract 2030,2030-04,PI4,Target > 88%,Tolerance > 70%,Failure < 78%',
        'C2030,Contract 2030,2030-04,PI1,Target > 75%,Tolerance > 65 days,Failure < 65%',
      ].join('\n'),
      'tolerance.csv',
    );
    expect(contradicts.json().status).toBe('rejected');
    expect(contradicts.json().problems).toEqual([
      {
        location: 'row 2, column "tolerance"',
        row: 2,
        column: 'tolerance',
        message: expect.stringMatching(
          /^PI4: The tolerance \(Tolerance > 70%\) contradicts the bands Target > 88% and Failure < 78%: amber is everything between them, so the tolerance is "Tolerance >= 78%"/,
        ),
      },
      {
        location: 'row 3, column "tolerance"',
        row: 3,
        column: 'tolerance',
        message: 'PI1: The tolerance names a number of days, but the KPI is a percentage.',
      },
    ]);
  });

  it('refuses two sets in one file that would rate the same months, naming both, as a single proposal is refused', async () => {
    const csv = [
      'set_code,set_name,set_from,set_to,code',
      'C2030,Contract 2030,2030-04,2031-03,PI4',
      'C2031,Contract 2031,2031-01,,PI1',
    ].join('\n');
    const preview = await upload('commissioner', csv, 'two-sets.csv');
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().status).toBe('rejected');
    expect(preview.json().problems).toEqual([
      {
        location: 'row 3, column "set_from"',
        row: 3,
        column: 'set_from',
        code: 'kpi_sets_overlap',
        message:
          'C2031 (from January 2031, open-ended) would overlap Contract 2030 (C2030, April 2030 to March 2031), which already has its last month: only one KPI set rates a month. Start C2031 after March 2031.',
      },
    ]);
    const confirm = await t.app.inject({
      method: 'POST',
      url: `/api/contract/schedule/uploads/${preview.json().id}/confirm`,
      headers: { cookie: cookie.commissioner! },
    });
    expect(confirm.statusCode).toBe(409);
    expect(confirm.json()).toMatchObject({ code: 'has_problems' });
    // Back to back, the same two sets are fine.
    const apart = await upload(
      'commissioner',
      csv.replace('C2031,Contract 2031,2031-01', 'C2031,Contract 2031,2031-04'),
      'two-sets.csv',
    );
    expect(apart.json()).toMatchObject({ status: 'ready', problems: [] });
  });

  it('a new set with a new KPI: confirmed, it is proposed; approved by the other role, it is in force', async () => {
    const csv = [
      'set_code,set_name,set_from,persistent_failure_months,code,title,theme,unit,polarity,precision,measure_type,definition,why_it_matters,target,failure,grace_months',
      // PI4 carries over with new bands (the demo's Contract 2024 keeps its 2018 bands, 85% and 75%).
      'C2025,Contract 2025,2025-08,3,PI4,,,,,,,,,Target > 88%,Failure < 78%,',
      'C2025,Contract 2025,2025-08,3,LTS,Same home for 2 years,children_in_care,percent,higher_is_better,1,snapshot,Of children in care 2.5 years or more,Stability,Target > 70%,Failure < 60%,6',
    ].join('\r\n');
    const preview = await upload('commissioner', csv, 'c2024.csv');
    expect(preview.json()).toMatchObject({
      status: 'ready',
      plan: {
        newIndicators: [{ code: 'LTS' }],
        sets: [
          {
            code: 'C2025',
            replaces: false,
            indicatorCodes: ['PI4', 'LTS'],
            graceCount: 1,
            // The demo's open-ended Contract 2024 ends the month before, once C2025 is approved.
            ends: [{ code: 'CONTRACT-2024', effectiveTo: '2025-07-31' }],
          },
        ],
        bandChanges: [
          { indicatorCode: 'PI4', effectiveFrom: '2025-08-01' },
          { indicatorCode: 'LTS', effectiveFrom: '2025-08-01' },
        ],
      },
    });
    const sets = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/contract/kpi-sets', headers: { cookie: cookie.viewer! } })).json()
        .kpiSets;
    const before = (await sets()).length;
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/contract/schedule/uploads/${preview.json().id}/confirm`,
      headers: { cookie: cookie.commissioner! },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const ids: number[] = confirmed.json().proposalIds;
    expect(ids).toHaveLength(3);
    expect(await sets()).toHaveLength(before);
    for (const id of ids) {
      const approved = await t.app.inject({
        method: 'POST',
        url: `/api/contract/proposals/${id}/approve`,
        headers: { cookie: cookie.admin! },
        payload: {},
      });
      expect(approved.statusCode, approved.body).toBe(200);
    }
    const added = (await sets()).find((s: { code: string }) => s.code === 'C2025');
    expect(added).toMatchObject({
      effectiveFrom: '2025-08-01',
      indicators: [
        { code: 'PI4', grace: [] },
        { code: 'LTS', grace: [{ startsOn: '2025-08-01', endsOn: '2026-01-31' }] },
      ],
    });
    expect((await sets()).find((s: { code: string }) => s.code === 'CONTRACT-2024')).toMatchObject({
      effectiveFrom: '2024-04-01',
      effectiveTo: '2025-07-31',
    });
    const scorecard = await t.app.inject({
      method: 'GET',
      url: '/api/scorecard?month=2025-08',
      headers: { cookie: cookie.admin! },
    });
    expect(scorecard.json().kpiSet.code).toBe('C2025');
    // An unconfirmed XLSX that is not a workbook is refused like a monthly return.
    const notXlsx = await upload('commissioner', Buffer.from('PK\u0003\u0004nonsense'), 'x.xlsx');
    expect(notXlsx.json().status).toBe('rejected');
  });
});
