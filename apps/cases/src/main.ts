import 'reflect-metadata';
import { migrateService } from '@app/eventstore';
import { connectInbox } from '@app/kit';
import { loadConfig, MigrationEnv, runMain, startService } from '@app/platform';
import { CasesModule, CASES_SERVICE } from './cases.module';
import { CasesEnv } from './cases.env';
import { INBOXES } from './cases.topics';

runMain(async () => {
  const config = loadConfig(CasesEnv);
  const module = CasesModule.forRoot(config);
  // `main.js migrate`: the migration step, as the owner; the service itself runs as its own role.
  if (process.argv[2] === 'migrate') return migrateService(module, config, loadConfig(MigrationEnv));
  return startService({
    name: CASES_SERVICE,
    title: 'Case handling (信访举报、线索处置、案件查办)',
    module,
    config,
    connect: async (app) => {
      for (const inbox of INBOXES) await connectInbox(app, inbox);
    },
  });
});
