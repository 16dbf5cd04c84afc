import type { ProposalStatus } from '@kpi/shared';
import { and, desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/database';
import { proposedChanges, users } from '../db/schema';

export type ProposalRow = typeof proposedChanges.$inferSelect;

export async function insertProposal(db: DbOrTx, values: typeof proposedChanges.$inferInsert): Promise<ProposalRow> {
  const [row] = await db.insert(proposedChanges).values(values).returning();
  return row!;
}

const proposer = alias(users, 'proposer');
const decider = alias(users, 'decider');

/** Proposals with the names of who proposed and decided, newest first. */
export async function listProposals(db: DbOrTx, organisationId: number, id?: number) {
  const conditions = [eq(proposedChanges.organisationId, organisationId)];
  if (id !== undefined) conditions.push(eq(proposedChanges.id, id));
  return db
    .select({ proposal: proposedChanges, proposedBy: proposer.displayName, decidedBy: decider.displayName })
    .from(proposedChanges)
    .innerJoin(proposer, eq(proposer.id, proposedChanges.proposedBy))
    .leftJoin(decider, eq(decider.id, proposedChanges.decidedBy))
    .where(and(...conditions))
    .orderBy(desc(proposedChanges.id));
}

/** Locks the proposal row for the decision, so two approvers cannot both apply it. */
export async function lockProposal(db: DbOrTx, organisationId: number, id: number): Promise<ProposalRow | undefined> {
  const [row] = await db
    .select()
    .from(proposedChanges)
    .where(and(eq(proposedChanges.organisationId, organisationId), eq(proposedChanges.id, id)))
    .for('update');
  return row;
}

export async function decideProposal(
  db: DbOrTx,
  id: number,
  decision: { status: Exclude<ProposalStatus, 'pending'>; decidedBy: number; note: string | null },
): Promise<void> {
  await db
    .update(proposedChanges)
    .set({ status: decision.status, decidedBy: decision.decidedBy, decidedAt: new Date(), decisionNote: decision.note })
    .where(and(eq(proposedChanges.id, id), eq(proposedChanges.status, 'pending')));
}

/** Codes of KPI sets proposed and not yet decided: bands may name a set that is waiting for approval. */
export async function pendingSetCodes(db: DbOrTx, organisationId: number): Promise<Set<string>> {
  const rows = await db
    .select({ change: proposedChanges.change })
    .from(proposedChanges)
    .where(
      and(
        eq(proposedChanges.organisationId, organisationId),
        eq(proposedChanges.kind, 'kpi_set'),
        eq(proposedChanges.status, 'pending'),
      ),
    );
  return new Set(rows.map((r) => (r.change as { code: string }).code));
}
