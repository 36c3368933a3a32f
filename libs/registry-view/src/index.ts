export * from './unit-history';
export * from './person-history';
export * from './responsibility-chain';
export * from './registry-event.reader';
export * from './registry-view.entities';
export * from './registry-view.migration';
export * from './registry-view';
export * from './registry-view.module';
