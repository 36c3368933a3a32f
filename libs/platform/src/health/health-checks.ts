/**
 * One dependency of the service. `check` resolves when it is usable, optionally with a small
 * detail object (e.g. a backlog) shown beside the result. A critical check (the default) takes
 * the service out of rotation when it fails; a non-critical one only marks it degraded.
 */
export interface HealthCheck {
  readonly name: string;
  readonly check: () => Promise<unknown>;
  readonly critical?: boolean;
}

export interface CheckResult {
  readonly name: string;
  readonly status: 'up' | 'down';
  readonly critical: boolean;
  readonly durationMs: number;
  /** A short reason (an error code such as ECONNREFUSED, or `timed out`); the full error is logged. */
  readonly reason?: string;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface Readiness {
  /** down: a critical check failed; degraded: only non-critical ones did. */
  readonly status: 'up' | 'degraded' | 'down';
  readonly checks: readonly CheckResult[];
  readonly failures: readonly { readonly name: string; readonly error: unknown }[];
}

/** The readiness checks of a service. Add yours at start-up, e.g. in a module's onModuleInit. */
export class HealthChecks {
  private readonly checks: HealthCheck[] = [];

  constructor(
    initial: readonly HealthCheck[] = [],
    private readonly timeoutMs = 3000,
  ) {
    this.add(...initial);
  }

  add(...checks: readonly HealthCheck[]): void {
    for (const check of checks) {
      if (this.checks.some((existing) => existing.name === check.name)) throw new Error(`health check ${check.name} is registered twice`);
      this.checks.push(check);
    }
  }

  run(): Promise<Readiness> {
    return runChecks(this.checks, this.timeoutMs);
  }
}

export async function runChecks(checks: readonly HealthCheck[], timeoutMs: number): Promise<Readiness> {
  const outcomes = await Promise.all(checks.map((check) => runOne(check, timeoutMs)));
  const failed = outcomes.filter((outcome) => outcome.result.status === 'down');
  return {
    status: failed.some((outcome) => outcome.result.critical) ? 'down' : failed.length > 0 ? 'degraded' : 'up',
    checks: outcomes.map((outcome) => outcome.result),
    failures: outcomes.flatMap((outcome) => (outcome.error === undefined ? [] : [{ name: outcome.result.name, error: outcome.error }])),
  };
}

async function runOne(check: HealthCheck, timeoutMs: number): Promise<{ result: CheckResult; error?: unknown }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeout(timeoutMs)), timeoutMs);
  });
  const critical = check.critical ?? true;
  try {
    const outcome = await Promise.race([check.check(), timeout]);
    const detail = detailOf(outcome);
    return { result: { name: check.name, status: 'up', critical, durationMs: elapsed(started), ...(detail ? { detail } : {}) } };
  } catch (error) {
    const detail = detailOf((error as { detail?: unknown } | null)?.detail);
    return {
      result: {
        name: check.name,
        status: 'down',
        critical,
        durationMs: elapsed(started),
        reason: reasonOf(error),
        ...(detail ? { detail } : {}),
      },
      error,
    };
  } finally {
    clearTimeout(timer);
  }
}

class CheckTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
  }
}

/** A check's own small summary object; a driver's result (rows, fields) is not one. */
function detailOf(value: unknown): Readonly<Record<string, unknown>> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype)
    return undefined;
  return value as Record<string, unknown>;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function reasonOf(error: unknown): string {
  if (error instanceof CheckTimeout) return 'timed out';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== 'Error' && /^[A-Za-z]{2,60}$/.test(name) ? name : 'failed';
}

/** `SELECT 1` through a pg Pool or a TypeORM DataSource (both have `query`). */
export function postgresCheck(database: { query(sql: string): Promise<unknown> }, name = 'postgres'): HealthCheck {
  return { name, check: async () => void (await database.query('SELECT 1')) };
}

/** `describeCluster` through a connected kafkajs Admin; not critical unless said (commands go on through the outbox). */
export function kafkaCheck(admin: { describeCluster(): Promise<unknown> }, name = 'kafka', critical = false): HealthCheck {
  return { name, critical, check: async () => void (await admin.describeCluster()) };
}
