export * from './areas';
export * from './comparators';
export * from './enums';
export * from './indicators';
export * from './meetings';
export * from './observations';
export * from './organisations';
export * from './users';
