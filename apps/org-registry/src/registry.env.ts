import { Type } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { SERVICE_PORTS, ServiceEnv } from '@app/platform';

/** The organisation registry's environment, validated at boot. */
export class RegistryEnv extends ServiceEnv {
  override PORT: number = SERVICE_PORTS.organisationRegistry;
  override PGDATABASE = 'org_registry';

  /** LOGIN role the service runs as after migrating as PGUSER: INSERT and SELECT only on the log. */
  @Matches(/^[a-z_][a-z0-9_]*$/, { message: 'PG_SERVICE_ROLE must be a lower-case SQL identifier' })
  PG_SERVICE_ROLE = 'org_registry_svc';

  @IsIn(['sm3', 'sha256'])
  EVENT_HASH_ALGORITHM: 'sm3' | 'sha256' = 'sm3';

  /** How long a command waits for the read models before answering with `readModelsCurrent: false`. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(60_000)
  READ_MODEL_WAIT_MS = 5000;
}
