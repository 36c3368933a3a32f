import { parseArgs } from 'node:util';
import { jwtSettings, mintToken, type TokenClaims } from '../auth/jwt';
import { ROLES, type Role } from '../auth/principal';
import { loadConfig } from '../config/load-config';
import { JwtEnv } from '../config/service-env';

const USAGE = `Mints a bearer token with the JWT_* settings of the environment (local use and tests).

  mint-token --sub <person id> [--roles a,b] [--units U1,U2] [--ttl 1h]

  --roles  any of: ${ROLES.join(', ')}
  --ttl    seconds, or a number with s, m, h or d (default 1h)`;

const TTL = /^\d+[smhd]?$/;

export function claimsFromArgs(args: readonly string[]): TokenClaims {
  const { values } = parseArgs({
    args: [...args],
    options: {
      sub: { type: 'string' },
      roles: { type: 'string' },
      units: { type: 'string' },
      ttl: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help || !values.sub) throw new Error(USAGE);
  const roles = list(values.roles);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) throw new Error(`unknown role(s): ${unknown.join(', ')}\n\n${USAGE}`);
  if (values.ttl !== undefined && !TTL.test(values.ttl))
    throw new Error(`--ttl must be seconds or a number with s, m, h or d, not ${values.ttl}`);
  return {
    sub: values.sub,
    roles: roles as Role[],
    units: list(values.units),
    ttl: values.ttl === undefined ? undefined : /^\d+$/.test(values.ttl) ? Number(values.ttl) : (values.ttl as TokenClaims['ttl']),
  };
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

if (require.main === module) {
  try {
    const claims = claimsFromArgs(process.argv.slice(2));
    process.stdout.write(`${mintToken(claims, jwtSettings(loadConfig(JwtEnv)))}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
}
