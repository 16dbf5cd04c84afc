import {
  formatValue,
  type ReturnCommitResponse,
  type ReturnExistingFigure,
  type ReturnHistoryResponse,
  type ReturnPreviewItem,
  type ReturnProblem,
  type ReturnUploadListResponse,
  type ReturnUploadResponse,
  type ReturnUploadSummary,
  type Unit,
} from '@kpi/shared';

/**
 * Monthly-return fixtures, typed with the shared contract. Every count, flag and message is
 * written here as the server would send it; nothing is derived from a rule of the server's.
 */

const SHA = '3f2a9c1b7d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcd';

export const uploadSummary = (overrides: Partial<ReturnUploadSummary> = {}): ReturnUploadSummary =>
  ({
    id: 41,
    fileName: 'return-contract-2018-2024-03.csv',
    sha256: SHA,
    byteSize: 1_987,
    format: 'csv',
    layout: 'wide',
    encoding: 'utf-8 with BOM',
    sheetName: null,
    uploadedAt: '2024-04-10T09:15:00.000Z',
    uploadedBy: 'Sam Patel',
    outcome: 'validated',
    ...overrides,
  }) satisfies ReturnUploadSummary;

export function problem(overrides: Partial<ReturnProblem> & Pick<ReturnProblem, 'code' | 'message'>): ReturnProblem {
  return {
    severity: 'error',
    location: null,
    row: null,
    column: null,
    columnNumber: null,
    cell: null,
    kpiCode: null,
    month: null,
    ...overrides,
  } satisfies ReturnProblem;
}

const counts = (overrides: Partial<ReturnUploadResponse['counts']>): ReturnUploadResponse['counts'] => ({
  figures: 0,
  new: 0,
  changed: 0,
  unchanged: 0,
  comments: 0,
  errors: 0,
  warnings: 0,
  ...overrides,
});

/** A CSV with two bad cells and a file-wide problem: nothing can be loaded. */
export const rejectedUploadFixture = {
  upload: uploadSummary({ id: 40, outcome: 'rejected' }),
  report: {
    errors: [
      problem({
        code: 'invalid_value',
        location: 'row 5, column "2024-03"',
        row: 5,
        column: '2024-03',
        columnNumber: 4,
        kpiCode: 'PI4',
        month: '2024-03',
        message:
          '"12.5.3" is not a figure we can read. Enter a number such as 12.5, 12.5% or 1,234, or one of the symbols c, x, z, low, u; leave the cell empty if there is no figure.',
      }),
      problem({
        code: 'percent_out_of_range',
        location: 'row 2, column "2024-03"',
        row: 2,
        column: '2024-03',
        columnNumber: 4,
        kpiCode: 'PI1',
        month: '2024-03',
        message: 'PI1 is a percentage, so its figure must be between 0 and 100; 150 is not.',
      }),
      problem({
        code: 'unknown_kpi',
        location: 'row 17, column "kpi_code"',
        row: 17,
        column: 'kpi_code',
        columnNumber: 1,
        kpiCode: 'PI99',
        message:
          '"PI99" is not a KPI code in this dashboard. Use the code exactly as it is in the template, or delete the row.',
      }),
    ],
    warnings: [],
  },
  preview: { newValues: [], changedValues: [], unchangedValues: [], ratingChanges: [] },
  counts: counts({ figures: 12, errors: 3 }),
  alreadyLoaded: null,
  canCommit: false,
  needsConfirmation: false,
  needsReason: false,
  message: 'The file has 3 problems to correct before it can be loaded. Nothing has been saved.',
  commit: null,
  abandon: null,
} satisfies ReturnUploadResponse;

/** An Excel file: its problems are located by cell reference. */
export const rejectedXlsxFixture = {
  ...rejectedUploadFixture,
  upload: uploadSummary({
    id: 39,
    fileName: 'march-return.xlsx',
    format: 'xlsx',
    encoding: null,
    sheetName: 'Return',
    outcome: 'rejected',
  }),
  report: {
    errors: [
      problem({
        code: 'percent_not_applicable',
        location: 'C4',
        row: 4,
        column: '2024-03',
        columnNumber: 3,
        cell: 'C4',
        kpiCode: 'PI5',
        month: '2024-03',
        message:
          'The cell is formatted as a percentage (it shows 50%) but PI5 is a count. Enter the number of children.',
      }),
    ],
    warnings: [],
  },
  counts: counts({ figures: 4, errors: 1 }),
  message: 'The file has 1 problem to correct before it can be loaded. Nothing has been saved.',
} satisfies ReturnUploadResponse;

