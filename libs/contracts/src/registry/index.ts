export * from './registry.events';
export * from './registry.schemas';
