import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FIRST_SUPPORTED_YEAR,
  firstHiddenCharacter,
  firstLoneSurrogate,
  firstRefusedCharacter,
  isRealDate,
  isSupportedDate,
  lastSupportedYear,
  truncateText,
  wellFormedText,
  wholeRatioParts,
} from './bounds';

/** Whether the text is well-formed UTF-16, so UTF-8 can carry it unchanged: what PostgreSQL can store as it is. */
function storable(text: string): boolean {
  try {
    encodeURIComponent(text); // UTF-8 encodes, and throws on a lone surrogate
    return true;
  } catch {
    return false;
  }
}

const anyText = fc.string({ unit: 'binary', maxLength: 60 });
const withSurrogates = fc.array(
  fc.oneof(fc.constantFrom('\uD800', '\uDFFF', '\uD83D', '\uDE00', '😀', 'a', 'é'), fc.string({ maxLength: 3 })),
  { maxLength: 20 },
);

describe('truncateText', () => {
  it('keeps at most n whole code points, never half of a pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.nat(90), (text, n) => {
        const cut = truncateText(text, n);
        expect(text.startsWith(cut)).toBe(true);
        expect([...cut].length).toBe(Math.min(n, [...text].length));
        expect(storable(cut)).toBe(true);
      }),
    );
  });

  it('is the reported case: 39 letters and an emoji cut at 40', () => {
    const asked = `${'a'.repeat(39)}😀`;
    expect(asked.slice(0, 40)).not.toBe(truncateText(asked, 40));
    expect(truncateText(asked, 40)).toBe(asked);
    expect(truncateText(asked, 39)).toBe('a'.repeat(39));
  });
});

describe('lone surrogates', () => {
  it('are found exactly when the text does not survive UTF-8', () => {
    fc.assert(
      fc.property(withSurrogates, (parts) => {
        const text = parts.join('');
        expect(firstLoneSurrogate(text) === null).toBe(storable(text));
      }),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        expect(firstLoneSurrogate(text) === null).toBe(storable(text));
      }),
    );
  });

  it('wellFormedText makes any text storable and leaves well-formed text alone', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          withSurrogates.map((p) => p.join('')),
        ),
        (text) => {
          const fixed = wellFormedText(text);
          expect(storable(fixed)).toBe(true);
          expect(fixed.length).toBe(text.length);
          if (storable(text)) expect(fixed).toBe(text);
        },
      ),
    );
  });

  it.each([
    ['\uD800', 'lone_surrogate', 'U+D800', 0],
    ['a\uDC00', 'lone_surrogate', 'U+DC00', 1],
    ['😀\uD83D', 'lone_surrogate', 'U+D83D', 2],
    ['\u0007\uD800', 'control', 'U+0007', 0],
    ['\uD800\u0000', 'lone_surrogate', 'U+D800', 0],
  ])('firstRefusedCharacter(%j) is a %s', (text, kind, codePoint, index) => {
    expect(firstRefusedCharacter(text)).toEqual({ kind, codePoint, index });
  });

  it.each(['', 'plain', '😀', 'é\t\n'])('firstRefusedCharacter(%j) is null', (text) => {
    expect(firstRefusedCharacter(text)).toBeNull();
  });
});

describe('dates', () => {
  it.each([
    ['2025-02-30', false],
    ['2025-02-31', false],
    ['2025-13-45', false],
    ['0000-00-00', false],
    ['0000-01-01', false],
    ['2025-00-10', false],
    ['2025-04-31', false],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2025-03-31', true],
    ['2025-3-31', false],
  ])('isRealDate(%s) is %s', (date, real) => {
    expect(isRealDate(date)).toBe(real);
  });

  it('agrees with the calendar for every day number 1–31 of every month', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const js = new Date(0);
          js.setUTCFullYear(y, m - 1, d);
          expect(isRealDate(date)).toBe(js.getUTCDate() === d);
        },
      ),
    );
  });

  it('supported dates are real dates in the supported years', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    const last = lastSupportedYear(now);
    expect(isSupportedDate(`${FIRST_SUPPORTED_YEAR}-01-01`, now)).toBe(true);
    expect(isSupportedDate(`${FIRST_SUPPORTED_YEAR - 1}-12-31`, now)).toBe(false);
    expect(isSupportedDate(`${last}-12-31`, now)).toBe(true);
    expect(isSupportedDate(`${last + 1}-01-01`, now)).toBe(false);
    expect(isSupportedDate('2025-02-29', now)).toBe(false);
  });
});

describe('wholeRatioParts: which parts of a ratio are counts', () => {
  it.each([
    ['percent', 466, true, false],
    // a vacancy rate: 31.2 vacant of 222.5 full-time-equivalent posts
    ['percent', 222.5, false, false],
    ['rate_per_10k', 88_593, true, true],
    ['days', 30, false, true],
    ['money', 12, false, true],
    // a caseload is cases ÷ full-time-equivalent social workers (23.8)
    ['average', 23.8, false, false],
    ['count', 1, false, false],
  ] as const)('%s over %s: numerator whole %s, denominator whole %s', (unit, over, numerator, denominator) => {
    expect(wholeRatioParts(unit, over)).toEqual({ numerator, denominator });
  });
});

describe('hidden characters: text that reads one way and says another', () => {
  it.each([
    ['a right-to-left override', 'Agreed \u202Edeifirev ton', 7, 'U+202E'],
    ['a left-to-right isolate', 'a\u2066b\u2069', 1, 'U+2066'],
    ['a pop directional formatting', 'x\u202C', 1, 'U+202C'],
    ['a right-to-left mark', '\u200Fabc', 0, 'U+200F'],
    ['a zero-width space', 'pass\u200Bword', 4, 'U+200B'],
    ['a byte-order mark inside text', 'ab\uFEFF', 2, 'U+FEFF'],
    ['a tag character outside a flag', 'a\u{E0041}', 1, 'U+E0041'],
    ['a tag after a flag', '🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}\u{E0041}', 14, 'U+E0041'],
  ])('%s is found', (_name, text, index, codePoint) => {
    expect(firstHiddenCharacter(text)).toMatchObject({ index, codePoint });
    expect(firstRefusedCharacter(text)).toMatchObject({ index, codePoint, kind: 'hidden' });
    expect(firstRefusedCharacter(text, { hidden: false })).toBeNull();
  });

  it.each([
    ['plain text', 'Café £5 – it’s 12.5%'],
    ['an emoji family (zero-width joiners)', '👩‍👩‍👧'],
    ['the flag of England (tag characters)', '🏴󠁧󠁢󠁥󠁮󠁧󠁿'],
    ['Persian with a zero-width non-joiner', 'می‌خواهم'],
    ['Arabic and Hebrew, no marks', 'مرحبا שלום'],
  ])('%s is kept', (_name, text) => {
    expect(firstHiddenCharacter(text)).toBeNull();
    expect(firstRefusedCharacter(text)).toBeNull();
  });

  it('the earliest refused character is the one named, whatever its kind', () => {
    expect(firstRefusedCharacter('a\u202Eb\u0000')).toMatchObject({ index: 1, kind: 'hidden' });
    expect(firstRefusedCharacter('a\u0000b\u202E')).toMatchObject({ index: 1, kind: 'control' });
    expect(firstRefusedCharacter('\uD800\u202E')).toMatchObject({ index: 0, kind: 'lone_surrogate' });
  });
});
