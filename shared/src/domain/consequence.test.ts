import { describe, expect, it } from 'vitest';
import { type ConsequenceRules, consequenceOf, rangeCoversMonth } from './consequence';
import { financialYearMonths } from './periods';

const GRACE = { startsOn: '2024-04-01', endsOn: '2024-06-30', reason: 'New KPI from 1 April 2024' };
const COVID = {
  name: 'COVID-19',
  startsOn: '2020-04-01',
  endsOn: '2021-09-30',
  reason: 'Agreed by SMBC on 21 July 2020, extended to September 2021.',
};

describe('rangeCoversMonth: a month is covered when its first day is in the inclusive range', () => {
  it.each([
    // startsOn, endsOn, month, covered
    ['2024-04-01', '2024-06-30', '2024-03', false],
    ['2024-04-01', '2024-06-30', '2024-04', true], // starts on the first day
    ['2024-04-01', '2024-06-30', '2024-06', true], // 1 June is inside
    ['2024-04-01', '2024-06-30', '2024-07', false],
    ['2020-07-21', '2021-09-30', '2020-07', false], // starts after 1 July
    ['2020-07-21', '2021-09-30', '2020-08', true],
    ['2020-04-01', '2021-09-15', '2021-09', true], // ends after 1 September
    ['2020-04-01', '2021-10-01', '2021-10', true], // ends on 1 October itself
    ['2020-04-01', '2021-09-30', '2021-10', false],
    ['2021-09-01', '2021-09-01', '2021-09', true], // a one-day range on the first
    ['2021-09-02', '2021-09-30', '2021-09', false], // a range inside the month misses its first day
    ['2020-04-01', null, '2035-01', true], // open-ended
    ['2020-04-01', null, '2020-03', false],
  ])('%s to %s covers %s: %s', (startsOn, endsOn, month, covered) => {
    expect(rangeCoversMonth({ startsOn, endsOn }, month)).toBe(covered);
  });

  it('rejects bad and reversed ranges', () => {
    expect(() => rangeCoversMonth({ startsOn: '2020-4-1', endsOn: null }, '2020-04')).toThrow(/startsOn/);
    expect(() => rangeCoversMonth({ startsOn: '2020-04-01', endsOn: '2020-02-30' }, '2020-04')).toThrow(/endsOn/);
    expect(() => rangeCoversMonth({ startsOn: '2020-04-01', endsOn: '2020-03-31' }, '2020-04')).toThrow(/before/);
  });
});

describe('consequenceOf', () => {
  const rules: ConsequenceRules = { gracePeriods: [GRACE], reliefEvents: [] };

  it('a month outside every grace period and relief event carries a consequence', () => {
    expect(consequenceOf('2024-07', rules)).toEqual({ carriesConsequence: true, reason: null });
    expect(consequenceOf('2024-03', { gracePeriods: [], reliefEvents: [] })).toEqual({
      carriesConsequence: true,
      reason: null,
    });
  });

  it('the three grace months carry none, with a reason', () => {
    const months = ['2024-03', '2024-04', '2024-05', '2024-06', '2024-07'];
    expect(months.map((m) => consequenceOf(m, rules).carriesConsequence)).toEqual([true, false, false, false, true]);
    expect(consequenceOf('2024-04', rules).reason).toBe(
      'No consequence this month because it is within the grace period from 1 April 2024 to 30 June 2024 (New KPI from 1 April 2024).',
    );
  });

  it('the COVID relief event covers 2020/21 and April–September 2021, not October', () => {
    const relief: ConsequenceRules = { gracePeriods: [], reliefEvents: [COVID] };
    const covered = financialYearMonths('2021-22').map((m) => !consequenceOf(m, relief).carriesConsequence);
    expect(covered).toEqual([true, true, true, true, true, true, false, false, false, false, false, false]);
    expect(financialYearMonths('2020-21').every((m) => !consequenceOf(m, relief).carriesConsequence)).toBe(true);
    expect(consequenceOf('2020-03', relief).carriesConsequence).toBe(true);
    expect(consequenceOf('2021-09', relief).reason).toBe(
      'No consequence this month because it is covered by the relief event "COVID-19", from 1 April 2020 to 30 September 2021 (Agreed by SMBC on 21 July 2020, extended to September 2021).',
    );
  });

  it('names both a grace period and a relief event when both apply', () => {
    const both: ConsequenceRules = {
      gracePeriods: [{ startsOn: '2021-09-01', endsOn: null, reason: '' }],
      reliefEvents: [COVID],
    };
    const result = consequenceOf('2021-09', both);
    expect(result.carriesConsequence).toBe(false);
    expect(result.reason).toBe(
      'No consequence this month because it is within the grace period from 1 September 2021 and it is covered by the relief event "COVID-19", from 1 April 2020 to 30 September 2021 (Agreed by SMBC on 21 July 2020, extended to September 2021).',
    );
  });

  it('rejects a bad month', () => {
    expect(() => consequenceOf('2024-4', rules)).toThrow(/YYYY-MM/);
  });
});
