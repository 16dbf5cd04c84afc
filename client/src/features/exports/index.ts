// What other features may use from exports: the data and chart download panels and their links.
export { type DataDownloadLinks, dataDownloadLinks, dataExportPaths } from './api/exportsApi';
export { ChartDownloads } from './components/ChartDownloads';
export { DataDownloads, DownloadSeparator } from './components/DataDownloads';
/** The chart image drawing (chartImage.ts), loaded only when a chart is downloaded. */
export const loadChartImage = () => import('./chartImage');
/** The table image drawing (tableImage.ts, with the chart's saving helpers), loaded only when a table is downloaded. */
export const loadTableImage = () => import('./tableImage');
