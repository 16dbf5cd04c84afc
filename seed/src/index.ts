import { populationYearFor } from '@kpi/shared';
import { buildAreas, crossCheckAreas } from './areas';
import { covidReliefEvent, loadContractKpis } from './contract';
import { CONTRACT_2024_DECISION, contract2024 } from './contract2024';
import { derived2024 } from './derived2024';
import { computeNeighbourAverages, type DfeFiles, loadDfeComparators } from './dfeComparators';
import { checkReferenceFiles, readContractKpis, readCsv, readTidyCsvFile, referencePaths } from './files';
import { generateSeries } from './illustrative';
import { ILLUSTRATIVE_FROM, ILLUSTRATIVE_TO } from './illustrativeParameters';
import { SERIES_2024 } from './illustrativeSeries2024';
import { SERIES_PIS } from './illustrativeSeriesPis';
import { MEETINGS } from './meetings';
import { anchorToOfficialFigures } from './officialAnchors';
import { CASELOAD_TEAMS, caseloadIndicators, OTHER_INDICATORS } from './otherIndicators';
import { loadPopulations } from './populations';
import {
  caseloadObservations,
  derivedPi14,
  EXTRA_PUBLISHED_POINTS,
  placePublishedFigures,
  readCaseloads,
} from './publishedFigures';
import { INDICATORS_2025, STATEMENTS_2025 } from './statements2025';
import { loadStatisticalNeighbours, SN_MODEL_2021, SN_MODEL_2025 } from './statisticalNeighbours';
import type { ObservationSeed, SeedData, SeedIssue } from './types';

export { ENGLAND_CODE } from './areas';
export { CONTRACT_2018 } from './contract';
export { CONTRACT_2024, CONTRACT_2024_ILLUSTRATIVE_NOTE, CP_PLAN_2Y, LTPS } from './contract2024';
export {
  computeNeighbourAverages,
  DEMO_DFE_SOURCES,
  type DemoDfeSource,
  DFE_RELEASES,
  dfePeriod,
  type NeighbourAverageDetail,
  type NeighbourFigure,
  neighbourAveragesWithDetail,
  snModelLabel,
} from './dfeComparators';
export { DFE_MEASURES, type DfeMeasure } from './dfeMeasures';
export {
  checkReferenceFiles,
  ReferenceDataError,
  readCsv,
  readCsvRows,
  readTidyCsvFile,
  referencePaths,
} from './files';
export { ILLUSTRATIVE_FROM, ILLUSTRATIVE_LATEST, ILLUSTRATIVE_NOTE, ILLUSTRATIVE_TO } from './illustrativeParameters';
export { SERIES_2024 } from './illustrativeSeries2024';
export { SERIES_PIS } from './illustrativeSeriesPis';
export { MEETINGS, SCRUTINY_BOARD } from './meetings';
export { PAPERS, paperTitle } from './papers';
export { ONS_POPULATION_RELEASE } from './populations';
export { MEASURE_TO_INDICATOR, paperPeriod, publishedSourceNote } from './publishedFigures';
export { STATEMENTS_2025 } from './statements2025';
export { SN_MODEL_2021, SN_MODEL_2025 } from './statisticalNeighbours';
export type * from './types';

export const SANDWELL_CODE = 'E08000028';

/**
 * Reads the reference files under `referenceDir` (data/reference/ by default) into the demo data set:
 * areas, both DfE statistical-neighbour models, ONS populations, the organisation, indicators,
 * the Contract 2018 KPI set with its thresholds, the COVID relief event, real and illustrative
 * observations, published and DfE comparators, and Scrutiny Board meetings. No database code.
 */
