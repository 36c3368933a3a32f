import { IsIn } from 'class-validator';
import { SERVICE_PORTS, ServiceEnv } from '@app/platform';

/** Responsibility tracking's environment, validated at boot. */
export class ResponsibilityEnv extends ServiceEnv {
  override PORT: number = SERVICE_PORTS.responsibilityTracking;
  override PGDATABASE = 'responsibility';
  /** The service's own role, created by the migration step: INSERT and SELECT only on the log. */
  override PGUSER = 'responsibility_svc';

  @IsIn(['sm3', 'sha256'])
  EVENT_HASH_ALGORITHM: 'sm3' | 'sha256' = 'sm3';
}