type FigureSpec = { value: number | null; unit: Unit; precision: number };

function figure({ value, unit, precision }: FigureSpec) {
  return { value, symbol: null, numerator: null, denominator: null, displayValue: formatValue(value, unit, precision) };
}

function held(spec: FigureSpec, rest: Partial<ReturnExistingFigure>): ReturnExistingFigure {
  return {
    ...figure(spec),
    provenance: 'illustrative',
    status: 'provisional',
    fileName: null,
    updatedAt: '2024-01-05T10:00:00.000Z',
    ...rest,
  };
}

function item(
  base: Pick<ReturnPreviewItem, 'kpiCode' | 'kpiTitle' | 'unit' | 'month' | 'location' | 'change'> & {
    precision: number;
    value: number;
  },
  extra: Partial<ReturnPreviewItem> = {},
): ReturnPreviewItem {
  const { precision, value, ...rest } = base;
  return {
    ...rest,
    effect: base.change === 'changed' ? 'value_changed' : base.change,
    rating: { before: base.change === 'new' ? null : 'green', after: 'green', changed: false },
    old: null,
    new: figure({ value, unit: base.unit, precision }),
    comment: null,
    commentChanged: false,
    lockedMonth: false,
    changesReportedFigure: false,
    replacesIllustrative: false,
    ...extra,
  };
}

const PI1 = {
  kpiCode: 'PI1',
  kpiTitle: 'Contacts accepted as MASH referrals within 24 hours',
  unit: 'percent',
} as const;
const PI5 = { kpiCode: 'PI5', kpiTitle: 'Children unallocated for more than 5 working days', unit: 'count' } as const;
const PI14 = { kpiCode: 'PI14', kpiTitle: 'Average caseloads across the service', unit: 'average' } as const;

/** Valid: one figure replaces an illustrative one, one changes a reported figure (warning, reason), one is new. */
export const previewFixture = {
  upload: uploadSummary(),
  report: {
    errors: [],
    warnings: [
      problem({
        severity: 'warning',
        code: 'changes_reported_value',
        location: 'row 3, column "2024-02"',
        row: 3,
        column: '2024-02',
        columnNumber: 4,
        kpiCode: 'PI5',
        month: '2024-02',
        message: 'PI5 for February 2024 was 6 (uploaded in feb-return.csv); this file changes it to 9. Give a reason.',
      }),
    ],
  },
  preview: {
    newValues: [
      item({
        ...PI14,
        month: '2024-03',
        location: 'row 4, column "2024-03"',
        change: 'new',
        precision: 2,
        value: 17.25,
      }),
    ],
    changedValues: [
      item(
        { ...PI1, month: '2024-03', location: 'row 2, column "2024-03"', change: 'changed', precision: 1, value: 78.4 },
        {
          old: held({ value: 87.7, unit: 'percent', precision: 1 }, { provenance: 'illustrative' }),
          replacesIllustrative: true,
        },
      ),
      item(
        { ...PI5, month: '2024-02', location: 'row 3, column "2024-02"', change: 'changed', precision: 0, value: 9 },
        {
          old: held(
            { value: 6, unit: 'count', precision: 0 },
            { provenance: 'uploaded_return', fileName: 'feb-return.csv', status: 'provisional' },
          ),
          changesReportedFigure: true,
        },
      ),
    ],
    unchangedValues: [
      item({
        ...PI5,
        month: '2024-03',
        location: 'row 3, column "2024-03"',
        change: 'unchanged',
        precision: 0,
        value: 4,
      }),
    ],
    ratingChanges: [],
  },
  counts: counts({ figures: 4, new: 1, changed: 2, valueChanged: 2, confirmed: 0, unchanged: 1, warnings: 1 }),
  alreadyLoaded: null,
  canCommit: true,
  needsConfirmation: true,
  needsReason: true,
  message:
    'Loading this file would save 1 new figure and 2 changed figures. Check the 1 warning and confirm it. Give a reason for changing figures already reported. Nothing is saved until you load it.',
  commit: null,
  abandon: null,
} satisfies ReturnUploadResponse;

/** Valid, replacing illustrative figures only: nothing to confirm, no reason needed. */
export const simplePreviewFixture = {
  ...previewFixture,
  upload: uploadSummary({ id: 42 }),
  report: { errors: [], warnings: [] },
  preview: { ...previewFixture.preview, changedValues: [previewFixture.preview.changedValues[0]!] },
  counts: counts({ figures: 3, new: 1, changed: 1, valueChanged: 1, confirmed: 0, unchanged: 1 }),
  needsConfirmation: false,
  needsReason: false,
  message: 'Loading this file would save 1 new figure and 1 changed figure. Nothing is saved until you load it.',
} satisfies ReturnUploadResponse;

