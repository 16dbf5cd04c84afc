import { describe, expect, it } from 'vitest';
import { copiedWording } from './copiedWording';

const SANDWELL = {
  name: 'Sandwell Metropolitan Borough Council',
  areaName: 'Sandwell',
  providerName: "Sandwell Children's Trust",
};
const DUDLEY = { name: 'Dudley', areaName: 'Dudley', providerName: 'Dudley Children’s Services' };

describe('copiedWording', () => {
  const wording = copiedWording(SANDWELL, DUDLEY);

  it('gives a description the new council’s names where they are just the council measured', () => {
    expect(wording.describing("per 10,000 of Sandwell's child population (aged 0–17)")).toBe(
      "per 10,000 of Dudley's child population (aged 0–17)",
    );
    expect(wording.describing('Visits by Sandwell Children’s Trust social workers')).toBe(
      'Visits by Dudley Children’s Services social workers',
    );
    expect(wording.describing('Reported to Sandwell Metropolitan Borough Council monthly')).toBe(
      'Reported to Dudley monthly',
    );
    expect(wording.describing(null)).toBeNull();
  });

  it('leaves words that only contain the name, and text without it, alone', () => {
    expect(wording.describing('Sandwellian practice; Child Protection Plans')).toBe(
      'Sandwellian practice; Child Protection Plans',
    );
  });

  it('calls the provider "the provider" when the new council has none', () => {
    const own = copiedWording(SANDWELL, { ...DUDLEY, providerName: null });
    expect(own.describing("Assessments completed by Sandwell Children's Trust")).toBe(
      'Assessments completed by the provider',
    );
  });

  it('keeps the source council’s evidence as written, marked as copied from it for review, once', () => {
    const why = 'Sandwell has had more children in care than its statistical neighbours (Annual Review 2020/21).';
    const marked = wording.citing(why);
    expect(marked).toBe(`Copied from Sandwell Metropolitan Borough Council for review: ${why}`);
    expect(wording.citing('Part of the picture across the Trust (minutes of 8 September 2025).')).toMatch(
      /^Copied from Sandwell Metropolitan Borough Council for review: Part of the picture/,
    );
    // a copy of a copy still names whose papers it quotes
    expect(copiedWording(DUDLEY, { ...DUDLEY, name: 'Walsall', areaName: 'Walsall' }).citing(marked)).toBe(marked);
    expect(wording.citing(null)).toBeNull();
    expect(wording.citing('')).toBe('');
  });
});
