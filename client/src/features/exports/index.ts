// What other features may use from exports: the data and chart download panels and their links.
export { dataExportPaths } from './api/exportsApi';
export { ChartDownloads } from './components/ChartDownloads';
export { DataDownloads } from './components/DataDownloads';
