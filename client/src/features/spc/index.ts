// What other features may use from SPC: the KPI page's SPC section. The icons are shared, in
// components/charts.
export { SpcSection } from './components/SpcSection';
