export * from './review.events';
export * from './review.commands';
export * from './review.decider';
