import { describe, expect, it } from 'vitest';
import type { OnboardedCouncil } from '../contracts/onboarding';
import { chooseSnModel, onboardingConfirmation } from './onboarding';

const NEWEST = { code: 'dfe-2025' };
const OLDER = { code: 'dfe-2021' };

describe('chooseSnModel', () => {
  it.each([
    ['the model asked for', [NEWEST, OLDER], 'dfe-2021', 'dfe-2025', { model: OLDER }],
    [
      'a refusal when the model asked for does not list the council',
      [NEWEST],
      'dfe-2021',
      null,
      { refused: 'not_listed' },
    ],
    ['the deployment’s current model when none is asked for', [NEWEST, OLDER], null, 'dfe-2021', { model: OLDER }],
    [
      'the newest listing model when the current one does not list the council',
      [NEWEST],
      undefined,
      'dfe-2021',
      { model: NEWEST },
    ],
    ['the newest listing model when the deployment has none yet', [NEWEST, OLDER], '', null, { model: NEWEST }],
    ['no model when none lists the council', [], null, 'dfe-2021', { model: null }],
  ])('gives %s', (_, listing, requested, current, expected) => {
    expect(chooseSnModel(listing, requested, current)).toEqual(expected);
  });
});

function result(template: OnboardedCouncil['template']): OnboardedCouncil {
  return {
    organisation: {
      name: 'Dudley',
      areaCode: 'E08000027',
      oldLaCode: '332',
      regionName: 'West Midlands',
      providerName: null,
      snModelCode: 'dfe-2025',
      snModelName: 'DfE 2025',
    },
    template,
    role: 'admin',
  };
}

const counts = { kpiSetMembers: 0, thresholdVersions: 0, gracePeriods: 0 };

describe('onboardingConfirmation', () => {
  it.each([
    ['an empty start', null, 'Dudley added, starting with no KPIs. You are its administrator.'],
    [
      'one set copied',
      {
        areaCode: 'E08000028',
        name: 'Sandwell',
        indicators: 15,
        kpiSets: [{ code: 'C24', name: 'Contract 2024' }],
        ...counts,
      },
      'Dudley added, with 15 KPIs copied from Sandwell’s Contract 2024 set. You are its administrator.',
    ],
    [
      'several sets copied',
      {
        areaCode: 'E08000028',
        name: 'Sandwell',
        indicators: 20,
        kpiSets: [
          { code: 'C18', name: 'Contract 2018' },
          { code: 'C21', name: 'Contract 2021' },
          { code: 'C24', name: 'Contract 2024' },
        ],
        ...counts,
      },
      'Dudley added, with 20 KPIs copied from Sandwell’s Contract 2018, Contract 2021 and Contract 2024 sets. You are its administrator.',
    ],
    [
      'a library with no sets',
      { areaCode: 'E08000028', name: 'Sandwell', indicators: 1, kpiSets: [], ...counts },
      'Dudley added, with 1 KPI copied from Sandwell. You are its administrator.',
    ],
  ])('says what was created for %s', (_, template, sentence) => {
    expect(onboardingConfirmation(result(template))).toBe(sentence);
  });
});
