export * from './inquiry.events';
export * from './inquiry.commands';
export * from './inquiry.decider';
