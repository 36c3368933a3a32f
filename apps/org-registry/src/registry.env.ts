import { IsIn } from 'class-validator';
import { SERVICE_PORTS, ServiceEnv } from '@app/platform';

/** The organisation registry's environment, validated at boot. */
export class RegistryEnv extends ServiceEnv {
  override PORT: number = SERVICE_PORTS.organisationRegistry;
  override PGDATABASE = 'org_registry';
  /** The registry's own role, created by the migration step: INSERT and SELECT only on the log. */
  override PGUSER = 'org_registry_svc';

  @IsIn(['sm3', 'sha256'])
  EVENT_HASH_ALGORITHM: 'sm3' | 'sha256' = 'sm3';
}
