import { describe, expect, it } from 'vitest';
import { decodeWindows1252 } from './windows1252';

const decode = (...bytes: number[]) => decodeWindows1252(Uint8Array.from(bytes));

describe('decodeWindows1252', () => {
  it('reads 0x80–0x9F as Windows-1252 does, not as C1 control characters (nodejs/node#60888)', () => {
    expect(decode(0x80)).toBe('€');
    expect(decode(0x91, 0x92)).toBe('‘’');
    expect(decode(0x93, 0x94)).toBe('“”');
    expect(decode(0x96)).toBe('–');
    expect(decode(0x97)).toBe('—');
    expect(decode(0x85, 0x99, 0x9c)).toBe('…™œ');
  });

  it('reads the Latin-1 half as Latin-1', () => {
    expect(decode(0xa3, 0x31, 0x30)).toBe('£10');
    expect(decode(0xe9, 0xff)).toBe('éÿ');
    expect(decode(0x61, 0x2c, 0x62)).toBe('a,b');
  });

  it('keeps the five bytes Windows-1252 leaves undefined as the C1 control with the same number (as WHATWG does)', () => {
    for (const byte of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) {
      expect(decode(byte)).toBe(String.fromCharCode(byte));
    }
  });

  it('decodes input longer than one 8,192-byte chunk whole', () => {
    const bytes = new Uint8Array(20_000).fill(0x92);
    const text = decodeWindows1252(bytes);
    expect(text).toHaveLength(20_000);
    expect(new Set(text)).toEqual(new Set(['’']));
  });
});
