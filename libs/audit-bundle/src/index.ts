export * from './format';
export * from './verify-bundle';
export * from './tar';
export * from './directory-sink';
