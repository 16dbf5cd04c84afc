import type {
  BenchmarkSourcesResponse,
  ChooseSnModelResponse,
  DfeImportResponse,
  DfePreviewResponse,
  Neighbour,
  SnModelListResponse,
} from '@kpi/shared';

/** Shapes of the benchmark API's answers, for the screens' tests; none of this models the server's logic. */

const upload = {
  id: 71,
  kind: 'dfe_release' as const,
  fileName: 'c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv',
  sha256: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2',
  byteSize: 414596,
  uploadedAt: '2025-11-20T10:00:00.000Z',
  outcome: 'validated' as const,
};

const measureColumn = (name: string, numbers: number, symbols: Record<string, number> = {}) => ({
  name,
  role: 'measure' as const,
  numbers,
  symbols,
  empty: 0,
  invalid: [],
  invalidCount: 0,
  values: [],
  example: '12',
});

export const dfePreviewFixture: DfePreviewResponse = {
  upload,
  rowCount: 2132,
  columns: [
    { ...measureColumn('time_period', 0), role: 'key', numbers: 0, example: '2025' },
    {
      ...measureColumn('category', 0),
      role: 'category',
      values: ['Section 47s and Initial Child Protection Conferences'],
      example: null,
    },
    measureColumn('ICPC', 2100),
    measureColumn('Duration_0-10_days', 2000, { c: 40 }),
    measureColumn('Duration_11-15_days', 2000, { c: 52 }),
  ],
  geographicLevels: [
    { level: 'National', rows: 13, imported: true },
    { level: 'Regional', rows: 117, imported: true },
    { level: 'Local authority', rows: 2002, imported: true },
  ],
  periods: [
    { timePeriod: '2025', timeIdentifier: 'Reporting year', rows: 164, supported: true },
    { timePeriod: '2013', timeIdentifier: 'Reporting year', rows: 164, supported: true },
  ],
  areas: { known: 164, unknown: [] },
  workforceFile: false,
  sample: [],
  measures: [
    {
      measureCode: 'icpc_timeliness_pct',
      unit: 'percent',
      timing: 'yearToMarch',
      description: 'ICPCs within 15 working days of the strategy discussion',
      kpis: [{ code: 'PI3', title: 'ICPCs within 15 working days', unit: 'percent', precision: 1 }],
    },
    { measureCode: 'icpc_count', unit: 'count', timing: 'yearToMarch', description: 'ICPCs (C4 ICPC)', kpis: [] },
  ],
  headlineAreas: {
    organisation: { areaCode: 'E08000028', name: 'Sandwell' },
    region: { areaCode: 'E12000005', name: 'West Midlands' },
    england: { areaCode: 'E92000001', name: 'England' },
  },
  previousImports: [],
  warnings: [],
};

export function dfeImportFixture(dryRun: boolean): DfeImportResponse {
  return {
    upload: { ...upload, outcome: dryRun ? 'validated' : 'committed' },
    dryRun,
    sourceRelease: 'DfE Children in need 2025, table C4',
    durationMs: 400,
    measures: [
      {
        measureCode: 'icpc_timeliness_pct',
        unit: 'percent',
        source: 'computed',
        timing: 'yearToMarch',
        reads: '(Duration_0-10_days + Duration_11-15_days) ÷ ICPC × 100, to 1 dp',
        rows: { inserted: 2000, changed: 0, unchanged: 0 },
        numbers: 1950,
        suppressed: 50,
        periods: ['2013', '2025'],
        usedBy: ['PI3'],
      },
    ],
    totals: { inserted: 2000, changed: 0, unchanged: 0 },
    changes: [],
    changesTotal: 0,
    skipped: { unknownAreas: [], otherLevels: [], noPopulation: [], empty: 0 },
    notes: [],
    neighbourAverages: {
      organisation: { areaCode: 'E08000028', name: 'Sandwell' },
      snModel: { code: 'dfe-sn-2021-04', name: 'DfE statistical neighbours (April 2021)' },
      reason: null,
      written: { inserted: 13, changed: 0, unchanged: 0, removed: 0 },
      values: [
        {
          measureCode: 'icpc_timeliness_pct',
          timePeriod: '2025',
          timeIdentifier: 'Reporting year',
          value: 81.23,
          contributingCount: 9,
          of: 10,
          leftOut: [{ areaCode: 'E06000032', name: 'Luton', reason: 'suppressed', symbol: 'c' }],
        },
      ],
    },
    headline: [
      {
        measureCode: 'icpc_timeliness_pct',
        timePeriod: '2025',
        timeIdentifier: 'Reporting year',
        organisation: { value: 92.4, symbol: null },
        region: { value: null, symbol: 'c' },
        england: { value: 78.6, symbol: null },
      },
    ],
  };
}

