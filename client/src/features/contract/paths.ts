export const CONTRACT_PATH = '/contract';
export const INDICATOR_LIBRARY_PATH = '/contract/indicators';
export const NEW_INDICATOR_PATH = '/contract/indicators/new';
export const NEW_SET_PATH = '/contract/sets/new';
export const NEW_BANDS_PATH = '/contract/bands/new';
export const NEW_RELIEF_PATH = '/contract/relief/new';
export const NEW_MEETING_PATH = '/contract/meetings/new';
export const SCHEDULE_PATH = '/contract/schedule';

export function indicatorEditPath(code: string): string {
  return `/contract/indicators/${encodeURIComponent(code)}`;
}

export const SETUP_PATH = '/setup';
export const ADD_COUNCIL_PATH = '/setup/councils/new';

/** A council's home page: the organisation in view is chosen by its area code in the URL. */
export function councilPath(areaCode: string): string {
  return `/?organisation=${encodeURIComponent(areaCode)}`;
}
