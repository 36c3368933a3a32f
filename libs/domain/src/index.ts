export * from './decider';
export * from './domain-error';
export * from './effective-period';
export * from './guards';
export * from './national-id';
export * from './field-rules';
