import { checkTolerance, type Operator, parseBands, UNITS } from '@kpi/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readScheduleFile } from './readSchedule';
import { bandColumns, type ScheduleRecord, scheduleCsv, scheduleXlsx } from './writeSchedule';

const ROW: Omit<ScheduleRecord, 'target' | 'tolerance' | 'failure'> = {
  set_code: 'C2024',
  set_name: 'Contract 2024',
  set_from: '2024-04',
  set_to: '',
  persistent_failure_months: 3,
  position: 1,
  code: 'PI4',
  title: 'Assessments completed within 45 working days',
  short_title: '',
  theme: 'front_door',
  unit: 'percent',
  polarity: 'higher_is_better',
  precision: 1,
  measure_type: 'flow',
  definition: 'Of assessments completed in the month, the % within 45 working days.',
  why_it_matters: 'Children wait less.',
  bands_from: '2024-04',
  grace_months: '',
  grace_from: '',
};

/** Usable bands: target and failure point opposite ways, a tenth or more apart, in tenths. */
const bandsArbitrary = fc
  .record({
    unit: fc.constantFrom(...UNITS),
    higherIsBetter: fc.boolean(),
    strictTarget: fc.boolean(),
    strictFailure: fc.boolean(),
    failureTenths: fc.integer({ min: 0, max: 100_000 }),
    gapTenths: fc.integer({ min: 1, max: 10_000 }),
  })
  .map(({ unit, higherIsBetter, strictTarget, strictFailure, failureTenths, gapTenths }) => {
    const failureValue = failureTenths / 10;
    const targetValue = (higherIsBetter ? failureTenths + gapTenths : Math.max(0, failureTenths - gapTenths)) / 10;
    const up = (strict: boolean): Operator => (strict ? '>' : '>=');
    const down = (strict: boolean): Operator => (strict ? '<' : '<=');
    return {
      unit,
      bands: {
        targetOperator: higherIsBetter ? up(strictTarget) : down(strictTarget),
        targetValue,
        failureOperator: higherIsBetter ? down(strictFailure) : up(strictFailure),
        failureValue,
      },
    };
  })
  .filter(({ bands }) => bands.targetValue !== bands.failureValue);

async function roundTrip(bytes: Buffer) {
  const read = await readScheduleFile(bytes);
  expect(read.problems).toEqual([]);
  expect(read.rows).toHaveLength(1);
  return read.rows[0]!;
}

function expectSameBands(
  row: Awaited<ReturnType<typeof roundTrip>>,
  written: ReturnType<typeof bandColumns>,
  unit: (typeof UNITS)[number],
  bands: object,
) {
  expect(row.tolerance.text).toBe(written.tolerance);
  const parsed = parseBands(row.target.text, row.failure.text, unit);
  expect(parsed).toEqual({ ok: true, bands });
  if (!parsed.ok) return;
  expect(checkTolerance(row.tolerance.text, parsed.bands, unit)).toEqual({ ok: true, tolerance: written.tolerance });
}

describe('a schedule written then read gives the same bands, tolerance included', () => {
  it('writes the tolerance from where failure ends, pointing the target’s way', () => {
    const higher = { targetOperator: '>', targetValue: 85, failureOperator: '<', failureValue: 75 } as const;
    expect(bandColumns(higher, 'percent')).toEqual({
      target: 'Target > 85%',
      tolerance: 'Tolerance >= 75%',
      failure: 'Failure < 75%',
    });
    const lower = { targetOperator: '<=', targetValue: 10, failureOperator: '>=', failureValue: 20 } as const;
    expect(bandColumns(lower, 'days').tolerance).toBe('Tolerance < 20 days');
    expect(bandColumns(null, 'percent')).toEqual({ target: '', tolerance: '', failure: '' });
  });

  it('as CSV (property)', async () => {
    await fc.assert(
      fc.asyncProperty(bandsArbitrary, async ({ unit, bands }) => {
        const written = bandColumns(bands, unit);
        const row = await roundTrip(scheduleCsv([{ ...ROW, unit, ...written }]));
        expectSameBands(row, written, unit, bands);
      }),
      { numRuns: 200 },
    );
  });

  it('as XLSX (property)', async () => {
    await fc.assert(
      fc.asyncProperty(bandsArbitrary, async ({ unit, bands }) => {
        const written = bandColumns(bands, unit);
        const row = await roundTrip(await scheduleXlsx([{ ...ROW, unit, ...written }]));
        expectSameBands(row, written, unit, bands);
      }),
      { numRuns: 25 },
    );
  });
});
