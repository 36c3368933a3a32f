import { createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { JwtAlgorithm, JwtEnv } from '../config/service-env';
import { ROLES, type Principal, type Role } from './principal';

/** Keys and claims checks derived once from the environment. */
export interface JwtSettings {
  readonly algorithm: JwtAlgorithm;
  readonly verifyKey: KeyObject;
  /** Absent when only the public key is configured (services verify, they do not mint). */
  readonly signKey?: KeyObject;
  readonly issuer?: string;
  readonly audience?: string;
  /** Oldest token accepted by its `iat` (seconds, or a duration such as `8h`). */
  readonly maxAge?: string | number;
}

export function jwtSettings(env: JwtEnv): JwtSettings {
  const maxAge = /^\d+$/.test(env.JWT_MAX_AGE) ? Number(env.JWT_MAX_AGE) : env.JWT_MAX_AGE;
  const common = { algorithm: env.JWT_ALGORITHM, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE, maxAge };
  if (env.JWT_ALGORITHM === 'HS256') {
    if (!env.JWT_SECRET) throw new Error('JWT_SECRET is required for HS256');
    const secret = createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8'));
    return { ...common, verifyKey: secret, signKey: secret };
  }
  if (!env.JWT_PUBLIC_KEY) throw new Error(`JWT_PUBLIC_KEY is required for ${env.JWT_ALGORITHM}`);
  return {
    ...common,
    verifyKey: createPublicKey(env.JWT_PUBLIC_KEY),
    signKey: env.JWT_PRIVATE_KEY ? createPrivateKey(env.JWT_PRIVATE_KEY) : undefined,
  };
}

export class InvalidTokenError extends Error {
  constructor(
    readonly reason: 'expired' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/**
 * Verifies signature (only with the configured algorithm: `none` and every other one fail),
 * `exp` (required), `nbf`, `iat` against the maximum age, and `iss`/`aud` when configured; returns the principal it carries.
 * Unknown role names are dropped.
 */
export function verifyToken(token: string, settings: JwtSettings, now: Date = new Date()): Principal {
  let payload: string | jwt.JwtPayload;
  try {
    payload = jwt.verify(token, settings.verifyKey, {
      algorithms: [settings.algorithm],
      issuer: settings.issuer,
      audience: settings.audience,
      ...(settings.maxAge === undefined ? {} : { maxAge: settings.maxAge }),
      clockTimestamp: Math.floor(now.getTime() / 1000),
      clockTolerance: 5,
    });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) throw new InvalidTokenError('expired', 'The bearer token has expired.');
    throw new InvalidTokenError('invalid', `The bearer token is not valid (${(error as Error).message}).`);
  }
  if (typeof payload === 'string') throw new InvalidTokenError('invalid', 'The bearer token has no JSON claims.');
  if (typeof payload.exp !== 'number') throw new InvalidTokenError('invalid', 'The bearer token has no expiry (exp).');
  if (typeof payload.sub !== 'string' || payload.sub.length === 0)
    throw new InvalidTokenError('invalid', 'The bearer token names no subject (sub).');
  return {
    personId: payload.sub,
    roles: stringList(payload.roles, 'roles').filter((role): role is Role => (ROLES as readonly string[]).includes(role)),
    units: stringList(payload.units, 'units'),
  };
}

export interface TokenClaims {
  readonly sub: string;
  readonly roles?: readonly Role[];
  readonly units?: readonly string[];
  /** Seconds, or a duration such as `15m`, `8h`, `7d`. Default one hour. */
  readonly ttl?: number | `${number}${'s' | 'm' | 'h' | 'd'}`;
}

/** Signs a token for local use and tests, with the configured algorithm, issuer and audience. */
export function mintToken(claims: TokenClaims, settings: JwtSettings): string {
  if (!settings.signKey) throw new Error(`JWT_PRIVATE_KEY is needed to mint ${settings.algorithm} tokens`);
  return jwt.sign({ roles: claims.roles ?? [], units: claims.units ?? [] }, settings.signKey, {
    algorithm: settings.algorithm,
    subject: claims.sub,
    expiresIn: claims.ttl ?? '1h',
    ...(settings.issuer ? { issuer: settings.issuer } : {}),
    ...(settings.audience ? { audience: settings.audience } : {}),
  });
}

function stringList(value: unknown, claim: string): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  throw new InvalidTokenError('invalid', `The bearer token's ${claim} claim must be a list of strings.`);
}