const neighbour = (rank: number, name: string, areaCode: string): Neighbour => ({
  rank,
  name,
  areaCode,
  oldLaCode: String(300 + rank),
  closeness: rank < 3 ? 'Very Close' : 'Close',
});

export const aprilNeighbours = [neighbour(1, 'Wolverhampton', 'E08000031'), neighbour(2, 'Walsall', 'E08000030')];
export const mayNeighbours = [neighbour(1, 'Wolverhampton', 'E08000031'), neighbour(2, 'Birmingham', 'E08000025')];

export const snModelsFixture: SnModelListResponse = {
  inUse: 'dfe-sn-2021-04',
  models: [
    {
      code: 'dfe-sn-2025-05',
      name: 'DfE statistical neighbours (May 2025)',
      publishedOn: '2025-05',
      sourceFile: 'sn_model_2025_wide.csv',
      subjects: 153,
      neighbours: 1530,
      inUse: false,
      organisationNeighbours: mayNeighbours,
    },
    {
      code: 'dfe-sn-2021-04',
      name: 'DfE statistical neighbours (April 2021)',
      publishedOn: '2021-04',
      sourceFile: 'New_Statistical_Neighbour_Groupings_April_2021.csv',
      subjects: 151,
      neighbours: 1510,
      inUse: true,
      organisationNeighbours: aprilNeighbours,
    },
  ],
};

export const chooseModelFixture: ChooseSnModelResponse = {
  organisation: { areaCode: 'E08000028', name: 'Sandwell' },
  snModel: { code: 'dfe-sn-2025-05', name: 'DfE statistical neighbours (May 2025)' },
  previous: { code: 'dfe-sn-2021-04', name: 'DfE statistical neighbours (April 2021)' },
  neighbours: mayNeighbours,
  neighbourAverages: {
    organisation: { areaCode: 'E08000028', name: 'Sandwell' },
    snModel: { code: 'dfe-sn-2025-05', name: 'DfE statistical neighbours (May 2025)' },
    reason: null,
    written: { inserted: 0, changed: 26, unchanged: 0, removed: 0 },
    values: [],
  },
};

export const sourcesFixture: BenchmarkSourcesResponse = {
  sources: [
    {
      uploadId: 71,
      kind: 'dfe_release',
      fileName: upload.fileName,
      sha256: upload.sha256,
      byteSize: upload.byteSize,
      sourceRelease: 'DfE Children in need 2025, table C4',
      importedAt: '2025-11-20T10:05:00.000Z',
      importedBy: { username: 'analyst', displayName: 'Trust analyst' },
      measures: ['icpc_timeliness_pct'],
      rows: 2000,
      counts: { inserted: 2000, changed: 0, unchanged: 0 },
    },
  ],
  populationYears: [
    { year: 2023, areas: 170, releases: ['ONS'] },
    { year: 2024, areas: 171, releases: ['ONS'] },
  ],
  measureKpis: [{ measureCode: 'icpc_timeliness_pct', kpis: [{ code: 'PI3', title: 'ICPCs within 15 working days' }] }],
};
