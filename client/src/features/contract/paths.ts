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