export async function loadSeedData(referenceDir: string): Promise<SeedData> {
  const paths = referencePaths(referenceDir);
  // Before reading anything: a missing file is one clear message, not a stack trace half-way.
  checkReferenceFiles(referenceDir, paths);
  const issues: SeedIssue[] = [];
  const decisions: string[] = [];

  // Every DfE/ONS statistics file goes through the one tidy-CSV reader the benchmark import uses.
  const dfe: DfeFiles = {
    b1: readTidyCsvFile(paths.b1),
    c1: readTidyCsvFile(paths.c1),
    c4: readTidyCsvFile(paths.c4),
    d3: readTidyCsvFile(paths.d3),
    d5: readTidyCsvFile(paths.d5),
    cla: readTidyCsvFile(paths.cla),
    claOlder: readTidyCsvFile(paths.claOlder),
    csww: readTidyCsvFile(paths.csww),
    lait: readTidyCsvFile(paths.lait),
  };
  const onsRows = readTidyCsvFile(paths.ons);

  // 1. Areas, from every DfE tidy file, cross-checked against DfE's LA list and the ONS lookup.
  const areaIndex = buildAreas(
    [...Object.entries(dfe).map(([name, rows]) => ({ name, rows })), { name: 'ons', rows: onsRows }],
    issues,
  );
  await crossCheckAreas(areaIndex, paths.laCodeList, readCsv(paths.ltlaUtla), issues);

  // 2. Statistical-neighbour models.
  const sn = loadStatisticalNeighbours({ sn2021: paths.sn2021, sn2025: paths.sn2025 }, areaIndex, issues);

  // 3. Populations.
  const { populations, lookup: population } = loadPopulations(onsRows, areaIndex, issues);

  // 4. The organisation.
  const organisation = {
    name: 'Sandwell Metropolitan Borough Council',
    areaCode: SANDWELL_CODE,
    providerName: "Sandwell Children's Trust",
    snModelCode: SN_MODEL_2021,
  };
  decisions.push(
    "Sandwell benchmarks against DfE's April 2021 statistical-neighbour model: the statistical-neighbour averages the 2021 and 2024 papers quote (ICPC timeliness 78.4 for 2020 and 80.5, re-referrals 20.4, children entering care 31.6, CP plans 54.5 per 10,000, ICPCs 84.4 and S47s 222 per 10,000) are the means of the April 2021 model's ten neighbours, and none is reproduced by the May 2025 model. (The September 2025 minutes' care-entry and care-exit neighbour figures, 36.1 and 36.6, are close to the May 2025 model's 36.0 and 36.5 for 2024, so later papers may have moved to it.)",
  );

  // 5. Indicators, the Contract 2018 KPI set and its thresholds.
  const contract = loadContractKpis(
    readContractKpis(paths.contractKpis, (message) => issues.push({ kind: 'source_inconsistency', message })),
    issues,
  );
  const contractNow = contract2024();
  decisions.push(CONTRACT_2024_DECISION);
  const indicators = [
    ...contract.indicators,
    ...contractNow.indicators,
    ...OTHER_INDICATORS,
    ...INDICATORS_2025,
    ...caseloadIndicators(),
  ];
  decisions.push(
    'Precision: percentages and rates 1 dp, counts 0 dp, averages 2 dp; the workforce percentages the September 2025 minutes print to 2 dp (overall vacancy, permanent and agency shares) are 2 dp, and social-worker FTE is 2 dp as printed.',
  );

  // 6. The COVID relief event.
  const relief = covidReliefEvent();
  decisions.push(
    'COVID relief event: agreed 21 July 2020 (annual review, section (c)); it relieves the Trust of consequences for PI6, PI10, PI11 and PI13 in the contract year 2020/21, so it is stored from 1 April 2020 (agreed later, applied to the year), extended "to the end of the financial year by letter on 20th October 2020" and, per the review\'s introduction, "currently to the end of September 2021": ends 30 September 2021.',
  );

  // 7. Caseloads: the real team figures, and PI14 derived from them.
  const caseloads = readCaseloads(readCsv(paths.caseloads));
  const teamCodes = new Map(CASELOAD_TEAMS.map((t) => [t.team, t.code]));
  const caseloadObs = caseloadObservations(caseloads, teamCodes, issues);
  const pi14 = derivedPi14(caseloads);
  decisions.push(
    'PI14 in 2020/21: the review shows PI14 only as a chart and prints the five team tables; total cases ÷ total case-holding FTE gives 19.05 (April 2020) rising to 22.17 (March 2021), consistent with "gradually increased", but the review neither prints PI14 values nor says PI14 is computed that way (its social-worker total, 201.85 → 187.43 FTE, exceeds the teams\' 180.34 FTE). So the derived months are stored with provenance illustrative and a source note saying how they were derived (the schema has no "derived" provenance).',
  );

  // 8. Every published figure.
  const published = placePublishedFigures(readCsv(paths.publishedFigures), issues);

  // 9. DfE comparators for every area, and neighbour averages for the organisation.
  const dfeComparators = loadDfeComparators(
    dfe,
    {
      b1: paths.b1,
      c1: paths.c1,
      c4: paths.c4,
      d3: paths.d3,
      d5: paths.d5,
      cla: paths.cla,
      claOlder: paths.claOlder,
      csww: paths.csww,
      lait: paths.lait,
    },
    areaIndex,
    population,
    issues,
  );

  // 10. Illustrative series for the contract KPIs, bent through every figure already known.
  const known: ObservationSeed[] = [...published.observations, ...EXTRA_PUBLISHED_POINTS, ...caseloadObs, ...pi14];
  const fixed = new Map<string, Map<string, number>>();
  for (const o of known) {
    if (o.value === null) continue;
    const byMonth = fixed.get(o.indicatorCode) ?? new Map<string, number>();
    byMonth.set(o.month, o.value);
    fixed.set(o.indicatorCode, byMonth);
  }
  // ONS estimates end at mid-2024; months after March 2025 use the latest estimate there is.
  const latestPopulationWithYear = (year: number): { value: number; midYear: number } | null => {
    for (let y = year; y >= year - 3; y--) {
      const p = population(SANDWELL_CODE, y);
      if (p !== null) return { value: p, midYear: y };
    }
    return null;
  };
  decisions.push(
    'Rates per 10,000 for months after March 2025 (the 2025/26 financial year) use the latest ONS 0–17 estimate in the file (mid-2024), as no mid-2025 estimate is published yet.',
  );
  // Series of DfE's own measures also meet Sandwell's DfE figures, unless a paper gives another.
  const anchoring = anchorToOfficialFigures(
    [...SERIES_PIS, ...SERIES_2024],
    indicators,
    dfeComparators,
    SANDWELL_CODE,
    fixed,
    { from: ILLUSTRATIVE_FROM, to: ILLUSTRATIVE_TO },
  );
  decisions.push(...anchoring.notes);
  const illustrative = anchoring.specs.flatMap((spec) =>
    generateSeries(spec, { fixed, population: latestPopulationWithYear }),
  );
  const derived = derived2024([...known, ...illustrative], (month) => {
    const wantedYear = populationYearFor(month);
    const p = latestPopulationWithYear(wantedYear);
    if (p === null) throw new Error(`No ONS population for ${month}`);
    return { ...p, wantedYear };
  });
  const observations = [...known, ...illustrative, ...derived];
  const seenObservation = new Set<string>();
  for (const o of observations) {
    const key = `${o.indicatorCode}|${o.month}`;
    if (seenObservation.has(key)) throw new Error(`Two observations for ${key}`);
    seenObservation.add(key);
  }

  const averages = computeNeighbourAverages(
    dfeComparators,
    sn.neighbours,
    [SN_MODEL_2021, SN_MODEL_2025],
    SANDWELL_CODE,
  );
  for (const model of [SN_MODEL_2021, SN_MODEL_2025]) {
    const list = sn.neighbours.filter((n) => n.modelCode === model && n.areaCode === SANDWELL_CODE);
    if (list.length !== 10) {
      issues.push({
        kind: 'unmapped_neighbour',
        message: `Sandwell has ${list.length} neighbours in ${model}, not 10.`,
      });
    }
  }
  decisions.push(
    "DfE rates per 10,000 that DfE does not publish in these files (CP plans at 31 March, referrals, S47s, ICPCs, children in need) are computed as count ÷ ONS 0–17 estimate for the 30 June within the reporting year (DfE's own convention, checked against the CLA file) × 10,000, to 1 dp, with source \"computed\"; ICPC timeliness is (Duration_0-10 + Duration_11-15) ÷ the four duration bands (0–10, 11–15, 16–20, 21+ days), the denominator DfE's published percentage uses (dividing by the ICPC count gives West Midlands 2017 78.7 against DfE's 78.8). Region and England counts are rounded to the nearest 10, so a figure computed from them can differ from DfE's own by 0.1, and says so. CLA rates are DfE's own rate_per_10000; 2019 and 2020 come from the older (November 2024) CLA file, named as such, because the current file starts in 2021.",
  );

  return {
    areas: areaIndex.areas,
    snModels: sn.models,
    snNeighbours: sn.neighbours,
    populations,
    organisation,
    indicators,
    kpiSets: [contract.kpiSet, contractNow.kpiSet],
    thresholds: [...contract.thresholds, ...contractNow.thresholds],
    gracePeriods: contractNow.gracePeriods,
    reliefEvents: [relief],
    observations,
    comparators: [...published.comparators, ...dfeComparators, ...averages],
    meetings: MEETINGS,
    commentary: STATEMENTS_2025,
    issues,
    decisions,
  };
}
