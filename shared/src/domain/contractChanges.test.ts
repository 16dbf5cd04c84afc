import { describe, expect, it } from 'vitest';
import {
  bandChangeRefusal,
  endingsChangedSinceProposed,
  firstChangeableMonth,
  graceEndingWithSet,
  graceTrimsInWords,
  placeKpiSet,
  type SetSpan,
  setEndingsInWords,
  statedSetConflicts,
} from './contractChanges';

const C2018: SetSpan = { code: 'C2018', name: 'Contract 2018', from: '2018-04', to: '2024-03' };
const C2024: SetSpan = { code: 'C2024', name: 'Contract 2024', from: '2024-04', to: null };
const held = [C2018, C2024];
const set = (from: string, to: string | null = null, code = 'C2026'): SetSpan => ({
  code,
  name: `Contract ${code}`,
  from,
  to,
});

describe('placeKpiSet: only one KPI set rates a month', () => {
  it.each([
    ['a new set while the open-ended one runs ends it the month before', set('2026-04'), null, ['C2024:2026-03']],
    ['the same, with its own last month', set('2025-08', '2027-03'), null, ['C2024:2025-07']],
    ['the same, after the months published', set('2025-08'), '2025-07', ['C2024:2025-07']],
    ['a set in a gap before every other set', set('2010-04', '2018-03'), null, []],
    ['a change to the open-ended set itself', { ...C2024, name: 'Contract 2024 (revised)' }, null, []],
    ['a change to a closed set that keeps within its months', { ...C2018, to: '2024-03' }, null, []],
  ] as const)('%s', (_, proposed, locked, ends) => {
    const placed = placeKpiSet(held, proposed, locked);
    expect(placed.ok).toBe(true);
    if (placed.ok) expect(placed.ends.map((e) => `${e.code}:${e.lastMonth}`)).toEqual(ends);
  });

  it.each([
    [
      'starting in the open-ended set’s first month',
      set('2024-04'),
      null,
      'kpi_sets_overlap',
      /on or before the first month of Contract 2024 \(C2024, from April 2024, open-ended\).*Start C2026 after April 2024\./,
    ],
    [
      'starting before it',
      set('2024-01', '2024-06'),
      null,
      'kpi_sets_overlap',
      /overlap Contract 2018 \(C2018, April 2018 to March 2024\), which already has its last month/,
    ],
    [
      'overlapping a set with an end month',
      set('2023-04', '2023-09'),
      null,
      'kpi_sets_overlap',
      /Start C2026 after March 2024\./,
    ],
    [
      'reopening a set that a later one follows',
      { ...C2018, to: null },
      null,
      'kpi_sets_overlap',
      /C2018 \(from April 2018, open-ended\) would start on or before .*C2024.* or end it by March 2024\./,
    ],
    [
      'ending the running set inside published months',
      set('2025-08'),
      '2025-10',
      'months_published',
      /up to October 2025 with Contract 2024 \(C2024\).*from November 2025 at the earliest/,
    ],
  ] as const)('refuses %s', (_, proposed, locked, code, message) => {
    const placed = placeKpiSet(held, proposed, locked);
    expect(placed).toMatchObject({ ok: false, code });
    if (!placed.ok) expect(placed.message).toMatch(message);
  });

  it('says in words what approval also does', () => {
    expect(setEndingsInWords([{ code: 'C2024', name: 'Contract 2024', lastMonth: '2026-03' }])).toBe(
      'Contract 2024 (C2024) will end in March 2026.',
    );
  });
});

describe('bands may be corrected from the first month no published meeting has covered', () => {
  it.each([
    ['2024-03', null, null],
    ['2024-11', '2024-10', null],
    ['2024-10', '2024-10', 'November 2024 (2024-11)'],
    ['2024-04', '2024-10', 'November 2024 (2024-11)'],
  ] as const)('bands from %s with months published up to %s', (from, locked, earliest) => {
    const refusal = bandChangeRefusal('PI4', from, locked);
    if (earliest === null) expect(refusal).toBeNull();
    else expect(refusal).toContain(`Bands for PI4 can be changed from ${earliest} at the earliest`);
  });

  it('names the first month that may change', () => {
    expect(firstChangeableMonth(null)).toBeNull();
    expect(firstChangeableMonth('2025-03')).toBe('2025-04');
  });
});