const PI2 = { kpiCode: 'PI2', kpiTitle: 'Re-referrals within 12 months', unit: 'percent' } as const;
const PI4 = { kpiCode: 'PI4', kpiTitle: 'Assessments completed within 45 working days', unit: 'percent' } as const;

/**
 * Valid, replacing illustrative figures: PI2's 53.1 is confirmed (the same value, now from a
 * return), PI4 moves from 85.9% green to 81.5% amber, PI1 changes value but stays green.
 */
const pi4Amber = item(
  { ...PI4, month: '2024-03', location: 'row 5, column "2024-03"', change: 'changed', precision: 1, value: 81.5 },
  {
    old: held({ value: 85.9, unit: 'percent', precision: 1 }, {}),
    replacesIllustrative: true,
    rating: { before: 'green', after: 'amber', changed: true },
  },
);
export const ratingPreviewFixture = {
  ...simplePreviewFixture,
  upload: uploadSummary({ id: 45 }),
  preview: {
    newValues: [],
    changedValues: [
      previewFixture.preview.changedValues[0]!,
      pi4Amber,
      item(
        { ...PI2, month: '2024-03', location: 'row 3, column "2024-03"', change: 'changed', precision: 1, value: 53.1 },
        {
          old: held({ value: 53.1, unit: 'percent', precision: 1 }, {}),
          replacesIllustrative: true,
          effect: 'confirmed',
          rating: { before: 'red', after: 'red', changed: false },
        },
      ),
    ],
    unchangedValues: [],
    ratingChanges: [pi4Amber],
  },
  counts: counts({ figures: 3, changed: 3, valueChanged: 2, confirmed: 1, ratingChanged: 1 }),
  message:
    'Loading this file would save 2 changed values and 1 figure confirmed (same value, now from a return). 1 figure changes rating. See the ratings below. Nothing is saved until you load it.',
} satisfies ReturnUploadResponse;

export const alreadyLoadedFixture = {
  ...previewFixture,
  upload: uploadSummary({ id: 43, fileName: 'return-contract-2018-2024-03 (copy).csv' }),
  report: { errors: [], warnings: [] },
  preview: {
    newValues: [],
    changedValues: [],
    unchangedValues: [...previewFixture.preview.newValues, ...previewFixture.preview.changedValues].map((i) => ({
      ...i,
      change: 'unchanged' as const,
      old: null,
      effect: 'unchanged' as const,
      changesReportedFigure: false,
      replacesIllustrative: false,
    })),
    ratingChanges: [],
  },
  counts: counts({ figures: 3, unchanged: 3 }),
  alreadyLoaded: {
    uploadId: 41,
    loadedAt: '2024-04-10T09:20:00.000Z',
    loadedBy: 'Sam Patel',
    message: 'This file was already loaded on 10 April 2024 at 10:20 by Sam Patel; nothing would change.',
  },
  needsConfirmation: false,
  needsReason: false,
  message: 'This file was already loaded on 10 April 2024 at 10:20 by Sam Patel; nothing would change.',
} satisfies ReturnUploadResponse;

const commitInfo = {
  committedAt: '2024-04-10T09:20:00.000Z',
  committedBy: 'Sam Patel',
  reason: 'The Trust corrected February after a late recording',
  created: 1,
  changed: 2,
  revisionsWritten: 3,
  commentsSaved: 0,
} satisfies ReturnCommitResponse['commit'];

export const commitResponseFixture = {
  upload: uploadSummary({ outcome: 'committed' }),
  outcome: 'committed',
  commit: commitInfo,
  message: 'Loaded on 10 April 2024 at 10:20 by Sam Patel: 1 new figure and 2 changed figures.',
} satisfies ReturnCommitResponse;

export const committedUploadFixture = {
  ...previewFixture,
  upload: uploadSummary({ outcome: 'committed' }),
  canCommit: false,
  needsReason: false,
  message: commitResponseFixture.message,
  commit: commitInfo,
} satisfies ReturnUploadResponse;

export const uploadListFixture = {
  uploads: [
    {
      ...uploadSummary({ outcome: 'committed' }),
      counts: counts({ figures: 4, new: 1, changed: 2, unchanged: 1, warnings: 1 }),
    },
    { ...uploadSummary({ id: 40, outcome: 'rejected', uploadedBy: 'Alex Morgan' }), counts: counts({ errors: 3 }) },
  ],
} satisfies ReturnUploadListResponse;

