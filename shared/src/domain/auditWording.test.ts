import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_KINDS, AUDIT_KIND_PREFIXES } from '../contracts/audit';
import { auditActionKind, auditActionWords, auditTargetWords, KNOWN_AUDIT_ACTIONS } from './auditWording';

describe('auditActionWords: action codes in plain English', () => {
  it.each([
    ['user.role_change', 'success', "Changed someone's role"],
    ['user.password_reset', 'success', "Set a new password for someone's account"],
    ['proposal.approve', 'success', 'Approved a proposed change'],
    ['threshold.apply', 'success', 'Applied new bands'],
    ['meeting.create', 'success', 'Added a meeting'],
    ['return.commit', 'failure', 'Loaded a monthly return (failed)'],
    ['access.refused', 'refused', 'Tried something their role does not allow (refused)'],
    ['commentary.send_back', 'success', 'Sent commentary back'],
    // Unknown codes are still readable, never blank.
    ['widget.frobnicate', 'success', 'Widget: frobnicate'],
    ['return.upload.re_checked', 'success', 'Return: upload re checked'],
    ['solo', 'success', 'Solo'],
    ['', 'success', 'An unnamed action'],
    ['...', 'refused', 'An unnamed action (refused)'],
    ['toString', 'success', 'ToString'],
    ['<script>x', 'success', 'Script: x'],
  ] as const)('%s (%s) reads "%s"', (code, outcome, words) => {
    expect(auditActionWords(code, outcome)).toBe(words);
  });

  it('names every known code in words that are not the code itself', () => {
    for (const code of KNOWN_AUDIT_ACTIONS) {
      const words = auditActionWords(code);
      expect(words).not.toBe(code);
      expect(words).toMatch(/^[A-Z]/);
    }
  });
});

describe('auditActionKind: the kind an action code belongs to', () => {
  it.each([
    ['user.create', 'people'],
    ['group.role_granted', 'people'],
    ['indicator.update', 'contract'],
    ['kpi_set.apply', 'contract'],
    ['meeting.publish', 'meetings'],
    ['return.upload.validated', 'returns'],
    ['benchmarks.populations.import', 'benchmarks'],
    ['commentary.agree', 'commentary'],
    ['organisation.rename', 'council'],
    ['export.scorecard', 'exports'],
    ['access.refused', 'access'],
    ['widget.frobnicate', null],
    ['user', null],
  ])('%s is %s', (code, kind) => {
    expect(auditActionKind(code)).toBe(kind);
  });

  it('gives every known code a kind, and no two kinds share a prefix', () => {
    for (const code of KNOWN_AUDIT_ACTIONS) expect(auditActionKind(code), code).not.toBeNull();
    const prefixes = AUDIT_ACTION_KINDS.flatMap((kind) => AUDIT_KIND_PREFIXES[kind]);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});

describe('auditTargetWords: what an entry touched', () => {
  it.each([
    ['kpi_set:CONTRACT-2024', 'KPI set CONTRACT-2024'],
    ['indicator:PI2', 'KPI PI2'],
    ['user:alice', 'Account alice'],
    ['meeting 4 (2025-03-12)', 'meeting 4 (2025-03-12)'],
    ['unknown:thing', 'unknown:thing'],
    ['GET /api/users', 'GET /api/users'],
    ['', null],
    [null, null],
  ])('%s → %s', (target, words) => {
    expect(auditTargetWords(target)).toBe(words);
  });
});
