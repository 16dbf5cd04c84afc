import {
  indicatorListResponseSchema,
  meetingBriefingSchema,
  meetingListResponseSchema,
  monthRange,
  type ScorecardResponse,
  scorecardResponseSchema,
} from '@kpi/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestApp } from '../support/seededApp';
import { signInAs, type TestApp } from '../support/testApp';
import { testDriverName } from '../support/testDatabase';

/**
 * The dashboard for the months its users live in (issue 14): on the seeded demo, Contract 2024 is
 * in force from April 2024, the scorecard opens on July 2025 with rated KPIs, monitored
 * indicators sit beside them, and every figure the Trust reported to the Scrutiny Board on
 * 8 September 2025 is on screen for July 2025 with the minutes' comparator statement.
 */

/** Every figure minute 33/25 reports, with the words of its comparator statement where it gives one. */
const SEPTEMBER_2025: Array<{ code: string; shown: string; words: string }> = [
  { code: 'VACANCY-RATE-OVERALL', shown: '2.40%', words: 'fallen from 11.11% in May 2022 to 2.4% in July 2025' },
  { code: 'VACANCY-RATE-SW', shown: '7.4%', words: '7.4% in July 2025' },
  { code: 'PERMANENT-WORKFORCE-PCT', shown: '90.14%', words: '90.14% in July 2025' },
  { code: 'AGENCY-WORKFORCE-PCT', shown: '9.86%', words: '9.86' },
  { code: 'AGENCY-SW-PCT', shown: '18.1%', words: '18.1% in July 2025' },
  {
    code: 'REFERRALS',
    shown: '',
    words: 'lower than statistical neighbours, as well as the West Midlands and England averages',
  },
  {
    code: 'RE-REFERRALS',
    shown: '19.0%',
    words: 'in line with statistical neighbours, as well as the West Midlands and England averages',
  },
  { code: 'CONTACTS', shown: '972', words: 'down from 2405 in March 2024' },
  { code: 'ASSESSMENTS-RATE-12M', shown: '463.0', words: 'over the last 12 months was 463' },
  {
    code: 'PI4',
    shown: '',
    words:
      'above statistical neighbours, as well as the West Midlands and England averages. Performance between January to July 2025 was 87.2%',
  },
  {
    code: 'S47-RATE-12M',
    shown: '156.6',
    words: 'below statistical neighbours, as well as the West Midlands and England',
  },
  {
    code: 'PI3',
    shown: '80.0%',
    words: 'below the West Midlands average but slightly above statistical neighbours and England averages',
  },
  {
    code: 'CIN-PLAN-COUNT',
    shown: '695',
    words: 'significantly below statistical neighbour averages but in line with the West Midlands and England averages',
  },
  {
    code: 'PI2',
    shown: '44.6',
    words: 'below the statistical neighbour average and slightly above the England average',
  },
  {
    code: 'CP-PLAN-2YRS-PCT',
    shown: '1.0%',
    words: 'below statistical neighbours, as well as the West Midlands and England averages',
  },
  { code: 'CP-REPEAT-2Y-COUNT', shown: '1', words: 'only 1 child recorded' },
  { code: 'CIC-COUNT', shown: '820', words: '820 as of July 2025' },
  {
    code: 'CARE-EXITS-RATE',
    shown: '24.9',
    words: 'below the statistical neighbour average of 36.6% and comparable to the West Midlands average of 26%',
  },
  {
    code: 'CARE-ENTRANTS-RATE-12M',
    shown: '27.9',
    words: 'statistical neighbour average of 36.1 and aligning closely with the regional average of 27',
  },
  { code: 'CARE-EXPERIENCED-18PLUS', shown: '411', words: 'all of whom were allocated a Personal Advisor' },
];

