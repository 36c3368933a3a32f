export * from './petition.events';
export * from './petition.commands';
export * from './petition.decider';
