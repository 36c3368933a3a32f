export * from './task.events';
export * from './task.commands';
export * from './task.decider';