describe('statedSetConflicts: sets in one file checked against each other', () => {
  const stated = (code: string, from: string, to: string | null, unchanged = false) => ({
    code,
    name: `Contract ${code}`,
    from,
    to,
    unchanged,
  });
  it.each([
    ['closed then next, back to back', [stated('A', '2024-04', '2025-03'), stated('B', '2025-04', null)], []],
    // Downloaded, the next contract's rows added: the held open-ended set is ended as a proposal would end it.
    [
      'held open-ended set unchanged, a later one added',
      [stated('A', '2024-04', null, true), stated('B', '2026-04', null)],
      [],
    ],
    [
      'two closed sets sharing months',
      [stated('B', '2025-01', '2026-03'), stated('A', '2024-04', '2025-06')],
      [
        [
          'B',
          'A',
          /^B \(January 2025 to March 2026\) would overlap Contract A \(A, April 2024 to June 2025\), which already has its last month: only one KPI set rates a month\. Start B after June 2025/,
        ],
      ],
    ],
    [
      'the same first month',
      [stated('A', '2024-04', null), stated('B', '2024-04', '2025-03')],
      [['B', 'A', /would start on or before the first month of Contract A \(A, from April 2024, open-ended\)/]],
    ],
    [
      'a new open-ended set the file itself would have ended',
      [stated('A', '2024-04', null), stated('B', '2026-04', null)],
      [
        [
          'B',
          'A',
          /B \(from April 2026, open-ended\) would start while Contract A \(A, from April 2024, open-ended\), in the same file, runs.*Give A a last month \(set_to\) of March 2026 \(2026-03\) or earlier\./,
        ],
      ],
    ],
  ] as const)('%s', (_, sets, expected) => {
    const conflicts = statedSetConflicts(sets);
    expect(conflicts.map((c) => [c.set, c.other, c.message])).toEqual(
      expected.map(([set, other, message]) => [set, other, expect.stringMatching(message)]),
    );
    for (const c of conflicts) expect(c.code).toBe('kpi_sets_overlap');
  });
});

describe('graceEndingWithSet: a set’s grace ends with the set', () => {
  const g = (indicatorCode: string, startsOn: string, endsOn: string) => ({ indicatorCode, startsOn, endsOn });
  it.each([
    ['ends before the set ends: untouched', [g('PI1', '2024-04-01', '2024-06-30')], '2026-03-31', []],
    ['ends on the set’s last day: untouched', [g('PI1', '2025-10-01', '2026-03-31')], '2026-03-31', []],
    [
      'runs past the set’s end: ends with it',
      [g('PI4', '2026-01-01', '2026-06-30')],
      '2026-03-31',
      [{ ...g('PI4', '2026-01-01', '2026-06-30'), newEndsOn: '2026-03-31' }],
    ],
    [
      'starts after the set’s end: removed',
      [g('PI4', '2026-05-01', '2026-07-31')],
      '2026-03-31',
      [{ ...g('PI4', '2026-05-01', '2026-07-31'), newEndsOn: null }],
    ],
    [
      'starts on the day after the set’s last day: removed',
      [g('PI4', '2026-04-01', '2026-06-30')],
      '2026-03-31',
      [{ ...g('PI4', '2026-04-01', '2026-06-30'), newEndsOn: null }],
    ],
  ] as const)('%s', (_, grace, lastDay, expected) => {
    expect(graceEndingWithSet(grace, lastDay)).toEqual(expected);
  });

  it('says what happens in words', () => {
    expect(
      graceTrimsInWords('C2024', [
        { ...{ indicatorCode: 'PI4', startsOn: '2026-01-01', endsOn: '2026-06-30' }, newEndsOn: '2026-03-31' },
        { ...{ indicatorCode: 'LTS', startsOn: '2026-05-01', endsOn: '2026-07-31' }, newEndsOn: null },
      ]),
    ).toBe(
      "PI4's grace period in C2024 (January 2026 to June 2026) will end in March 2026, with C2024. LTS's grace period in C2024 (May 2026 to July 2026) will be removed: it starts after C2024 ends.",
    );
  });
});

describe('endingsChangedSinceProposed', () => {
  const s1 = { code: 'C2024', effectiveTo: '2025-03-31' };
  const trim = { indicatorCode: 'PI4', startsOn: '2025-01-01', endsOn: '2025-06-30', newEndsOn: '2025-03-31' };
  it.each([
    ['nothing ended, nothing ends', [], [], false],
    ['the same set, the same day', [s1], [s1], false],
    [
      'the same, grace listed in another order',
      [{ ...s1, graceTrimmed: [trim, { ...trim, indicatorCode: 'PI2' }] }],
      [{ ...s1, graceTrimmed: [{ ...trim, indicatorCode: 'PI2' }, trim] }],
      false,
    ],
    ['another set ends now', [s1], [{ code: 'C2025', effectiveTo: '2025-03-31' }], true],
    ['the set ends on another day', [s1], [{ ...s1, effectiveTo: '2024-12-31' }], true],
    ['a set ended before, none now', [s1], [], true],
    ['none before, one now', [], [s1], true],
    ['its grace now ends with it', [s1], [{ ...s1, graceTrimmed: [trim] }], true],
  ] as const)('%s', (_, said, now, changed) => {
    const refusal = endingsChangedSinceProposed(said, now);
    expect(refusal !== null).toBe(changed);
    if (refusal) expect(refusal).toMatch(/^Since this change was proposed, .* Reject it and propose it again\.$/);
  });
});
