import { describe, expect, it } from 'vitest';
import { isChildPopulationAgeGroup } from './populations';

describe('isChildPopulationAgeGroup', () => {
  it('knows the ways ONS writes children aged 0 to 17', () => {
    for (const group of ['Children aged 0 to 17 years', '0-17', '0 – 17', 'Aged 0 to 17', 'Under 18', 'under18s']) {
      expect(isChildPopulationAgeGroup(group), group).toBe(true);
    }
  });

  it('refuses other age groups', () => {
    for (const group of ['All ages', '0 to 15', '10 to 17', 'Aged 18 and over', '0 to 170']) {
      expect(isChildPopulationAgeGroup(group), group).toBe(false);
    }
  });
});
