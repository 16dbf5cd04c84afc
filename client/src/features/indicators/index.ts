// What other features may use from the KPI pages: links to them, the monitored list and the
// series' query key. The charts themselves are shared, in components/charts.

export { useIndicatorList } from './api/getIndicatorList';
export { seriesKeys } from './api/getIndicatorSeries';
export { MonitoredList } from './components/MonitoredList';
export { indicatorPath } from './paths';
// Started by the app before the first draw (app/primeRoute.ts).
export { LazyIndicatorPage, primeIndicatorChunk, primeIndicatorData } from './prime';
