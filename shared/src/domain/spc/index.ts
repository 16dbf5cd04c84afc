export * from './analyse';
export * from './icons';
export * from './limits';
export * from './rules';
