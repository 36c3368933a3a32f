import 'reflect-metadata';
import { WithKafkaSecurity } from './kafka-security-env';
import { createPublicKey, createPrivateKey, type KeyObject } from 'node:crypto';
import { Transform, Type } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy, ValidateIf } from 'class-validator';

export const JWT_ALGORITHMS = ['HS256', 'RS256', 'ES256'] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Only for local use: refused when NODE_ENV=production (which is what an unset NODE_ENV means). */
export const LOCAL_JWT_SECRET = 'local-development-only-jwt-secret-not-for-production';

const DATABASE_NAME = /^[a-z_][a-z0-9_]*$/;
const BROKER = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/**
 * Token settings, shared by every service and by the mint-token tool.
 * HS256 uses JWT_SECRET; RS256 and ES256 verify with the PEM JWT_PUBLIC_KEY and mint with
 * JWT_PRIVATE_KEY. PEM values may carry literal `\n` for line breaks.
 */
export class JwtEnv {
  /** Unset means production: a service started without it behaves as in production. */
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'production';

  @IsIn(JWT_ALGORITHMS)
  JWT_ALGORITHM: JwtAlgorithm = 'HS256';

  @ValidateIf((env: JwtEnv) => env.JWT_ALGORITHM === 'HS256')
  @ValidateBy({
    name: 'notLocalSecretInProduction',
    validator: {
      validate: (value: unknown, args) => !((args?.object as JwtEnv).NODE_ENV === 'production' && value === LOCAL_JWT_SECRET),
      defaultMessage: () => 'JWT_SECRET must be set to a real secret when NODE_ENV=production',
    },
  })
  @MinLength(32)
  @IsString()
  JWT_SECRET?: string = LOCAL_JWT_SECRET;

  @ValidateIf((env: JwtEnv) => env.JWT_ALGORITHM !== 'HS256' || env.JWT_PUBLIC_KEY !== undefined)
  @Transform(({ value }) => unescapePem(value))
  @IsPemKeyFor('public')
  JWT_PUBLIC_KEY?: string;

  @IsOptional()
  @Transform(({ value }) => unescapePem(value))
  @IsPemKeyFor('private')
  JWT_PRIVATE_KEY?: string;

  /** `iss` every token must carry; required outside development. */
  @ValidateIf((env: JwtEnv) => env.NODE_ENV !== 'development' || env.JWT_ISSUER !== undefined)
  @MinLength(1, { message: 'JWT_ISSUER is required unless NODE_ENV=development' })
  @IsString({ message: 'JWT_ISSUER is required unless NODE_ENV=development' })
  JWT_ISSUER?: string;

  /** `aud` every token must carry; required outside development. */
  @ValidateIf((env: JwtEnv) => env.NODE_ENV !== 'development' || env.JWT_AUDIENCE !== undefined)
  @MinLength(1, { message: 'JWT_AUDIENCE is required unless NODE_ENV=development' })
  @IsString({ message: 'JWT_AUDIENCE is required unless NODE_ENV=development' })
  JWT_AUDIENCE?: string;

  /** Oldest token accepted, counted from its `iat`: seconds, or a number with s, m, h or d. */
  @Matches(/^[1-9]\d*[smhd]?$/, { message: 'JWT_MAX_AGE must be seconds, or a number with s, m, h or d' })
  JWT_MAX_AGE = '12h';
}

/**
 * The schema owner's credentials. Only the migration step (`npm run migrate`) reads them; a
 * running service never has them.
 */
export class MigrationEnv {
  @Matches(DATABASE_NAME, { message: 'PG_OWNER_USER must be a lower-case SQL identifier' })
  PG_OWNER_USER = 'postgres';

  @IsOptional()
  @IsString()
  PG_OWNER_PASSWORD?: string;
}

/**
 * The variables every service reads. An app's env class extends it and sets its own defaults:
 *
 *   export class CaseHandlingEnv extends ServiceEnv {
 *     override PORT = SERVICE_PORTS.caseHandling;
 *     override PGDATABASE = 'case_handling';
 *   }
 */
/** Also the Kafka TLS/SASL variables of {@link KafkaSecurityEnv}. */
export class ServiceEnv extends WithKafkaSecurity(JwtEnv) {
  @Type(() => Number)
  @Max(65535)
  @Min(0)
  @IsInt()
  PORT!: number;

  /** Interface to listen on; `0.0.0.0` in containers. */
  @IsString()
  HOST = '127.0.0.1';

  @IsString()
  PGHOST = '127.0.0.1';

  @Type(() => Number)
  @Max(65535)
  @Min(1)
  @IsInt()
  PGPORT = 5432;

  /** The service's own role (never the owner, never a superuser); the migration step creates it. */
  @Matches(DATABASE_NAME, { message: 'PGUSER must be a lower-case SQL identifier' })
  PGUSER!: string;

  /** The role's password (stored as SCRAM-SHA-256 by the migration step); needed where the server asks for one. */
  @IsOptional()
  @IsString()
  PGPASSWORD?: string;

