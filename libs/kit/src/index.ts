export * from './as-of.dto';
export * from './bus-messages';
export * from './command-context';
export * from './command-path';
export * from './fold-batch';
export * from './ids';
export * from './service-kit.module';
export * from './version-etag.interceptor';
