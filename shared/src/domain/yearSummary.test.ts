import { describe, expect, it } from 'vitest';
import type { RagStatus } from '../contracts/enums';
import { addMonths, financialYearMonths } from './periods';
import { YEAR_SUMMARY_WORDS, yearSummary } from './yearSummary';

/** Twelve statuses from April: G/A/R, N = no_data, '.' = no row. */
function year(pattern: string, fy = '2020-21'): Array<{ month: string; status: RagStatus }> {
  const months = financialYearMonths(fy);
  const out: Array<{ month: string; status: RagStatus }> = [];
  [...pattern].forEach((ch, i) => {
    const month = months[i];
    if (ch === '.' || month === undefined) return;
    out.push({
      month,
      status: ({ G: 'green', A: 'amber', R: 'red', N: 'no_data' } as const)[ch as 'G' | 'A' | 'R' | 'N'],
    });
  });
  return out;
}

describe('yearSummary', () => {
  it.each([
    // pattern (Apr → Mar), category, what it models
    ['GGGGGGGGRGGG', 'improved_or_maintained_above_target', 'PI1: above target, a dip in December'],
    ['GGGGAAGGGGGG', 'improved_or_maintained_above_target', 'PI4: a dip mid-year that recovered'],
    ['RRAAAGGGGGGG', 'improved_or_maintained_above_target', 'improved from failure to target'],
    ['GGGGGGGGAGGA', 'declined_or_oscillated', 'PI8: above target save December and March'],
    ['GGGGGGGGGGAR', 'declined_or_oscillated', 'PI6: a drop at the end of the year'],
    ['AAAAAAAAAAAA', 'broadly_same_below_target', 'PI7: between 85 and 95% throughout, below the 95% target'],
    ['AAAGAAAAAAAA', 'broadly_same_below_target', 'amber with a single month on target'],
    ['RRRRRRRRRRRR', 'broadly_same_below_target', 'in failure all year: the same, below target'],
    ['ARARARARARAA', 'declined_or_oscillated', 'oscillated between failure and tolerance'],
    ['RRRRRRAAAAAA', 'declined_or_oscillated', 'moved from failure into tolerance but not to target'],
    ['AAAAAAAAAAAR', 'declined_or_oscillated', 'declined into failure'],
    ['NNGG.GGGG..A', 'declined_or_oscillated', 'gaps ignored: first rated month green, last amber'],
    ['..A.......NN', 'broadly_same_below_target', 'one rated month'],
    ['NNNNNNNNNNNN', 'not_enough_data', 'nothing rated'],
    ['', 'not_enough_data', 'no rows'],
  ] as const)('%s → %s (%s)', (pattern, category, _models) => {
    const summary = yearSummary(year(pattern), '2020-21');
    expect(summary.category).toBe(category);
    expect(summary.words).toBe(YEAR_SUMMARY_WORDS[category]);
  });

  it('uses the annual review words', () => {
    expect(YEAR_SUMMARY_WORDS.improved_or_maintained_above_target).toBe('improved or maintained above target');
    expect(YEAR_SUMMARY_WORDS.broadly_same_below_target).toBe('broadly the same but below target');
    expect(YEAR_SUMMARY_WORDS.declined_or_oscillated).toBe('declined or oscillated between failure and tolerance');
  });

  it('reproduces the 2020/21 review tally (8 / 3 / 4) from series shaped like its paragraphs', () => {
    const kpis: Record<string, string> = {
      PI1: 'GGGGGGGGRGGG', // consistently above target; December dip
      PI2: 'AAAGGGGGGGGG', // lowest rate for two years
      PI3: 'GGGGGGGGGGGG', // sustained above target
      PI4: 'GGGGAAGGGGGG', // dip mid-year
      PI5: 'GGGGGGGGGGGG', // consistently better than target
      PI6: 'GGGGGGGGGGAA', // drop at the end of the year
      PI7: 'AAAAAAAAAAAA', // between 85 and 95% throughout
      PI8: 'GGGGGGGGAGGA', // above target save December and March
      PI9: 'GGGAGGGGGGGG', // good, small samples
      PI10: 'GGGGGGGGAAAA', // visits declined
      PI11: 'GGGGGGGGGAAA', // slight drop
      PI12: 'GGGGGGGGGGGG', // consistently above target
      PI13: 'AAAAAAAAAAAA', // progress in summer, reversed later: below target
      PI14: 'AAAAAAAAAAAA', // caseloads gradually increased, within tolerance
      PI15: 'GGGGGGGGGGGG', // consistent
    };
    const tally: Record<string, number> = {};
    for (const pattern of Object.values(kpis)) {
      const { category } = yearSummary(year(pattern), '2020-21');
      tally[category] = (tally[category] ?? 0) + 1;
    }
    expect(tally).toEqual({
      improved_or_maintained_above_target: 8,
      broadly_same_below_target: 3,
      declined_or_oscillated: 4,
    });
  });

  it('only looks at the months of the financial year (March and April edges)', () => {
    const results = [
      { month: '2020-03', status: 'red' as const }, // 2019-20
      { month: '2020-04', status: 'amber' as const },
      { month: '2021-03', status: 'green' as const },
      { month: '2021-04', status: 'red' as const }, // 2021-22
    ];
    const summary = yearSummary(results, '2020-21');
    expect(summary.first).toEqual({ month: '2020-04', status: 'amber' });
    expect(summary.last).toEqual({ month: '2021-03', status: 'green' });
    expect(summary.counts).toEqual({ green: 1, amber: 1, red: 0, missing: 10 });
    expect(summary.category).toBe('improved_or_maintained_above_target');
    expect(yearSummary(results, '2021-22').category).toBe('broadly_same_below_target');
  });

  it('explains itself in one sentence', () => {
    expect(yearSummary(year('GGGGGGGGRGGG'), '2020-21').reason).toBe(
      'It ended 2020/21 on target in March 2021, with 11 of 12 rated months on target.',
    );
    expect(yearSummary(year('GGGGGGGGAGGA'), '2020-21').reason).toBe(
      'It ended 2020/21 amber (below target, not in failure) in March 2021, worse than on target in April 2020.',
    );
    expect(yearSummary(year('ARARARARARAA'), '2020-21').reason).toBe(
      'It moved between failure and tolerance during 2020/21 (5 months in failure, 7 amber) and ended amber (below target, not in failure) in March 2021.',
    );
    expect(yearSummary(year('AAAAAAAAAAAA'), '2020-21').reason).toBe(
      'It ended 2020/21 amber (below target, not in failure) in March 2021, no worse than it started in April 2020, without moving between failure and tolerance.',
    );
    expect(yearSummary([], '2020-21').reason).toBe('No month of 2020/21 has a rated figure.');
  });

  it('rejects a bad year and duplicate months', () => {
    expect(() => yearSummary([], '2020/21')).toThrow(/financial year/);
    const month = addMonths('2020-04', 0);
    expect(() =>
      yearSummary(
        [
          { month, status: 'green' },
          { month, status: 'red' },
        ],
        '2020-21',
      ),
    ).toThrow(/Two results/);
  });
});
