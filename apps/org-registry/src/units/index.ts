export * from './unit-kinds';
export * from './posts';
export * from './unit.events';
export * from './unit.commands';
export * from './unit.decider';
export * from './unit.queries';
