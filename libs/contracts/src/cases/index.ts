export * from './cases.events';
export * from './cases.schemas';
