import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditChanges, auditDetailsAsSeen, redactAuditDetails, WITHHELD } from './auditDetails';

const ARGON = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NSJ9.c2lnbmF0dXJl';

describe('redactAuditDetails: nothing secret leaves the server', () => {
  it.each([
    [{ password: 'hunter2 is long' }, { password: WITHHELD }],
    [{ passwordHash: 'x' }, { passwordHash: WITHHELD }],
    [
      { password_hash: 'x', role: 'admin' },
      { password_hash: WITHHELD, role: 'admin' },
    ],
    [
      { sessionToken: 'abc', token: 'abc', refresh_token: 'abc' },
      { sessionToken: WITHHELD, token: WITHHELD, refresh_token: WITHHELD },
    ],
    [
      { clientSecret: 's', apiKey: 'k', Authorization: 'a', cookie: 'c' },
      { clientSecret: WITHHELD, apiKey: WITHHELD, Authorization: WITHHELD, cookie: WITHHELD },
    ],
    [{ nested: { deeper: [{ newPassword: 'x' }] } }, { nested: { deeper: [{ newPassword: WITHHELD }] } }],
    [{ note: ARGON }, { note: WITHHELD }],
    [{ claims: [JWT, 'ok'] }, { claims: [WITHHELD, 'ok'] }],
    [{ header: 'Bearer abc.def' }, { header: WITHHELD }],
    // Not secrets: kept as recorded.
    [
      { sha256: 'ab'.repeat(32), fileName: 'return.xlsx' },
      { sha256: 'ab'.repeat(32), fileName: 'return.xlsx' },
    ],
    [
      { from: 'viewer', to: 'admin', sessionsEnded: 2 },
      { from: 'viewer', to: 'admin', sessionsEnded: 2 },
    ],
    [{ reason: 'wrong_current_password' }, { reason: 'wrong_current_password' }],
  ])('%j → %j', (details, shown) => {
    expect(redactAuditDetails(details)).toEqual(shown);
  });

  it('keeps no value under a secret-naming key at any depth, whatever the details hold', () => {
    const secretKey = fc.constantFrom('password', 'passwordHash', 'token', 'sessionToken', 'secret', 'cookie');
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.oneof(secretKey, fc.string({ maxLength: 8 })), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(secretKey, fc.string({ maxLength: 8 })), tree), (details) => {
        const shown = JSON.stringify(redactAuditDetails(details));
        const walk = (value: unknown): void => {
          if (Array.isArray(value)) value.forEach(walk);
          else if (value && typeof value === 'object') {
            for (const [key, child] of Object.entries(value)) {
              if (/password|token|secret|cookie/i.test(key)) expect(child).toBe(WITHHELD);
              else walk(child);
            }
          }
        };
        walk(JSON.parse(shown));
      }),
    );
  });

  it('answers nothing for no details, and wraps a bare value', () => {
    expect(redactAuditDetails(null)).toBeNull();
    expect(redactAuditDetails(undefined)).toBeNull();
    expect(redactAuditDetails(ARGON)).toEqual({ value: WITHHELD });
  });
});

describe('auditDetailsAsSeen', () => {
  it("does not say that a username belongs to another council's person", () => {
    expect(
      auditDetailsAsSeen('group.refused', { username: 'dudley.admin', reason: 'person_of_other_councils' }),
    ).toEqual({ reason: 'no_account_among_your_councils' });
    expect(auditDetailsAsSeen('group.refused', { reason: 'not_a_region', fields: ['/regionCode'] })).toEqual({
      reason: 'not_a_region',
      fields: ['/regionCode'],
    });
  });
});

describe('auditChanges: before and after', () => {
  it.each([
    [null, []],
    [{ from: 'viewer', to: 'commissioner' }, [{ field: null, before: 'viewer', after: 'commissioner' }]],
    [{ from: false, to: true }, [{ field: null, before: 'no', after: 'yes' }]],
    [
      { status: { from: 'open', to: 'done' }, dueOn: { from: null, to: '2025-04-01' }, note: 'x' },
      [
        { field: 'status', before: 'open', after: 'done' },
        { field: 'dueOn', before: 'none', after: '2025-04-01' },
      ],
    ],
    [{ name: { old: 'A', new: 'B' } }, [{ field: 'name', before: 'A', after: 'B' }]],
    [{ sessionsEnded: 2 }, []],
  ])('%j → %j', (details, changes) => {
    expect(auditChanges(details as Record<string, unknown> | null)).toEqual(changes);
  });
});
