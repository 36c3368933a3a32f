export * from './responsibility-list.events';
export * from './responsibility-list.commands';
export * from './responsibility-list.decider';
