import {
  dateToMonth,
  formatDate,
  graceTrimsInWords,
  type KpiSetChange,
  type KpiSetProposalInput,
  type Proposal,
  type Role,
  setEndingsInWords,
  type ThresholdChange,
  type ThresholdProposalInput,
} from '@kpi/shared';
import type { FastifyRequest } from 'fastify';
import { audit, auditedChange } from '../audit/auditedChange';
import type { Db, Tx } from '../db/database';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorisedError } from '../errors';
import { withReratings } from './bandRerating';
import { organisationForChange } from './organisationForChange';
import { decideProposal, insertProposal, listProposals, lockProposal, type ProposalRow } from './proposalRepository';
import { applySetChange, checkSetChange, resolveSetChange } from './setChanges';
import { applyThresholdChange, checkThresholdChange, resolveThresholdChange } from './thresholdChanges';

/**
 * Four-eyes on anything that changes how performance is rated (OWASP ASVS 5.0 2.3.5): a
 * commissioner proposes and an administrator approves, or the other way round; never one person.
 */
const DECIDERS: Partial<Record<Role, Role>> = { commissioner: 'admin', admin: 'commissioner' };

export function proposalTarget(id: number | string): string {
  return `proposal:${id}`;
}

export function whoIsAsking(request: FastifyRequest) {
  if (!request.user) throw new UnauthorisedError();
  return request.user;
}

/** Why this person may not decide this proposal; null when they may. */
function decisionRefusal(row: ProposalRow, user: { id: number; role: Role }): string | null {
  if (row.proposedBy === user.id) {
    return 'You proposed this change, so someone else must approve or reject it (a second person checks every change to how performance is rated).';
  }
  const decider = DECIDERS[row.proposedByRole];
  if (decider !== user.role) {
    return `A change proposed by ${row.proposedByRole === 'admin' ? 'an administrator' : 'a commissioner'} is decided by ${decider === 'admin' ? 'an administrator' : 'a commissioner'}.`;
  }
  return null;
}

/** A set proposal as stored; older ones have no `ends`, or endings without `graceTrimmed`. */
function setChangeOf(row: ProposalRow): KpiSetChange {
  type StoredEnding = Omit<KpiSetChange['ends'][number], 'graceTrimmed'> & {
    graceTrimmed?: KpiSetChange['ends'][number]['graceTrimmed'];
  };
  const change = row.change as Omit<KpiSetChange, 'ends'> & { ends?: StoredEnding[] };
  return { ...change, ends: (change.ends ?? []).map((e) => ({ ...e, graceTrimmed: e.graceTrimmed ?? [] })) };
}

function toDto(entry: Awaited<ReturnType<typeof listProposals>>[number], viewer: { id: number; role: Role }): Proposal {
  const row = entry.proposal;
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    title: row.title,
    reason: row.reason,
    change: row.kind === 'kpi_set' ? setChangeOf(row) : (row.change as ThresholdChange),
    proposedBy: entry.proposedBy,
    proposedByRole: row.proposedByRole,
    proposedAt: row.createdAt.toISOString(),
    decidedBy: entry.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
    canDecide: row.status === 'pending' && decisionRefusal(row, viewer) === null,
    // Worked out from the figures held when asked, outside the transaction (`withReratings`).
    rerating: null,
  };
}

export async function listProposalDtos(db: Db, request: FastifyRequest): Promise<Proposal[]> {
  const user = whoIsAsking(request);
  const organisation = await organisationForChange(request.context, db);
  const proposals = (await listProposals(db, organisation.id)).map((entry) => toDto(entry, user));
  return withReratings(db, request, organisation.id, proposals, 'proposals: pending band changes re-rating');
}

async function proposalDto(tx: Tx, organisationId: number, id: number, user: { id: number; role: Role }) {
  const [entry] = await listProposals(tx, organisationId, id);
  return toDto(entry!, user);
}

type Proposer = { id: number; role: Role };

/** Resolves, checks and records a KPI set proposal inside the caller's transaction. */
export async function recordSetProposal(
  tx: Tx,
  request: FastifyRequest,
  user: Proposer,
  organisationId: number,
  input: KpiSetProposalInput,
): Promise<number> {
  const resolved = await resolveSetChange(tx, organisationId, input);
  const change = { ...resolved, ends: await checkSetChange(tx, organisationId, resolved) };
  const endings = [
    setEndingsInWords(change.ends.map((e) => ({ ...e, lastMonth: dateToMonth(e.effectiveTo) }))),
    ...change.ends.map((e) => graceTrimsInWords(e.code, e.graceTrimmed)),
  ]
    .filter(Boolean)
    .join(' ');
  const row = await insertProposal(tx, {
    organisationId,
    kind: 'kpi_set',
    title: `${change.replaces ? 'Change' : 'New'} KPI set ${change.code} (${change.name}) from ${formatDate(change.effectiveFrom)}${endings ? `. ${endings}` : ''}`,
    reason: input.reason,
    change,
    proposedBy: user.id,
    proposedByRole: user.role,
  });
  await audit(request, tx, 'proposal.create', proposalTarget(row.id), { kind: 'kpi_set', change });
  return row.id;
}

