export * from './contracts/auth';
export * from './contracts/enums';
export * from './contracts/health';
export * from './contracts/overview';
export * from './contracts/problem';
export * from './domain';
