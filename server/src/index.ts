export { ensureDemoAccounts } from './accounts/demoAccounts';
export { type BuildAppOptions, buildApp } from './app';
export { type AppConfig, loadConfig } from './config';
export { FileReaderPool } from './fileReaders/fileReaderPool';
export { DEFAULT_REFERENCE_DIR, seedDemo } from './seedLoader/loadSeed';
