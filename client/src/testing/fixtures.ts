import type { MeResponse, OverviewResponse, Problem, Role, SessionStatus } from '@kpi/shared';

/** Fixtures are typed with the shared contracts, so a contract change breaks them at compile time. */

export const organisation = { name: 'Sandwell', laCode: 'E08000028' } satisfies NonNullable<MeResponse['organisation']>;

const people: Record<Role, Pick<MeResponse['user'], 'id' | 'username' | 'displayName'>> = {
  viewer: { id: 1, username: 'councillor', displayName: 'Cllr Pat Jones' },
  commissioner: { id: 2, username: 'commissioner', displayName: 'Sam Patel' },
  analyst: { id: 3, username: 'analyst', displayName: 'Alex Morgan' },
  admin: { id: 4, username: 'admin', displayName: 'Jo Admin' },
};

/** A person with this role in Sandwell, the one organisation they belong to. */
function userFixture(role: Role): MeResponse['user'] {
  return {
    ...people[role],
    role,
    preRelease: false,
    signInMethod: 'local',
    organisations: [{ areaCode: organisation.laCode, name: organisation.name, role }],
    organisationInView: organisation.laCode,
  };
}

export function meFixture(role: Role = 'commissioner', { withOrganisation = true } = {}): MeResponse {
  return { user: userFixture(role), organisation: withOrganisation ? organisation : null } satisfies MeResponse;
}

export const overviewFixture = {
  organisation: {
    name: organisation.name,
    laCode: organisation.laCode,
    oldLaCode: '333',
    regionName: 'West Midlands',
    providerName: 'Sandwell Children’s Trust',
    statisticalNeighbourModel: 'DfE children’s services statistical neighbours (2021)',
    statisticalNeighbourModelYears: [
      { model: 'DfE children’s services statistical neighbours (2021)', fromYear: 2021, toYear: 2024, inForce: true },
    ],
  },
  kpiSets: [
    {
      code: 'SCT-2024',
      name: 'Contract KPIs 2024 to 2025',
      effectiveFrom: '2024-04-01',
      effectiveTo: null,
      indicatorCount: 28,
    },
  ],
  latestMonth: '2025-03',
  observationCounts: [
    { provenance: 'published_paper', count: 120 },
    { provenance: 'illustrative', count: 1_560 },
  ],
  comparatorCount: 412,
} satisfies OverviewResponse;

export const emptyOverviewFixture = {
  organisation: {
    name: organisation.name,
    laCode: organisation.laCode,
    oldLaCode: null,
    regionName: null,
    providerName: null,
    statisticalNeighbourModel: null,
    statisticalNeighbourModelYears: [],
  },
  kpiSets: [],
  latestMonth: null,
  observationCounts: [],
  comparatorCount: 0,
} satisfies OverviewResponse;

export function problemFixture(status: number, title: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: 'about:blank',
    title,
    status,
    requestId: `req-${status}-0001`,
    ...extra,
  } satisfies Problem;
}

/** A session with `idleMinutes` left before it times out, and hours before its absolute limit. */
export function sessionStatusFixture(idleMinutes = 30, absoluteMinutes = 12 * 60): SessionStatus {
  const now = Date.now();
  return {
    idleExpiresAt: new Date(now + idleMinutes * 60_000).toISOString(),
    absoluteExpiresAt: new Date(now + absoluteMinutes * 60_000).toISOString(),
    serverTime: new Date(now).toISOString(),
    idleMinutes: 30,
    absoluteHours: 12,
  };
}
