import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { loadConfig } from '../config/load-config';
import { JwtEnv } from '../config/service-env';
import { InvalidTokenError, jwtSettings, mintToken, verifyToken, type JwtSettings } from './jwt';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
/** Development: issuer and audience optional, so the tokens below may leave them out. */
const DEV = { NODE_ENV: 'development' };
const hs = jwtSettings(loadConfig(JwtEnv, { ...DEV, JWT_SECRET: SECRET }));

function pemPair(type: 'rsa' | 'ec') {
  const pair =
    type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    JWT_PUBLIC_KEY: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    JWT_PRIVATE_KEY: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

function rejection(token: string, settings: JwtSettings = hs, now?: Date): string {
  try {
    verifyToken(token, settings, now);
  } catch (error) {
    if (error instanceof InvalidTokenError) return error.reason;
    throw error;
  }
  return 'accepted';
}

function unsigned(payload: object): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('verifyToken', () => {
  it('returns the principal of a token minted with the configured settings', () => {
    const token = mintToken({ sub: 'P-0001', roles: ['unit_officer'], units: ['U-ZY-01'] }, hs);
    expect(verifyToken(token, hs)).toEqual({ personId: 'P-0001', roles: ['unit_officer'], units: ['U-ZY-01'] });
  });

  it('rejects alg "none"', () => {
    expect(rejection(unsigned({ sub: 'P-1', roles: ['registry_admin'], exp: inAnHour() }))).toBe('invalid');
  });

  it('rejects a token signed with another HMAC algorithm and the same secret', () => {
    expect(rejection(jwt.sign({ sub: 'P-1', roles: [] }, SECRET, { algorithm: 'HS512', expiresIn: '1h' }))).toBe('invalid');
  });

  it('rejects an HS256 token signed with the RS256 public key (algorithm confusion)', () => {
    const keys = pemPair('rsa');
    const rs = jwtSettings(loadConfig(JwtEnv, { ...DEV, JWT_ALGORITHM: 'RS256', ...keys }));
    const forged = jwt.sign({ sub: 'P-1', roles: ['registry_admin'] }, keys.JWT_PUBLIC_KEY, { algorithm: 'HS256', expiresIn: '1h' });
    expect(rejection(forged, rs)).toBe('invalid');
    expect(verifyToken(mintToken({ sub: 'P-2', roles: ['auditor'] }, rs), rs).personId).toBe('P-2');
  });

  it('verifies ES256 with the public key only', () => {
    const keys = pemPair('ec');
    const minting = jwtSettings(loadConfig(JwtEnv, { ...DEV, JWT_ALGORITHM: 'ES256', ...keys }));
    const verifying = jwtSettings(loadConfig(JwtEnv, { ...DEV, JWT_ALGORITHM: 'ES256', JWT_PUBLIC_KEY: keys.JWT_PUBLIC_KEY }));
    expect(verifyToken(mintToken({ sub: 'P-3' }, minting), verifying).personId).toBe('P-3');
    expect(() => mintToken({ sub: 'P-3' }, verifying)).toThrow(/JWT_PRIVATE_KEY/);
  });

  it('rejects an expired token as expired', () => {
    const token = mintToken({ sub: 'P-1', ttl: 60 }, hs);
    expect(rejection(token, hs, new Date(Date.now() + 120_000))).toBe('expired');
  });

  it('requires exp', () => {
    expect(rejection(jwt.sign({ sub: 'P-1', roles: [] }, SECRET, { algorithm: 'HS256' }))).toBe('invalid');
  });

  it('requires a subject', () => {
    expect(rejection(jwt.sign({ roles: [] }, SECRET, { algorithm: 'HS256', expiresIn: '1h' }))).toBe('invalid');
  });

  it('rejects a wrong signature', () => {
    expect(rejection(jwt.sign({ sub: 'P-1' }, `${SECRET}-other`, { algorithm: 'HS256', expiresIn: '1h' }))).toBe('invalid');
  });

  it('checks issuer and audience when configured', () => {
    const strict = jwtSettings(
      loadConfig(JwtEnv, { ...DEV, JWT_SECRET: SECRET, JWT_ISSUER: 'idp.local', JWT_AUDIENCE: 'two-responsibilities' }),
    );
    expect(verifyToken(mintToken({ sub: 'P-1' }, strict), strict).personId).toBe('P-1');
    expect(rejection(mintToken({ sub: 'P-1' }, hs), strict)).toBe('invalid');
    expect(
      rejection(
        jwt.sign({ sub: 'P-1' }, SECRET, { algorithm: 'HS256', expiresIn: '1h', issuer: 'idp.local', audience: 'elsewhere' }),
        strict,
      ),
    ).toBe('invalid');
  });

  it('refuses a token older than the maximum age, whatever its expiry', () => {
    const brief = jwtSettings(loadConfig(JwtEnv, { ...DEV, JWT_SECRET: SECRET, JWT_MAX_AGE: '15m' }));
    const issued = new Date('2026-05-01T08:00:00Z');
    const token = jwt.sign({ sub: 'P-1', iat: Math.floor(issued.getTime() / 1000) }, SECRET, { algorithm: 'HS256', expiresIn: '7d' });
    expect(rejection(token, brief, new Date(issued.getTime() + 10 * 60_000))).toBe('accepted');
    expect(rejection(token, brief, new Date(issued.getTime() + 16 * 60_000))).not.toBe('accepted');
  });

  it('drops unknown roles and refuses malformed role lists', () => {
    const token = jwt.sign({ sub: 'P-1', roles: ['auditor', 'superuser'], units: [] }, SECRET, { algorithm: 'HS256', expiresIn: '1h' });
    expect(verifyToken(token, hs).roles).toEqual(['auditor']);
    expect(rejection(jwt.sign({ sub: 'P-1', roles: 'auditor' }, SECRET, { algorithm: 'HS256', expiresIn: '1h' }))).toBe('invalid');
  });
});
