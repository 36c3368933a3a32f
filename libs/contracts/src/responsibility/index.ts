export * from './responsibility.events';
