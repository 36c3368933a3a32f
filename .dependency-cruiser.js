/** Architecture rules, checked in the test run (test/architecture.spec.ts). */
const FRAMEWORKS = '(^|/)node_modules/(@nestjs|typeorm|kafkajs|class-validator|class-transformer|pg|express|@swc)(/|$)';

module.exports = {
  forbidden: [
    {
      name: 'no-app-imports-another-app',
      comment: 'Bounded contexts talk over Kafka, never by importing each other.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'exceljs-loaded-on-use',
      comment:
        'ExcelJS costs ~28 MB resident: services load it through @app/platform excel() when a sheet is made or read, and import only its types.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '(\\.spec\\.ts|\\.int-spec\\.ts|^libs/platform/src/http/printed-sheet\\.ts)$' },
      to: { path: '(^|/)node_modules/exceljs/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-lib-imports-an-app',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'deciders-are-framework-free',
      comment: 'Deciders, their events and commands are pure: no framework, no I/O library.',
      severity: 'error',
      from: { path: '\\.(decider|events|commands)\\.ts$' },
      to: { path: FRAMEWORKS },
    },
    {
      name: 'deciders-use-only-the-domain-kernel',
      comment: 'Besides the kernel and the contracts, deciders may use the deadline rules and calendar and the sign-off rules.',
      severity: 'error',
      from: { path: '\\.(decider|events|commands)\\.ts$' },
      to: { path: '^libs/', pathNot: '^libs/(domain|contracts|deadlines|signoffs)/' },
    },
    {
      name: 'signoffs-depend-only-on-domain-and-crypto',
      comment: 'Deciders import the sign-off rules, so the library stays framework-free: only the kernel, the crypto library and Node.',
      severity: 'error',
      from: { path: '^libs/signoffs/' },
      to: { path: `(${FRAMEWORKS}|^libs/(?!(signoffs|domain|crypto)/)|^apps/)` },
    },
    {
      name: 'deadlines-depend-only-on-the-domain-kernel',
      comment: 'Deciders import the deadline library, so it stays pure: calendar data is committed data, no package, no Node built-in.',
      severity: 'error',
      from: { path: '^libs/deadlines/' },
      to: { pathNot: '^libs/(domain|deadlines)/' },
    },
    {
      name: 'domain-kernel-is-framework-free',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { path: '((^|/)node_modules/|^libs/(?!domain/))' },
    },
    {
      name: 'contracts-depend-on-nothing',
      comment: 'Integration contracts are plain types shared by every service.',
      severity: 'error',
      from: { path: '^libs/contracts/' },
      to: { path: '((^|/)node_modules/|^libs/(?!contracts/)|^apps/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$|\\.int-spec\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
  },
};
