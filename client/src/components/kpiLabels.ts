import type { ComparatorLine, Provenance, RagStatus, SeriesView, Theme } from '@kpi/shared';

/** Words shown for each rating: the word always accompanies the colour and the icon. */
export const STATUS_WORDS: Record<RagStatus, string> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  no_data: 'No data',
};

/** What each rating means, for keys and explanations. */
export const STATUS_MEANINGS: Record<RagStatus, string> = {
  green: 'on target',
  amber: 'below target but not in failure',
  red: 'in failure',
  no_data: 'no figure, or not rated',
};

export const THEME_LABELS: Record<Theme, string> = {
  front_door: 'Front door',
  child_protection: 'Child protection',
  children_in_care: 'Children in care',
  workforce: 'Workforce',
  other: 'Other',
};

/** Where a single figure came from. */
export const PROVENANCE_WORDS: Record<Provenance, string> = {
  uploaded_return: 'Monthly return',
  published_paper: 'Published paper',
  illustrative: 'Illustrative',
};

/** Short names for the comparator lines, used in URLs and column headers. */
export const LINE_PARAMS: Record<ComparatorLine, string> = {
  council_official: 'official',
  statistical_neighbours: 'sn',
  region: 'region',
  england: 'england',
};

export const LINE_SHORT_LABELS: Record<ComparatorLine, string> = {
  council_official: 'Council (DfE, official)',
  statistical_neighbours: 'Statistical neighbours',
  region: 'Region',
  england: 'England',
};

export const VIEW_LABELS: Record<SeriesView, string> = {
  monthly: 'Monthly',
  rolling12: 'Rolling 12 months',
  fytd: 'Financial year to date',
};

/** How a figure of each view is described in sentences. */
export const VIEW_FIGURE_WORDS: Record<SeriesView, string> = {
  monthly: 'monthly figures',
  rolling12: 'rolling 12-month figures',
  fytd: 'financial-year-to-date figures',
};
