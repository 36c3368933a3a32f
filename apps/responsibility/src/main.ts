import 'reflect-metadata';
import { migrateService } from '@app/eventstore';
import { connectInbox } from '@app/kit';
import { loadConfig, MigrationEnv, runMain, startService } from '@app/platform';
import { ResponsibilityModule, RESPONSIBILITY_SERVICE } from './responsibility.module';
import { ResponsibilityEnv } from './responsibility.env';
import { INBOXES } from './responsibility.topics';

runMain(async () => {
  const config = loadConfig(ResponsibilityEnv);
  const module = ResponsibilityModule.forRoot(config);
  // `main.js migrate`: the migration step, as the owner; the service itself runs as its own role.
  if (process.argv[2] === 'migrate') return migrateService(module, config, loadConfig(MigrationEnv));
  return startService({
    name: RESPONSIBILITY_SERVICE,
    title: 'Responsibility tracking (两个责任落实)',
    module,
    config,
    connect: async (app) => {
      // A consumer group per source (responsibility.topics.ts); the registry view's keeps its name, so the registry is not re-read.
      for (const inbox of INBOXES) await connectInbox(app, inbox);
    },
  });
});
