import 'reflect-metadata';
import { migrateService } from '@app/eventstore';
import { loadConfig, MigrationEnv, runMain, startService } from '@app/platform';
import { RegistryModule, REGISTRY_SERVICE } from './registry.module';
import { RegistryEnv } from './registry.env';

runMain(async () => {
  const config = loadConfig(RegistryEnv);
  const module = RegistryModule.forRoot(config);
  // `main.js migrate`: the migration step, as the owner; the service itself runs as its own role.
  if (process.argv[2] === 'migrate') return migrateService(module, config, loadConfig(MigrationEnv));
  return startService({ name: REGISTRY_SERVICE, title: 'Organisation registry (组织机构)', module, config });
});
