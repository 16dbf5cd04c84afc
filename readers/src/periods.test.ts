import { describe, expect, it } from 'vitest';
import { dfePeriod, isWorkforceFile, periodOfRow } from './periods';

describe('dfePeriod', () => {
  it('places a position at 31 March in March of the reporting year', () => {
    expect(dfePeriod('2020', 'at31March')).toEqual({ periodStart: '2020-03-01', periodEnd: '2020-03-31' });
  });

  it('places events in the year to March on April–March', () => {
    expect(dfePeriod('2020', 'yearToMarch')).toEqual({ periodStart: '2019-04-01', periodEnd: '2020-03-31' });
    expect(dfePeriod('201920', 'yearToMarch')).toEqual(dfePeriod('2020', 'yearToMarch'));
  });

  it('places the workforce census at 30 September of the year itself', () => {
    expect(dfePeriod('2020', 'workforceCensus')).toEqual({ periodStart: '2020-09-01', periodEnd: '2020-09-30' });
  });
});

describe('periodOfRow', () => {
  const row = (time_period: string, time_identifier: string) => ({ time_period, time_identifier });

  it('reads Reporting year and Financial year rows, trimmed', () => {
    expect(periodOfRow(row(' 2024 ', 'Reporting year'), 2, 'yearToMarch')).toEqual({
      timePeriod: '2024',
      timeIdentifier: 'Reporting year',
      periodStart: '2023-04-01',
      periodEnd: '2024-03-31',
    });
    expect(periodOfRow(row('202324', 'Financial year'), 3, 'at31March')).toMatchObject({ periodStart: '2024-03-01' });
  });

  it('refuses other time identifiers, naming the row', () => {
    expect(() => periodOfRow(row('2024', 'Calendar year'), 7, 'yearToMarch')).toThrow(
      /^Row 7: time_identifier "Calendar year" is not supported/,
    );
  });

  it('names the row when the period cannot be read', () => {
    expect(() => periodOfRow(row('2024/26', 'Reporting year'), 9, 'yearToMarch')).toThrow(/^Row 9: /);
  });
});

describe('isWorkforceFile', () => {
  it('recognises the children’s social work workforce columns', () => {
    expect(isWorkforceFile(['time_period', 'la_name', 'vacancy_rate_fte'])).toBe(true);
    expect(isWorkforceFile(['time_period', 'la_name', 'ICPC'])).toBe(false);
  });
});
