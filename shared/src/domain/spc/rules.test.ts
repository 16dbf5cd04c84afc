import { describe, expect, it } from 'vitest';
import {
  combineRules,
  partOfRun,
  partOfTwoInThree,
  type Sign,
  sevenPointOneSideOfMean,
  sevenPointTrend,
  twoInThree,
} from './rules';

// Cases from NHSRplotthedots' own tests (MIT), tests/testthat/test-ptd_calculate_point_type.R,
// reproduced exactly (these are integer/boolean outputs, so "exactly" is the only precision).
const rep = <T>(x: T, n: number): T[] => Array.from({ length: n }, () => x);
const range = (a: number, b: number) => Array.from({ length: Math.abs(b - a) + 1 }, (_, i) => (a <= b ? a + i : a - i));
const bools = (xs: number[]) => xs.map((x) => x === 1);

describe('sevenPointOneSideOfMean (package cases)', () => {
  it.each([
    [[], []],
    [rep(1, 6), rep(0, 6)],
    [[...rep(1, 6), -1], rep(0, 7)],
    [
      [...rep(1, 8), -1],
      [0, 0, 0, 0, 0, 0, 1, 1, 0],
    ],
    [
      [...rep(-1, 8), 1],
      [0, 0, 0, 0, 0, 0, -1, -1, 0],
    ], // the package reports 1 for "a run", we keep its side
  ] as [Sign[], number[]][])('%j', (sides, expected) => {
    expect(sevenPointOneSideOfMean(sides)).toEqual(expected);
  });
  it('a point on the mean breaks the run', () => {
    expect(sevenPointOneSideOfMean([1, 1, 1, 0, 1, 1, 1, 1])).toEqual(rep(0, 8));
  });
});

describe('partOfRun (package cases for ptd_part_of_seven_trend)', () => {
  it.each([
    [[], []],
    [rep(0, 6), rep(0, 6)],
    [
      [...rep(0, 6), 1, 0],
      [...rep(1, 7), 0],
    ],
    [
      [...rep(0, 7), 1, 0],
      [0, ...rep(1, 7), 0],
    ],
    [
      [...rep(0, 6), -1, 0],
      [...rep(1, 7), 0],
    ],
    [
      [...rep(0, 7), -1, 0],
      [0, ...rep(1, 7), 0],
    ],
  ] as [Sign[], number[]][])('%j', (ends, expected) => {
    expect(partOfRun(ends)).toEqual(bools(expected));
  });
});

describe('sevenPointTrend (package cases)', () => {
  it.each([
    [[], []],
    [range(1, 6), rep(0, 6)],
    [[1, 2, 3, 3, 4, 5, 6], rep(0, 7)], // a tie breaks the trend
    [range(1, 7), [0, 0, 0, 0, 0, 0, 1]],
    [
      [2, ...range(1, 7), 3],
      [0, 0, 0, 0, 0, 0, 0, 1, 0],
    ],
    [range(7, 1), [0, 0, 0, 0, 0, 0, -1]],
    [
      [2, ...range(7, 1), 3],
      [0, 0, 0, 0, 0, 0, 0, -1, 0],
    ],
  ])('%j', (values, expected) => {
    expect(sevenPointTrend(values)).toEqual(expected);
  });
});

describe('twoInThree (package cases)', () => {
  it.each([
    [[], [], []],
    [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ],
    [
      [1, 0, 1],
      [1, 1, 1],
      [1, 1, 1],
    ],
    [
      [0, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ],
    [
      [1, 1, 0],
      [1, 1, 1],
      [1, 1, 1],
    ],
    [[0, 0, 1, 0, 1, 0, 0], rep(1, 7), [0, 0, 1, 1, 1, 0, 0]],
    [[0, 0, 1, 1, 0, 0, 0], rep(1, 7), [0, 1, 1, 1, 1, 0, 0]],
    // opposite sides of the mean never qualify
    [
      [1, 0, 1],
      [1, -1, 1],
      [0, 0, 0],
    ],
    [
      [0, 1, 1],
      [1, -1, 1],
      [0, 0, 0],
    ],
    [
      [1, 1, 0],
      [1, -1, 1],
      [0, 0, 0],
    ],
    [[0, 0, 1, 0, 1, 0, 0], [1, -1, 1, -1, 1, -1, 1], rep(0, 7)],
    [[0, 0, 1, 1, 0, 0, 0], [-1, 1, -1, 1, -1, 1, -1], rep(0, 7)],
  ] as [number[], Sign[], number[]][])('close %j sides %j', (close, sides, expected) => {
    expect(twoInThree(bools(close), sides)).toEqual(bools(expected));
  });

  it.each([
    [
      [1, 0, 1],
      [1, 0, 1],
    ],
    [
      [0, 1, 1],
      [0, 1, 1],
    ],
    [
      [1, 1, 0],
      [1, 1, 0],
    ],
    [
      [0, 0, 1, 0, 1, 0, 0],
      [0, 0, 1, 0, 1, 0, 0],
    ],
    [
      [1, 0, 0, 1],
      [0, 0, 0, 0],
    ],
    [
      [1, 0, 0, 1, 1],
      [0, 0, 0, 1, 1],
    ],
  ])('only the close points are part of it: %j', (close, expected) => {
    expect(partOfTwoInThree(bools(close), rep(1 as Sign, close.length))).toEqual(bools(expected));
  });
});

describe('combineRules (package case for ptd_special_cause_type)', () => {
  it('applies the precedence', () => {
    const types = combineRules({
      values: range(1, 8),
      sides: [1, 1, 1, 1, -1, -1, -1, -1],
      outside: bools([0, 0, 0, 0, 0, 1, 1, 0]),
      partOfTrend: bools([1, 1, 0, 0, 0, 0, 0, 0]),
      partOfTwoInThree: bools([0, 0, 0, 0, 1, 0, 0, 0]),
      partOfRunOneSide: bools([0, 0, 1, 1, 0, 0, 0, 0]),
    });
    expect(types).toEqual([
      'trend_increasing', // "7 Point Trend (Increasing)"
      'trend_increasing',
      'run_above', // "7 Points Above CL"
      'run_above',
      'two_in_three_below', // "2 in 3 Below CL"
      'below_lower_limit', // "Below LCL"
      'below_lower_limit',
      'common_cause',
    ]);
  });
});
