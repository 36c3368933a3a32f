import { IsIn, IsOptional, Matches } from 'class-validator';
import { SERVICE_PORTS, ServiceEnv } from '@app/platform';

/** The organisation registry's environment, validated at boot. */
export class RegistryEnv extends ServiceEnv {
  override PORT: number = SERVICE_PORTS.organisationRegistry;
  override PGDATABASE = 'org_registry';

  /** Role the service runs as after migrating (INSERT/SELECT only on the log); empty = the owner. */
  @IsOptional()
  @Matches(/^([a-z_][a-z0-9_]*)?$/)
  PG_SERVICE_ROLE = 'org_registry_svc';

  @IsIn(['sm3', 'sha256'])
  EVENT_HASH_ALGORITHM: 'sm3' | 'sha256' = 'sm3';
}
