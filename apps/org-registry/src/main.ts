import 'reflect-metadata';
import { loadConfig, runMain, startService } from '@app/platform';
import { RegistryModule, REGISTRY_SERVICE } from './registry.module';
import { RegistryEnv } from './registry.env';

runMain(async () => {
  const config = loadConfig(RegistryEnv);
  return startService({
    name: REGISTRY_SERVICE,
    title: 'Organisation registry (组织机构)',
    module: RegistryModule.forRoot(config),
    config,
  });
});
