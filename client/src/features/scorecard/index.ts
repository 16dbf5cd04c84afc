// What other features may use from the scorecard: its data, its month parameter and the compact
// table (the board pack prints it).
export { useScorecard } from './api/getScorecard';
export { DEFAULT_SORT } from './compactModel';
export { CompactScorecard } from './components/CompactScorecard';
export { parseMonthParam } from './scorecardParams';
