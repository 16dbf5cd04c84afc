import type { SessionUser } from '../http/requestContext';

/**
 * THE rule for what a person may know of the other councils one deployment serves (Sandwell,
 * Dudley, a whole region): a council exists for them only where they may read it (a membership,
 * or the regional role in a group holding it). Every answer that names served councils (the
 * regional tables, trends and exceptions and their downloads, the councils' own KPIs, the groups
 * page) asks here, so nothing tells one council's people which other councils are served here,
 * nor what groups the other councils' administrators have made.
 */
export interface CouncilSight {
  /** The organisations the person may read: every place their session carries. */
  readable: ReadonlySet<number>;
  /** The organisations the person administers by membership (a group only ever makes them a viewer). */
  administered: ReadonlySet<number>;
}

export function councilSightOf(session: Pick<SessionUser, 'memberships'> | null | undefined): CouncilSight {
  const places = session?.memberships ?? [];
  return {
    readable: new Set(places.map((m) => m.organisationId)),
    administered: new Set(places.filter((m) => m.role === 'admin' && !m.regional).map((m) => m.organisationId)),
  };
}

/** Whether to tell the person this deployment serves the council (it has an organisation they may read). */
export function servedHereFor(sight: CouncilSight, organisationId: number | null): boolean {
  return organisationId !== null && sight.readable.has(organisationId);
}

/** Of a list of served councils, those the person may know of, in the same order. */
export function councilsInSight<T extends { organisationId: number }>(
  sight: CouncilSight,
  councils: readonly T[],
): T[] {
  return councils.filter((c) => sight.readable.has(c.organisationId));
}

/**
 * Whether the person may know of a group at all. `as: 'administrator'` (the groups page and its
 * changes): it holds a council they administer. `as: 'reader'` (the regional comparisons): it holds
 * a council they may read. Either way a group holding no council yet (just made) is known only to
 * the administrators of the council it was made in (`ownerOrganisationId`); a group made before
 * that was recorded, or whose council has gone, is known to nobody until a council is added.
 * Another council's group is "not found", as another council's meeting is.
 */
export function groupInSight(
  sight: CouncilSight,
  group: { ownerOrganisationId: number | null },
  councilIds: readonly number[],
  as: 'administrator' | 'reader',
): boolean {
  if (councilIds.length === 0) {
    return group.ownerOrganisationId !== null && sight.administered.has(group.ownerOrganisationId);
  }
  const mine = as === 'administrator' ? sight.administered : sight.readable;
  return councilIds.some((id) => mine.has(id));
}

/**
 * Whether the person administers every council the deployment serves: the deployment's own
 * administrator. Only they may add a council, because adding one answers which councils are
 * already served (the list to choose from leaves them out; adding one again is refused by name).
 * Anyone else is refused the same way, whichever council they name.
 */
export function administersWholeDeployment(sight: CouncilSight, servedIds: readonly number[]): boolean {
  return servedIds.every((id) => sight.administered.has(id));
}

export const ONBOARDING_IS_FOR_THE_DEPLOYMENT =
  'Only an administrator of the whole deployment can add a council; ask whoever runs this service.';
