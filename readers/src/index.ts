/**
 * Readers for DfE and ONS published files: DfE "tidy CSV" tables (Explore Education Statistics),
 * the areas, periods and measures in them, DfE's statistical-neighbour lists and ONS population
 * files. Pure (bytes or text in, rows and figures out; no files, no database), shared by the demo
 * seed and the server's comparator import.
 */
export * from './areas';
export * from './measures';
export * from './periods';
export * from './populations';
export * from './snList';
export * from './text/decodeText';
export * from './text/windows1252';
export * from './tidyCsv';
