import { describe, expect, it } from 'vitest';
import { mayCommitUpload } from './returnRights';

describe('who may commit an uploaded return', () => {
  it.each([
    ['commissioner', 1, 2, true],
    ['commissioner', 1, null, true],
    ['admin', 1, 2, true],
    ['analyst', 1, 1, true],
    ['analyst', 1, 2, false],
    ['analyst', 1, null, false],
    ['viewer', 1, 1, false],
  ] as const)('%s (id %i) on an upload by %s: %s', (role, id, uploadedBy, expected) => {
    expect(mayCommitUpload({ id, role }, uploadedBy)).toBe(expected);
  });
});
