export * from './ten-things.events';
export * from './ten-things.commands';
export * from './ten-things.decider';
