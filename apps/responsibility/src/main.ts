import 'reflect-metadata';
import { migrateService } from '@app/eventstore';
import { connectInbox } from '@app/kit';
import { loadConfig, MigrationEnv, runMain, startService } from '@app/platform';
import { ResponsibilityModule, RESPONSIBILITY_SERVICE } from './responsibility.module';
import { ResponsibilityEnv } from './responsibility.env';
import { CONSUMED_TOPICS } from './responsibility.topics';

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
      // One group for all it consumes (registry facts, concluded cases); its name is kept so the registry is not re-read.
      await connectInbox(app, { groupId: `${RESPONSIBILITY_SERVICE}-registry-view`, topics: CONSUMED_TOPICS });
    },
  });
});
