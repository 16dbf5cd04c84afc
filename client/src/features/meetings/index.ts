// What other features may use from meetings: everything else here is its own business.

export { monthsCovered } from './meetingWords';
export { meetingPath } from './paths';
