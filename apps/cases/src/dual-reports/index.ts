export * from './dual-report.events';
export * from './dual-report.commands';
export * from './dual-report.decider';
export * from './dual-report.triggers';
export * from './dual-report.rules';
