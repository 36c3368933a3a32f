export * from './envelope';
export * from './registry';
export * from './json-schema';
export * from './asyncapi';
export * from './responsibility';
export * from './cases';
