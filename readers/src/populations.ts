/** Does an ONS tidy-CSV age_group describe children aged 0 to 17? */
export function isChildPopulationAgeGroup(ageGroup: string): boolean {
  return /\b0\s*(?:to|-|–)\s*17\b/i.test(ageGroup) || /^under\s*18/i.test(ageGroup.trim());
}
