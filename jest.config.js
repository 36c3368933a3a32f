const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const moduleNameMapper = {
  '^@app/audit-bundle$': '<rootDir>/libs/audit-bundle/src',
  '^@app/contracts(|/.*)$': '<rootDir>/libs/contracts/src$1',
  '^@app/crypto$': '<rootDir>/libs/crypto/src',
  '^@app/domain(|/.*)$': '<rootDir>/libs/domain/src$1',
  '^@app/eventstore$': '<rootDir>/libs/eventstore/src',
  '^@app/kit$': '<rootDir>/libs/kit/src',
  '^@app/messaging$': '<rootDir>/libs/messaging/src',
  '^@app/platform$': '<rootDir>/libs/platform/src',
  '^@app/registry-view$': '<rootDir>/libs/registry-view/src',
  '^@app/signoffs$': '<rootDir>/libs/signoffs/src',
  '^@app/deadlines$': '<rootDir>/libs/deadlines/src',
  '^@app/testing$': '<rootDir>/libs/testing/src',
};
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // NestJS 12 ships ES modules; Jest runs CommonJS, so those files are transformed too.
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }],
    '^.+/node_modules/@nestjs/.+\\.js$': ['@swc/jest', { ...swc, swcrc: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
};
module.exports = {
  testTimeout: 60000,
  // Every test file loads the framework into a fresh module registry, so a worker's heap grows to
  // 0.5-1 GB over a run, and handing that memory back when the worker exits took 0.3-0.4 s on
  // this machine: close to the 500 ms jest-worker waits before it force-exits a worker ("failed to
  // exit gracefully"). A worker above this heap is replaced between test files; exit then takes
  // under 0.2 s, so the warning is left to what it is for: a handle that keeps a worker alive.
  workerIdleMemoryLimit: '350MB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.js',
    },
  ],
};
