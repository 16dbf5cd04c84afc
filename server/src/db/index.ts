export * from './appRole';
export * from './database';
export * as schema from './schema';
export * from './tenantScope';
