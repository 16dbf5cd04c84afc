export * from './analyse';
export * from './facts';
export * from './icons';
export * from './limits';
export * from './rules';
