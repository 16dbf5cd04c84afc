import type { Role } from '@kpi/shared';

type RoleGuide = {
  /** Short name shown next to the user's name. */
  label: string;
  /** Who the role is for, completing "This role is for …". */
  audience: string;
  /** What the role does in the product, in one or two sentences. */
  description: string;
};

/** Keyed by the shared role enum, so a new role will not compile until it is described here. */
export const ROLE_GUIDES: Record<Role, RoleGuide> = {
  viewer: {
    label: 'Viewer',
    audience: 'scrutiny councillors',
    description:
      "You can read how children's services are performing against the contract's targets and against similar councils, to support scrutiny. You cannot change any figures.",
  },
  commissioner: {
    label: 'Commissioner',
    audience: 'council commissioning managers',
    description:
      "You upload the Trust's monthly performance return, check it before it is saved, and use the scorecard to hold the provider to account against the contract's targets.",
  },
  analyst: {
    label: 'Analyst',
    audience: 'staff at the Trust that provides the service',
    description:
      'You review the monthly figures, trends and comparisons with similar councils, and explain what is behind changes in performance.',
  },
  admin: {
    label: 'Administrator',
    audience: 'people who run the dashboard',
    description:
      'You manage user accounts and their roles, the KPI sets and their targets, and the comparator data the dashboard uses.',
  },
};
