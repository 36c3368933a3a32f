export * from './case.events';
export * from './case.commands';
export * from './case.decider';
export * from './preliminary-check.events';
export * from './preliminary-check.commands';
export * from './preliminary-check.decider';
