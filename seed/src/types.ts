import type {
  ComparatorKind,
  ComparatorSource,
  GeographicLevel,
  MeasureType,
  ObservationStatus,
  Operator,
  Polarity,
  Provenance,
  SuppressionSymbol,
  Theme,
  Unit,
} from '@kpi/shared';

/**
 * The demo data set, as plain typed rows. Rows refer to each other by natural keys (area codes,
 * model codes, indicator codes), never by database ids: the server's seeding code resolves those.
 */
export interface SeedData {
  areas: AreaSeed[];
  snModels: SnModelSeed[];
  snNeighbours: SnNeighbourSeed[];
  populations: PopulationSeed[];
  organisation: OrganisationSeed;
  indicators: IndicatorSeed[];
  kpiSets: KpiSetSeed[];
  thresholds: ThresholdSeed[];
  gracePeriods: GracePeriodSeed[];
  reliefEvents: ReliefEventSeed[];
  observations: ObservationSeed[];
  comparators: ComparatorSeed[];
  meetings: MeetingSeed[];
  /** What the papers said about a month's figure (quoted), shown as the month's commentary. */
  commentary: CommentarySeed[];
  /** Everything the loader could not place, mapped with a caveat, or skipped — never silent. */
  issues: SeedIssue[];
  /** Decisions taken while reading the papers, in words, for the seed report. */
  decisions: string[];
}

export interface AreaSeed {
  /** ONS/GSS code, the current one for a local authority (E08000028). */
  code: string;
  name: string;
  level: GeographicLevel;
  /** DfE three-digit LA number (333); null for England and regions. */
  oldLaCode: string | null;
  regionCode: string | null;
}

export interface SnModelSeed {
  code: string;
  name: string;
  publishedOn: string;
  sourceFile: string;
}

export interface SnNeighbourSeed {
  modelCode: string;
  areaCode: string;
  neighbourAreaCode: string;
  rank: number;
  closeness: string | null;
}

export interface PopulationSeed {
  areaCode: string;
  year: number;
  ageGroup: string;
  population: number;
  sourceRelease: string;
}

export interface OrganisationSeed {
  name: string;
  areaCode: string;
  providerName: string;
  snModelCode: string;
}

export interface IndicatorSeed {
  code: string;
  title: string;
  shortTitle: string | null;
  definition: string;
  whyItMatters: string;
  unit: Unit;
  polarity: Polarity;
  precision: number;
  measureType: MeasureType;
  theme: Theme;
  comparatorMeasure: string | null;
  /** How the comparator measure's definition differs from the KPI's, where it does (the contract's PI13). */
  comparatorDifference?: string | null;
}

export interface KpiSetSeed {
  code: string;
  name: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  persistentFailureMonths: number;
  /** Indicator codes in display order. */
  members: string[];
  /** Set when part of the set's configuration is not from the papers: says what is illustrative. */
  illustrativeNote?: string | null;
}

export interface ThresholdSeed {
  indicatorCode: string;
  kpiSetCode: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  targetOperator: Operator;
  targetValue: number;
  failureOperator: Operator;
  failureValue: number;
  sourceText: string;
  /** Bands the papers do not give, chosen for the demo (shown and exported as illustrative). */
  illustrative?: boolean;
}

export interface GracePeriodSeed {
  indicatorCode: string;
  kpiSetCode: string | null;
  startsOn: string;
  endsOn: string;
  reason: string;
}

export interface ReliefEventSeed {
  name: string;
  reason: string;
  agreedOn: string | null;
  startsOn: string;
  endsOn: string;
  indicatorCodes: string[];
}

export interface ObservationSeed {
  indicatorCode: string;
  /** YYYY-MM. */
  month: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  symbol: SuppressionSymbol | null;
  provenance: Provenance;
  status: ObservationStatus;
  sourceNote: string;
}

export interface ComparatorSeed {
  measureCode: string;
  kind: ComparatorKind;
  areaCode: string;
  snModelCode: string | null;
  contributingCount: number | null;
  unit: Unit;
  timePeriod: string;
  timeIdentifier: string;
  periodStart: string;
  periodEnd: string;
  value: number | null;
  symbol: SuppressionSymbol | null;
  /**
   * The counts behind a rate or percentage where DfE gives them (see `DfeFigure` in readers), for
   * comparing the council's own figure by its confidence interval; absent or null otherwise.
   */
  numerator?: number | null;
  denominator?: number | null;
  source: ComparatorSource;
  sourceRelease: string;
  sourceFile: string | null;
}

export interface MeetingSeed {
  board: string;
  heldOn: string;
  monthsFrom: string;
  monthsTo: string;
  /** Where the date and the months covered were read. */
  evidence: string;
}

export interface CommentarySeed {
  indicatorCode: string;
  /** YYYY-MM. */
  month: string;
  body: string;
}

export type SeedIssueKind =
  | 'unplaced_figure'
  | 'unmapped_neighbour'
  | 'skipped_value'
  | 'mapped_with_caveat'
  | 'source_inconsistency';

export interface SeedIssue {
  kind: SeedIssueKind;
  message: string;
}
