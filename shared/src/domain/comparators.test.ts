import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDfeValue, statisticalNeighbourAverage } from './comparators';

describe('statisticalNeighbourAverage', () => {
  it('is the plain mean of ten neighbours', () => {
    const values = [50, 52, 54, 56, 58, 60, 62, 64, 66, 68].map((value, i) => ({ areaCode: `E0${i}`, value }));
    expect(statisticalNeighbourAverage(values)).toEqual({ value: 59, contributing: 10, of: 10 });
  });

  it('leaves out a suppressed neighbour and shows the count', () => {
    const values = [
      { areaCode: 'A', value: 10 },
      { areaCode: 'B', value: null },
      { areaCode: 'C', value: 20 },
    ];
    expect(statisticalNeighbourAverage(values)).toEqual({ value: 15, contributing: 2, of: 3 });
  });

  it('is null when no neighbour has a number, and for no neighbours', () => {
    expect(statisticalNeighbourAverage([{ areaCode: 'A', value: null }])).toEqual({
      value: null,
      contributing: 0,
      of: 1,
    });
    expect(statisticalNeighbourAverage([])).toEqual({ value: null, contributing: 0, of: 0 });
  });

  it('has no floating-point noise: a mean of exactly 54.45 is 54.45', () => {
    const values = [54.1, 54.8].map((value, i) => ({ areaCode: String(i), value }));
    expect(statisticalNeighbourAverage(values).value).toBe(54.45);
    const tenths = [0.1, 0.2, 0.3].map((value, i) => ({ areaCode: String(i), value }));
    expect(statisticalNeighbourAverage(tenths).value).toBe(0.2);
  });

  it('treats zero as a number, not as missing', () => {
    expect(
      statisticalNeighbourAverage([
        { areaCode: 'A', value: 0 },
        { areaCode: 'B', value: 10 },
      ]),
    ).toEqual({ value: 5, contributing: 2, of: 2 });
  });

  it('rejects duplicates and NaN', () => {
    expect(() =>
      statisticalNeighbourAverage([
        { areaCode: 'A', value: 1 },
        { areaCode: 'A', value: 2 },
      ]),
    ).toThrow(/twice/);
    expect(() => statisticalNeighbourAverage([{ areaCode: 'A', value: Number.NaN }])).toThrow(RangeError);
  });

  it('lies between the smallest and largest contributing value (property)', () => {
    const entry = fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (raw) => {
        const values = raw.map((value, i) => ({ areaCode: `A${i}`, value }));
        const numbers = raw.filter((v): v is number => v !== null);
        const result = statisticalNeighbourAverage(values);
        expect(result.of).toBe(raw.length);
        expect(result.contributing).toBe(numbers.length);
        if (numbers.length === 0) expect(result.value).toBeNull();
        else {
          expect(result.value as number).toBeGreaterThanOrEqual(Math.min(...numbers) - 1e-6);
          expect(result.value as number).toBeLessThanOrEqual(Math.max(...numbers) + 1e-6);
        }
      }),
    );
  });
});

describe('parseDfeValue', () => {
  it.each([
    ['27938', 27938],
    ['27,938', 27938],
    ['1,234,567', 1234567],
    ['58.8', 58.8],
    [' 58.8 ', 58.8],
    ['1,234.5', 1234.5],
    ['0', 0],
    ['-0', 0],
    ['-3.2', -3.2],
    ['+4', 4],
    ['.5', 0.5],
  ])('%j → %s', (raw, value) => {
    expect(parseDfeValue(raw)).toEqual({ value, symbol: null });
  });

  it.each([
    ['c', 'c'],
    ['x', 'x'],
    ['z', 'z'],
    ['low', 'low'],
    ['u', 'u'],
    ['[c]', 'c'],
    ['[x]', 'x'],
    ['[z]', 'z'],
    ['[low]', 'low'],
    ['[u]', 'u'],
    ['C', 'c'],
    [' [LOW] ', 'low'],
  ])('%j is the symbol %s, never zero', (raw, symbol) => {
    expect(parseDfeValue(raw)).toEqual({ value: null, symbol });
  });

  it.each(['', '   '])('%j is empty', (raw) => {
    expect(parseDfeValue(raw)).toEqual({ value: null, symbol: null });
  });

  it.each(['NA', '..', ':', '12%', '1,23', '12,3456', 'abc', '1e5', '[q]', '-', '1.2.3', '£5'])('%j throws', (raw) => {
    expect(() => parseDfeValue(raw)).toThrow(/Unrecognised DfE value/);
  });

  it('round-trips en-GB formatted integers (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (n) => {
        expect(parseDfeValue(n.toLocaleString('en-GB'))).toEqual({ value: n === 0 ? 0 : n, symbol: null });
      }),
    );
  });
});