export const historyFixture = {
  kpiCode: 'PI5',
  kpiTitle: 'Children unallocated for more than 5 working days',
  unit: 'count',
  precision: 0,
  month: '2024-02',
  current: {
    value: 9,
    symbol: null,
    numerator: null,
    denominator: null,
    displayValue: '9',
    provenance: 'uploaded_return',
    status: 'revised',
    fileName: 'return-contract-2018-2024-03.csv',
    updatedAt: '2024-04-10T09:20:00.000Z',
    sourceNote: null,
  },
  revisions: [
    {
      id: 7,
      changedAt: '2024-03-08T14:02:00.000Z',
      changedBy: { username: 'analyst', displayName: 'Alex Morgan', role: 'analyst' },
      old: { value: 7, symbol: null, displayValue: '7' },
      new: { value: 6, symbol: null, displayValue: '6' },
      reason: 'replaces illustrative demo data',
      upload: {
        id: 31,
        fileName: 'feb-return.csv',
        sha256: 'aa11bb22cc33dd44ee55ff6677889900aa11bb22cc33dd44ee55ff6677889900',
      },
    },
    {
      id: 12,
      changedAt: '2024-04-10T09:20:00.000Z',
      changedBy: { username: 'commissioner', displayName: 'Sam Patel', role: 'commissioner' },
      old: { value: 6, symbol: null, displayValue: '6' },
      new: { value: 9, symbol: null, displayValue: '9' },
      reason: 'The Trust corrected February after a late recording',
      upload: { id: 41, fileName: 'return-contract-2018-2024-03.csv', sha256: SHA },
    },
  ],
} satisfies ReturnHistoryResponse;

/** The demo's KPI set, as the overview lists it (for the template form). */
export const contract2018Set = {
  code: 'CONTRACT-2018',
  name: 'Contract 2018 (PI1–PI15)',
  effectiveFrom: '2018-04-01',
  effectiveTo: '2024-03-31',
  indicatorCount: 15,
};

/** The 120 months of a ten-year backfill, April 2014 to March 2024. */
export const BACKFILL_MONTHS = Array.from({ length: 120 }, (_, i) => {
  const year = 2014 + Math.floor((i + 3) / 12);
  const month = ((i + 3) % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}`;
});

function backfillRow(
  kpi: { kpiCode: string; kpiTitle: string; unit: Unit },
  row: number,
  precision: number,
  change: ReturnPreviewItem['change'],
  value: (index: number) => number,
  months = BACKFILL_MONTHS,
): ReturnPreviewItem[] {
  return months.map((month) =>
    item(
      {
        ...kpi,
        month,
        location: `row ${row}, column "${month}"`,
        change,
        precision,
        value: value(BACKFILL_MONTHS.indexOf(month)),
      },
      change === 'changed'
        ? {
            old: held({ value: value(BACKFILL_MONTHS.indexOf(month)) + 1, unit: kpi.unit, precision }, {}),
            replacesIllustrative: true,
          }
        : {},
    ),
  );
}

/**
 * A ten-year backfill of three KPIs (wide layout, one row per KPI): PI1 and PI5 are new for all
 * 120 months (240 new figures, more than a page); PI14's last 24 months replace illustrative
 * figures and its 96 months before them are already held unchanged.
 */
export const backfillPreviewFixture = {
  ...previewFixture,
  upload: uploadSummary({ id: 44, fileName: 'backfill-2014-04-to-2024-03.csv', byteSize: 9_876 }),
  report: { errors: [], warnings: [] },
  preview: {
    newValues: [
      ...backfillRow(PI1, 2, 1, 'new', (i) => 70 + (i % 10)),
      ...backfillRow(PI5, 3, 0, 'new', (i) => 100 + i),
    ],
    changedValues: backfillRow(PI14, 4, 2, 'changed', (i) => 15 + i / 100, BACKFILL_MONTHS.slice(96)),
    unchangedValues: backfillRow(PI14, 4, 2, 'unchanged', (i) => 15 + i / 100, BACKFILL_MONTHS.slice(0, 96)),
    ratingChanges: [],
  },
  counts: counts({ figures: 360, new: 240, changed: 24, unchanged: 96 }),
  needsConfirmation: false,
  needsReason: false,
  message: 'Loading this file would save 240 new figures and 24 changed figures. Nothing is saved until you load it.',
} satisfies ReturnUploadResponse;
