// What other features may use from the scorecard: its data, its month parameter and the compact
// table (the board pack prints it).
export { useScorecard } from './api/getScorecard';
export { DEFAULT_SORT } from './compactModel';
export { CompactScorecard } from './components/CompactScorecard';
// Started by the app before the first draw (app/primeRoute.ts).
export { primeScorecard } from './prime';
export { parseMonthParam } from './scorecardParams';
