import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileNameSlug, kpiFileStem } from './exports';

/** What a downloaded file's name may hold: lower-case words joined by single hyphens. */
const SLUG = /^([a-z0-9]+(-[a-z0-9]+)*)?$/;

describe('the words in downloaded files’ names', () => {
  it.each([
    ['Single Assessments within 45 working days', 32, 'single-assessments-within-45'],
    ['West Midlands', 80, 'west-midlands'],
    ['Black Country (4 councils)', 80, 'black-country-4-councils'],
    ['  Sandwell & Dudley – care leavers  ', 80, 'sandwell-dudley-care-leavers'],
    ['Nórth Tyneside', 80, 'north-tyneside'],
    ['CONTRACT-2018', 80, 'contract-2018'],
    ['Supercalifragilisticexpialidocious', 10, 'supercalif'],
    ['– / –', 80, ''],
  ])('%j, at most %i characters: %j', (text, max, slug) => {
    expect(fileNameSlug(text, max)).toBe(slug);
  });

  it('never holds anything but lower-case words and single hyphens, within its length (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), fc.integer({ min: 1, max: 100 }), (text, max) => {
        const slug = fileNameSlug(text, max);
        expect(slug).toMatch(SLUG);
        expect(slug.length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 2_000 },
    );
  });

  it('names a KPI’s files by code, title and month, whatever the code holds', () => {
    expect(kpiFileStem('PI4', 'Single Assessments within 45 working days', '2025-07')).toBe(
      'PI4-single-assessments-within-45-2025-07',
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 80 }), (code, title) => {
        expect(kpiFileStem(code, title, '2025-07')).toMatch(/^[A-Za-z0-9-]*2025-07$/);
      }),
    );
  });
});
