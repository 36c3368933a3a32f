export * from './accountability.events';
export * from './accountability.commands';
export * from './accountability.decider';
export * from './sanction-table';
