export { ensureDemoAccounts } from './accounts/demoAccounts';
export { buildApp } from './app';
export { type AppConfig, loadConfig } from './config';
export { DEFAULT_REFERENCE_DIR, seedDemo } from './seedLoader/loadSeed';
