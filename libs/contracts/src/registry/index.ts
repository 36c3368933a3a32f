export * from './registry.events';
