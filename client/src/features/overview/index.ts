// What other features may use from the overview: its data.
export { useOverview } from './api/getOverview';
