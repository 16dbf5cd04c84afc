import type { OnboardedCouncil } from '../contracts/onboarding';

export interface ListedModel {
  code: string;
}

/**
 * The statistical-neighbour model a council benchmarks against when it is set up or onboarded:
 * the one asked for, which must list the council; otherwise the deployment's current model when it
 * lists the council (so councils in one deployment compare alike); otherwise the newest that lists
 * it; none when no model does. `listing` holds the models listing the council, newest first.
 */
export function chooseSnModel<M extends ListedModel>(
  listing: readonly M[],
  requested: string | null | undefined,
  current: string | null | undefined,
): { model: M | null } | { refused: 'not_listed' } {
  if (requested) {
    const asked = listing.find((m) => m.code === requested);
    return asked ? { model: asked } : { refused: 'not_listed' };
  }
  return { model: listing.find((m) => m.code === current) ?? listing[0] ?? null };
}

function listed(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The sentence confirming what onboarding created, e.g. "Dudley added, with 15 KPIs copied from Sandwell's Contract 2024 set. You are its administrator." */
export function onboardingConfirmation(result: OnboardedCouncil): string {
  const { organisation, template, role } = result;
  const you = role === 'admin' ? 'You are its administrator.' : `You are its ${role}.`;
  if (!template) return `${organisation.name} added, starting with no KPIs. ${you}`;
  const kpis = `${template.indicators} ${template.indicators === 1 ? 'KPI' : 'KPIs'}`;
  const sets = template.kpiSets.map((s) => s.name);
  const from =
    sets.length === 0 ? template.name : `${template.name}’s ${listed(sets)} ${sets.length === 1 ? 'set' : 'sets'}`;
  return `${organisation.name} added, with ${kpis} copied from ${from}. ${you}`;
}
