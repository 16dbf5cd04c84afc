import { describe, expect, it } from 'vitest';
import { type AreaDirectory, areaOfTidyRow, ENGLAND_AREA_CODE, isJointCode, splitJointCode } from './areas';

const SANDWELL = 'E08000028';
const directory: AreaDirectory = {
  byOldLaCode: new Map([
    ['333', SANDWELL],
    ['314', 'E09000021'],
  ]),
  byCode: new Map([
    [ENGLAND_AREA_CODE, ENGLAND_AREA_CODE],
    ['E12000005', 'E12000005'],
    [SANDWELL, SANDWELL],
    ['E08000020', 'E08000037'],
  ]),
};

describe('areaOfTidyRow', () => {
  it('places England by its country code, a blank one meaning England', () => {
    const national = { geographic_level: 'National', country_code: '' };
    expect(areaOfTidyRow(national, directory)).toEqual({
      kind: 'area',
      areaCode: ENGLAND_AREA_CODE,
      level: 'national',
    });
    expect(areaOfTidyRow({ ...national, country_code: 'W92000004', country_name: 'Wales' }, directory)).toEqual({
      kind: 'unknown',
      level: 'national',
      code: 'W92000004',
      name: 'Wales',
    });
  });

  it('places a region by its region code', () => {
    expect(areaOfTidyRow({ geographic_level: 'Regional', region_code: 'E12000005' }, directory)).toEqual({
      kind: 'area',
      areaCode: 'E12000005',
      level: 'region',
    });
  });

  it('places an authority by its DfE LA number, else by a GSS code the product knows (an earlier one maps)', () => {
    const la = { geographic_level: 'Local authority', la_name: 'Sandwell' };
    expect(areaOfTidyRow({ ...la, old_la_code: '333', new_la_code: 'E99999999' }, directory)).toMatchObject({
      areaCode: SANDWELL,
    });
    expect(areaOfTidyRow({ ...la, old_la_code: '', new_la_code: 'E08000020' }, directory)).toMatchObject({
      areaCode: 'E08000037',
    });
    expect(areaOfTidyRow({ ...la, old_la_code: '999', new_la_code: 'E06999999' }, directory)).toEqual({
      kind: 'unknown',
      level: 'local_authority',
      code: '999',
      name: 'Sandwell',
    });
  });

  it('names the authorities of a joint return, known and unknown', () => {
    const row = { geographic_level: 'Local authority', old_la_code: '314 / 318', la_name: 'Kingston and Richmond' };
    expect(areaOfTidyRow(row, directory)).toEqual({
      kind: 'joint',
      areaCodes: ['E09000021'],
      unknownLaNumbers: ['318'],
      label: 'Kingston and Richmond',
    });
  });

  it('leaves other geographic levels aside', () => {
    expect(areaOfTidyRow({ geographic_level: 'Local authority district' }, directory)).toEqual({
      kind: 'other_level',
      level: 'Local authority district',
    });
  });
});

describe('joint codes', () => {
  it('splits "314 / 318" into its LA numbers', () => {
    expect(isJointCode('314 / 318')).toBe(true);
    expect(isJointCode('333')).toBe(false);
    expect(splitJointCode(' 314 /318/ ')).toEqual(['314', '318']);
  });
});
