export { buildApp } from './app';
export { type AppConfig, loadConfig } from './config';
export { ensureDemoAccounts } from './accounts/demoAccounts';
