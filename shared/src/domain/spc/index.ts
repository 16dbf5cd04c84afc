export * from './analyse';
export * from './displayBounds';
export * from './eligibility';
export * from './facts';
export * from './icons';
export * from './limits';
export * from './rules';
