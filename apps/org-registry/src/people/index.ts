export * from './identifiers';
export * from './person.events';
export * from './person.commands';
export * from './person.decider';
export * from './person.queries';
