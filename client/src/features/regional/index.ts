// What other features may use from the regional view: where it is.
export const REGION_PATH = '/region';
