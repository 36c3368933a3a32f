import { IsIn, IsString, ValidateBy } from 'class-validator';
import { SERVICE_PORTS, ServiceEnv } from '@app/platform';
import { PetitionKeyConfigError, PetitionKeyring } from './petitions/petition-keyring';

/** Case handling's environment, validated at boot. */
export class CasesEnv extends ServiceEnv {
  override PORT: number = SERVICE_PORTS.caseHandling;
  override PGDATABASE = 'cases';
  /** The service's own role, created by the migration step: INSERT and SELECT only on the log. */
  override PGUSER = 'cases_svc';

  @IsIn(['sm3', 'sha256'])
  EVENT_HASH_ALGORITHM: 'sm3' | 'sha256' = 'sm3';

  /** The keys sealing petitions' protected fields: `kid:32 hex digits`, comma-separated; old keys stay listed to keep decrypting. */
  @ValidateBy({
    name: 'petitionKeyring',
    validator: {
      validate: (_value: unknown, args) => keyringProblem(args?.object as CasesEnv) === undefined,
      defaultMessage: (args) => keyringProblem(args?.object as CasesEnv) ?? 'invalid',
    },
  })
  PETITION_KEYS!: string;

  /** The key id new values are sealed under. */
  @IsString({ message: 'PETITION_ACTIVE_KEY must name the key id (in PETITION_KEYS) new petitions are sealed under' })
  PETITION_ACTIVE_KEY!: string;
}

function keyringProblem(env: CasesEnv): string | undefined {
  try {
    PetitionKeyring.parse(env.PETITION_KEYS, env.PETITION_ACTIVE_KEY);
    return undefined;
  } catch (error) {
    if (error instanceof PetitionKeyConfigError) return error.message;
    throw error;
  }
}
