export * from './clue.events';
export * from './clue.commands';
export * from './clue.decider';
export * from './clue-approval';