describe(`the current contract period on the seeded demo (${testDriverName()})`, () => {
  let t: TestApp;
  let cookie: string;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
  const scorecard = async (month?: string): Promise<ScorecardResponse> => {
    const response = await get(month ? `/api/scorecard?month=${month}` : '/api/scorecard');
    expect(response.statusCode, month).toBe(200);
    return scorecardResponseSchema.parse(response.json());
  };

  beforeAll(async () => {
    t = await createSeededTestApp();
    cookie = await signInAs(t.app, 'viewer');
  });
  afterAll(() => t.close());

  it('opens on July 2025 with the Contract 2024 KPIs rated, and says its configuration is illustrative', async () => {
    const latest = await scorecard();
    expect(latest.month).toBe('2025-07');
    expect(latest.kpiSet?.code).toBe('CONTRACT-2024');
    expect(latest.kpiSet?.illustrativeNote).toMatch(/^Illustrative configuration/);
    expect(latest.items.map((i) => i.code)).toEqual([
      'PI2',
      'PI3',
      'PI4',
      'LTPS-2Y',
      'RE-REFERRALS',
      'CP-PLAN-2YRS-PCT',
    ]);
    expect(latest.items.every((i) => i.bandsIllustrative)).toBe(true);
    expect(latest.counts.red + latest.counts.amber + latest.counts.green).toBe(6);
    expect(latest.noSetNote).toBeNull();
  });

  it('rates KPIs in every month from April 2024 to July 2025', async () => {
    for (const month of monthRange('2024-04', '2025-07')) {
      const card = await scorecard(month);
      expect(card.kpiSet?.code, month).toBe('CONTRACT-2024');
      expect(card.counts.red + card.counts.amber + card.counts.green, month).toBeGreaterThanOrEqual(5);
    }
  });

  it('follows long-term placement stability through its 6-month grace period into persistent failure', async () => {
    const ltps = async (month: string) => (await scorecard(month)).items.find((i) => i.code === 'LTPS-2Y')!;
    const september = await ltps('2024-09');
    expect(september.current.status).toBe('red');
    expect(september.consequence.carriesConsequence).toBe(false);
    expect(september.consequence.reason).toMatch(/grace period/);
    const december = await ltps('2024-12');
    expect([december.consequence.carriesConsequence, december.streak.persistentFailure]).toEqual([true, false]);
    const january = await ltps('2025-01');
    expect(january.streak.persistentFailure).toBe(true);
    expect((await ltps('2025-07')).streak.persistentFailure).toBe(true);
    // The new KPIs' 3-month grace: April–June 2024 carry no consequence, July does.
    const reReferrals = async (month: string) => (await scorecard(month)).items.find((i) => i.code === 'RE-REFERRALS')!;
    expect((await reReferrals('2024-06')).consequence.carriesConsequence).toBe(false);
    expect((await reReferrals('2024-07')).consequence.carriesConsequence).toBe(true);
  });

  it('splits the month picker by the set in force', async () => {
    const latest = await scorecard();
    expect(latest.periods.map((p) => [p.kpiSetCode, p.from, p.to])).toEqual([
      ['CONTRACT-2018', '2018-04', '2024-03'],
      ['CONTRACT-2024', '2024-04', '2025-07'],
    ]);
  });

  it('shows monitored indicators beside the KPIs, with comparators and direction of travel', async () => {
    const latest = await scorecard();
    const monitored = latest.monitored.map((m) => m.code);
    expect(monitored).toEqual(
      expect.arrayContaining(['CONTACTS', 'S47-RATE-12M', 'CIC-COUNT', 'VACANCY-RATE-OVERALL']),
    );
    expect(monitored).not.toContain('PI2');
    const s47 = latest.monitored.find((m) => m.code === 'S47-RATE-12M')!;
    expect(s47.direction?.previousMonth.month).toBe('2025-06');
    expect(s47.comparators.map((c) => c.line).sort()).toEqual(['england', 'region', 'statistical_neighbours']);
    // The Trust: "below statistical neighbours, as well as the West Midlands and England".
    expect(s47.comparators.map((c) => c.relation)).toEqual(['below', 'below', 'below']);
  });

  it('gives the two latest briefings the 2024 set and the monitored indicators', async () => {
    const { meetings } = meetingListResponseSchema.parse((await get('/api/meetings')).json());
    for (const heldOn of ['2025-03-24', '2025-09-08']) {
      const meeting = meetings.find((m) => m.heldOn === heldOn)!;
      const briefing = meetingBriefingSchema.parse((await get(`/api/meetings/${meeting.id}/briefing`)).json());
      expect(briefing.kpiSet?.code, heldOn).toBe('CONTRACT-2024');
      expect(briefing.counts.red + briefing.counts.amber + briefing.counts.green, heldOn).toBe(6);
      expect(briefing.headline, heldOn).toMatch(/^6 of 6 KPIs in Contract 2024/);
      expect(briefing.monitored.length, heldOn).toBeGreaterThan(5);
      expect(
        briefing.persistentFailure.map((k) => k.code),
        heldOn,
      ).toEqual(heldOn === '2025-03-24' ? [] : ['LTPS-2Y']);
    }
  });

  it('opens a briefing with no rated figure on that fact, not on zero counts', async () => {
    await t.database.db.execute(
      sql`insert into meetings (organisation_id, board, held_on, months_from, months_to, published_at)
        select id, 'Test board', '2017-06-01', '2017-01-01', '2017-03-01', now() from organisations`,
    );
    const { meetings } = meetingListResponseSchema.parse((await get('/api/meetings')).json());
    const meeting = meetings.find((m) => m.heldOn === '2017-06-01')!;
    const briefing = meetingBriefingSchema.parse((await get(`/api/meetings/${meeting.id}/briefing`)).json());
    expect(briefing.headline).toMatch(
      /^No figure in the months this meeting covers \(January 2017 to March 2017\) was rated against contract bands: no contract KPI set was in force in March 2017/,
    );
  });

  it('lists every indicator with its latest figure, and finds every figure of the September 2025 minutes', async () => {
    const list = indicatorListResponseSchema.parse((await get('/api/indicators')).json());
    expect(list.asOf).toBe('2025-07');
    for (const figure of SEPTEMBER_2025) {
      const indicator = list.indicators.find((i) => i.code === figure.code);
      expect(indicator, figure.code).toBeDefined();
      expect(indicator!.latest?.month, figure.code).toBe('2025-07');
      if (figure.shown) expect(indicator!.latest?.displayValue, figure.code).toContain(figure.shown);
      expect(indicator!.commentary?.body, figure.code).toContain(figure.words);
    }
    // Every indicator is listed, monitored or not.
    expect(list.indicators.length).toBeGreaterThanOrEqual(45);
  });

  // Last: it changes the data. With Contract 2024 ended in March 2025, July 2025 has no set in force.
  it('says plainly when no set applied, and still shows the monitored indicators', async () => {
    await t.database.db.execute(sql`update kpi_sets set effective_to = '2025-03-31' where code = 'CONTRACT-2024'`);
    const july = await scorecard('2025-07');
    expect(july.kpiSet).toBeNull();
    expect(july.items).toEqual([]);
    expect(july.noSetNote).toMatch(/^No contract KPI set was in force in July 2025/);
    expect(july.monitored.map((m) => m.code)).toEqual(expect.arrayContaining(['PI2', 'CONTACTS', 'LTPS-2Y']));
    // With no month asked for, the scorecard opens on the last month a set was in force.
    expect((await scorecard()).month).toBe('2025-03');
  });
});
