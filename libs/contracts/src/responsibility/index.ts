export * from './responsibility.events';
export * from './responsibility.schemas';