/** Resolves, checks and records a band proposal inside the caller's transaction. */
export async function recordThresholdProposal(
  tx: Tx,
  request: FastifyRequest,
  user: Proposer,
  organisationId: number,
  input: ThresholdProposalInput,
): Promise<number> {
  const change = await resolveThresholdChange(tx, organisationId, input);
  await checkThresholdChange(tx, organisationId, change);
  const row = await insertProposal(tx, {
    organisationId,
    kind: 'threshold',
    title: `Bands for ${change.indicatorCode} from ${formatDate(change.effectiveFrom)}: ${change.target}; ${change.failure}`,
    reason: input.reason,
    change,
    proposedBy: user.id,
    proposedByRole: user.role,
  });
  await audit(request, tx, 'proposal.create', proposalTarget(row.id), { kind: 'threshold', change });
  return row.id;
}

export async function proposeKpiSet(db: Db, request: FastifyRequest, input: KpiSetProposalInput): Promise<Proposal> {
  const user = whoIsAsking(request);
  return auditedChange(db, request, { action: 'proposal.create', target: `kpi_set:${input.code}` }, async (tx) => {
    const organisation = await organisationForChange(request.context, tx);
    const id = await recordSetProposal(tx, request, user, organisation.id, input);
    return proposalDto(tx, organisation.id, id, user);
  });
}

export async function proposeThreshold(
  db: Db,
  request: FastifyRequest,
  input: ThresholdProposalInput,
): Promise<Proposal> {
  const user = whoIsAsking(request);
  const { organisationId, proposal } = await auditedChange(
    db,
    request,
    { action: 'proposal.create', target: `indicator:${input.indicatorCode}` },
    async (tx) => {
      const organisation = await organisationForChange(request.context, tx);
      const id = await recordThresholdProposal(tx, request, user, organisation.id, input);
      return { organisationId: organisation.id, proposal: await proposalDto(tx, organisation.id, id, user) };
    },
  );
  // What approval would re-rate, said as soon as the bands are proposed.
  const [withMonths] = await withReratings(
    db,
    request,
    organisationId,
    [proposal],
    `${proposalTarget(proposal.id)} re-rating`,
  );
  return withMonths!;
}

/** Approves (and applies, in the same transaction) or rejects a pending proposal. */
export async function decide(
  db: Db,
  request: FastifyRequest,
  id: number,
  decision: 'approved' | 'rejected',
  note: string | undefined,
): Promise<Proposal> {
  const user = whoIsAsking(request);
  const action = decision === 'approved' ? 'proposal.approve' : 'proposal.reject';
  return auditedChange(db, request, { action, target: proposalTarget(id) }, async (tx) => {
    const organisation = await organisationForChange(request.context, tx);
    const row = await lockProposal(tx, organisation.id, id);
    if (!row) throw new NotFoundError(`There is no proposed change ${id}.`);
    if (row.status !== 'pending') throw new ConflictError(`This change was already ${row.status}.`, 'already_decided');
    const refusal = decisionRefusal(row, user);
    if (refusal) throw new ForbiddenError(refusal);
    if (decision === 'approved') {
      if (row.kind === 'kpi_set') {
        const stored = row.change as Partial<KpiSetChange>;
        const { set, ends } = await applySetChange(
          tx,
          organisation.id,
          row.change as KpiSetChange,
          row.reason,
          stored.ends,
        );
        await audit(request, tx, 'kpi_set.apply', `kpi_set:${set.code}`, { proposal: id, change: row.change, ends });
      } else {
        const change = row.change as ThresholdChange;
        const { version, replaced } = await applyThresholdChange(tx, organisation.id, change);
        // Bands replaced by a correction are kept here, exactly as they were.
        await audit(request, tx, 'threshold.apply', `indicator:${change.indicatorCode}`, {
          proposal: id,
          thresholdVersionId: version.id,
          change,
          replaced,
        });
      }
    }
    await decideProposal(tx, id, { status: decision, decidedBy: user.id, note: note?.trim() || null });
    await audit(request, tx, action, proposalTarget(id), { kind: row.kind, note: note ?? null });
    return proposalDto(tx, organisation.id, id, user);
  });
}
