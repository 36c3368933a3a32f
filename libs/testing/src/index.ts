export * from './database';
export * from './service-app';
export * from './schema-validator';
export * from './openapi-contract';
