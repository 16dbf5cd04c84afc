import { dictionary } from '@zxcvbn-ts/language-common';
import { describe, expect, it } from 'vitest';
import { codePointLength, isCommonPassword, PASSWORD_MAX_LENGTH, passwordProblems } from './passwordPolicy';

const TOO_SHORT = /at least 8 characters/;
const TOO_LONG = /64 characters or fewer/;
const COMMON = /commonly used/;
const USERNAME = /must not contain the username/;

describe('passwordProblems', () => {
  it.each([
    // password, expected problem (null = accepted)
    ['', TOO_SHORT],
    ['abcdefg', TOO_SHORT], // 7
    ['kettle q', null], // 8, with a space
    ['river-kettle-51', null], // 15
    [`${'a'.repeat(63)}b`, null], // 64
    [`${'a'.repeat(64)}b`, TOO_LONG], // 65
    ['😀😀😀😀😀😀😀', TOO_SHORT], // 7 code points, 14 UTF-16 units
    ['😀😀😀😀😀😀😀😀', null], // 8 code points
    ['😀'.repeat(64), null], // 64 code points, 128 UTF-16 units
    ['😀'.repeat(65), TOO_LONG],
    ['éééééééé', null], // precomposed: 8
    ['        ', null], // spaces are allowed: no composition rules
    ['alllowercaseletters', null], // no "must contain a digit" rule
  ])('%j → %s', (password, expected) => {
    const problems = passwordProblems(password);
    if (expected === null) expect(problems).toEqual([]);
    else expect(problems.some((p) => expected.test(p))).toBe(true);
  });

  it.each(['password', 'PASSWORD', 'Password1', 'qwertyuiop', '1qaz2wsx3edc4rfv', 'passwordpassword'])(
    'refuses the common password %j, whatever its case',
    (password) => {
      expect(passwordProblems(password)).toEqual([expect.stringMatching(COMMON)]);
    },
  );

  it('checks against the whole zxcvbn-ts common list (at least 8 characters long)', () => {
    const list = dictionary['passwords-common'];
    expect(list.length).toBe(49_233);
    const eligible = list.filter((p) => codePointLength(p) >= 8 && codePointLength(p) <= PASSWORD_MAX_LENGTH);
    expect(eligible.length).toBeGreaterThan(17_000);
    expect(eligible.every((p) => isCommonPassword(p))).toBe(true);
  });

  it.each([
    ['mayor.smith', 'mayor.smith', USERNAME],
    ['mayor.smith', 'MAYOR.SMITH', USERNAME],
    ['mayor.smith', 'my mayor.smith key', USERNAME],
    ['al', 'a long passphrase with al in it', null], // two letters inside a passphrase is not the username
    ['al', 'al', TOO_SHORT],
    ['jo', 'jojojojo', null],
    ['someone', 'river-kettle-51', null],
  ])('username %j, password %j', (username, password, expected) => {
    const problems = passwordProblems(password, { username });
    if (expected === null) expect(problems).toEqual([]);
    else expect(problems.some((p) => expected.test(p))).toBe(true);
  });

  it('gives every reason at once', () => {
    expect(passwordProblems('x'.repeat(70), { username: 'xxx' })).toHaveLength(2);
  });
});