  @Matches(DATABASE_NAME, { message: 'PGDATABASE must be a lower-case SQL identifier' })
  PGDATABASE!: string;

  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((broker) => broker.trim())
          .filter(Boolean)
      : value,
  )
  @Matches(BROKER, { each: true, message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  @ArrayNotEmpty()
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'info';

  /** The service's own key for signing checkpoints of its log (SM2 by default, Ed25519 the alternative). */
  @IsIn(['sm2', 'ed25519'])
  AUDIT_SIGNING_ALGORITHM: 'sm2' | 'ed25519' = 'sm2';

  /**
   * Private key file (SM2 as 64 hex characters or PEM; Ed25519 PKCS#8 PEM). Created with a new key
   * of AUDIT_SIGNING_ALGORITHM at first start when missing. Default `var/audit/<PGDATABASE>/checkpoint-signing.key`.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUDIT_SIGNING_KEY_FILE?: string;

  /**
   * Directory outside the database where every signed checkpoint is also written (copy it off the
   * machine too). Default `var/audit/<PGDATABASE>/witness`.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  AUDIT_WITNESS_DIR?: string;

  /**
   * More witness directories, comma-separated (e.g. a second disk, a mounted object store): every
   * checkpoint is written to each, and to AUDIT_WITNESS_DIR when that is set too. Default: none.
   */
  @IsOptional()
  @IsString()
  @Matches(/^[^,]+(,[^,]+)*$/, { message: 'AUDIT_WITNESS_DIRS must be directories separated by commas' })
  AUDIT_WITNESS_DIRS?: string;

  /**
   * Requests in progress at most (admission control); one more is answered 503 SERVICE.OVERLOADED
   * with Retry-After at once. Health and metrics are always answered.
   */
  @Type(() => Number)
  @Min(1)
  @IsInt()
  HTTP_MAX_IN_FLIGHT = 256;

  /** Pause between two periodic checkpoints, in milliseconds (a checkpoint is signed only when the log grew). */
  @Type(() => Number)
  @Min(1000)
  @IsInt()
  AUDIT_CHECKPOINT_INTERVAL_MS = 60_000;
}

/**
 * Where the service keeps its checkpoint signing key and its witness directories: AUDIT_WITNESS_DIR
 * then AUDIT_WITNESS_DIRS, or `var/audit/<PGDATABASE>/witness` when neither is set.
 */
export function auditPaths(env: ServiceEnv): { signingKeyFile: string; witnessDirectories: string[] } {
  const listed = [env.AUDIT_WITNESS_DIR, ...(env.AUDIT_WITNESS_DIRS ?? '').split(',')]
    .map((directory) => directory?.trim())
    .filter((directory): directory is string => !!directory);
  return {
    signingKeyFile: env.AUDIT_SIGNING_KEY_FILE ?? `var/audit/${env.PGDATABASE}/checkpoint-signing.key`,
    witnessDirectories: listed.length > 0 ? [...new Set(listed)] : [`var/audit/${env.PGDATABASE}/witness`],
  };
}

/** Connection options for a `pg` Pool or a TypeORM `postgres` DataSource. */
export function postgresConnection(env: ServiceEnv): { host: string; port: number; user: string; password?: string; database: string } {
  return { host: env.PGHOST, port: env.PGPORT, user: env.PGUSER, password: env.PGPASSWORD, database: env.PGDATABASE };
}

function unescapePem(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/\\n/g, '\n') : value;
}

function IsPemKeyFor(kind: 'public' | 'private'): PropertyDecorator {
  const problem = (value: unknown, env: JwtEnv) => (typeof value === 'string' ? pemKeyProblem(value, kind, env.JWT_ALGORITHM) : 'missing');
  return ValidateBy({
    name: `isPem${kind}KeyForAlgorithm`,
    validator: {
      validate: (value, args) => problem(value, args?.object as JwtEnv) === undefined,
      defaultMessage: (args) =>
        `${args?.property} must be a PEM ${kind} key for ${(args?.object as JwtEnv).JWT_ALGORITHM} (${problem(args?.value, args?.object as JwtEnv)})`,
    },
  });
}

function pemKeyProblem(pem: string, kind: 'public' | 'private', algorithm: JwtAlgorithm): string | undefined {
  let key: KeyObject;
  try {
    key = kind === 'public' ? createPublicKey(pem) : createPrivateKey(pem);
  } catch {
    return 'not a readable PEM key';
  }
  if (algorithm === 'RS256' && key.asymmetricKeyType !== 'rsa') return `an ${key.asymmetricKeyType} key cannot sign RS256`;
  if (algorithm === 'RS256' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) return 'RS256 needs an RSA key of at least 2048 bits';
  if (algorithm === 'ES256' && (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1'))
    return 'ES256 needs an EC P-256 key';
  if (algorithm === 'HS256') return 'HS256 uses JWT_SECRET, not a key pair';
  return undefined;
}
