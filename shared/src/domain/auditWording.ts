import { AUDIT_ACTION_KINDS, AUDIT_KIND_PREFIXES, type AuditActionKind, type AuditOutcome } from '../contracts/audit';

/**
 * The record of changes in plain words: each action code the server writes, as a person would
 * say it. A code not listed here (a new one, or an old one since renamed) is still shown readably,
 * built from its parts, so no entry is ever blank or a bare code.
 */
const ACTION_WORDS: Record<string, string> = {
  'access.refused': 'Tried something their role does not allow',
  'action.create': 'Recorded an action',
  'action.update': 'Changed an action',
  'auth.login': 'Signed in',
  'auth.logout': 'Signed out',
  'auth.password_change': 'Changed their own password',
  'auth.sso_login': 'Signed in through single sign-on',
  'benchmarks.dfe_release.import': 'Imported a DfE release',
  'benchmarks.dfe_release.preview': 'Checked a DfE release before importing it',
  'benchmarks.populations.import': 'Imported population estimates',
  'benchmarks.sn_model.import': 'Imported a statistical-neighbour model',
  'commentary.agree': 'Agreed commentary',
  'commentary.save': 'Saved draft commentary',
  'commentary.send_back': 'Sent commentary back',
  'commentary.submit': 'Submitted commentary for agreement',
  'contract.invalid_request': 'Sent a contract change the service could not read',
  'export.audit': 'Downloaded the record of changes',
  'export.board_pack': 'Exported a board pack',
  'export.briefing': 'Exported a meeting briefing',
  'export.chart': 'Exported a chart',
  'export.regional_exceptions': 'Exported the regional exceptions',
  'export.regional_kpi_exceptions': 'Exported the regional KPI exceptions',
  'export.regional_kpi_rug': 'Exported the regional KPI chart',
  'export.regional_kpis': "Exported the councils' KPIs side by side",
  'export.regional_table': 'Exported the regional table',
  'export.scorecard': 'Exported the scorecard',
  'export.series': "Exported a KPI's series",
  'group.council_added': 'Added a council to a group',
  'group.council_removed': 'Removed a council from a group',
  'group.created': 'Created a group',
  'group.invalid_request': 'Sent a group change the service could not read',
  'group.refused': 'Tried to change a group',
  'group.role_granted': 'Gave someone the regional role',
  'group.role_revoked': 'Took away the regional role',
  'indicator.create': 'Added a KPI to the library',
  'indicator.update': 'Changed a KPI in the library',
  'kpi_set.apply': 'Applied a KPI set change',
  'meeting.create': 'Added a meeting',
  'meeting.publish': 'Published a meeting',
  'meeting.update': 'Changed a meeting',
  'organisation.create': 'Set up the council',
  'organisation.invalid_request': 'Sent a council change the service could not read',
  'organisation.onboard': 'Added a council',
  'organisation.refused': 'Asked about a council they do not belong to',
  'organisation.regional_pre_release': 'Changed whether regional analysts see figures before publication',
  'organisation.rename': 'Renamed the council',
  'organisation.sn_model.change': 'Chose the statistical-neighbour model',
  'prerelease.view': 'Viewed figures before publication',
  'proposal.approve': 'Approved a proposed change',
  'proposal.create': 'Proposed a change to the contract',
  'proposal.reject': 'Rejected a proposed change',
  'reference.load': 'Loaded the reference data',
  'relief_event.create': 'Recorded a relief event',
  'return.abandon': 'Abandoned a monthly return',
  'return.commit': 'Loaded a monthly return',
  'return.upload.rejected': 'Uploaded a monthly return that had errors',
  'return.upload.validated': 'Uploaded a monthly return',
  'schedule.confirm': 'Confirmed a contract schedule',
  'schedule.upload': 'Uploaded a contract schedule',
  'spc.rebase.create': 'Recalculated SPC limits',
  'spc.rebase.withdraw': 'Withdrew recalculated SPC limits',
  'threshold.apply': 'Applied new bands',
  'user.create': 'Added an account',
  'user.created': 'An account was made at first single sign-on',
  'user.disable': 'Disabled an account',
  'user.enable': 'Enabled an account',
  'user.invalid_request': 'Sent an account change the service could not read',
  'user.membership_grant': 'Gave an existing person a role in the council',
  'user.password_reset': "Set a new password for someone's account",
  'user.pre_release': 'Changed the pre-release list',
  'user.role_change': "Changed someone's role",
  'user.role_changed': 'Role changed at single sign-on',
  'user.update': 'Changed an account',
};

/** The action codes the record of changes knows by name (for tests and the filter's hint). */
export const KNOWN_AUDIT_ACTIONS: readonly string[] = Object.keys(ACTION_WORDS);

export const AUDIT_KIND_WORDS: Record<AuditActionKind, string> = {
  people: 'People, roles and passwords',
  contract: 'Contract: KPIs, sets, bands and SPC limits',
  meetings: 'Meetings and publication',
  returns: 'Monthly returns',
  benchmarks: 'Benchmark and reference data',
  commentary: 'Commentary and actions',
  council: 'Council settings',
  exports: 'Exports and downloads',
  access: 'Refused access',
};

const OUTCOME_WORDS: Record<AuditOutcome, string> = {
  success: '',
  failure: ' (failed)',
  refused: ' (refused)',
};

/** The kind of an action code, by its prefix; null when it matches none. */
export function auditActionKind(code: string): AuditActionKind | null {
  return AUDIT_ACTION_KINDS.find((kind) => AUDIT_KIND_PREFIXES[kind].some((p) => code.startsWith(p))) ?? null;
}

/** `return.upload.validated` unknown → "Return: upload validated". */
function unknownCodeWords(code: string): string {
  const words = code
    .replace(/[^A-Za-z0-9._-]+/g, '.')
    .split(/[._-]+/)
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.length === 0) return 'An unnamed action';
  const [first, ...rest] = words;
  const head = first!.charAt(0).toUpperCase() + first!.slice(1);
  return rest.length > 0 ? `${head}: ${rest.join(' ')}` : head;
}

/** An action code and its outcome in plain English: "Changed someone's role (refused)". */
export function auditActionWords(code: string, outcome: AuditOutcome = 'success'): string {
  const words = Object.hasOwn(ACTION_WORDS, code) ? ACTION_WORDS[code]! : unknownCodeWords(code);
  return `${words}${OUTCOME_WORDS[outcome] ?? ''}`;
}

const TARGET_WORDS: Record<string, string> = {
  user: 'Account',
  group: 'Group',
  indicator: 'KPI',
  kpi_set: 'KPI set',
  meeting: 'Meeting',
  organisation: 'Council',
  area: 'Area',
  region: 'Region',
  relief: 'Relief event',
  schedule_upload: 'Contract schedule upload',
  proposal: 'Proposal',
};

/** What an entry touched, in words: `kpi_set:CONTRACT-2024` → "KPI set CONTRACT-2024"; others as recorded. */
export function auditTargetWords(target: string | null): string | null {
  if (target === null || target.trim() === '') return null;
  const match = /^([a-z_]+):(.+)$/.exec(target);
  const words = match ? TARGET_WORDS[match[1]!] : undefined;
  return words ? `${words} ${match![2]}` : target;
}
