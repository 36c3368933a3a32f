/** One dependency the service needs to serve requests. `check` resolves when it is usable. */
export interface HealthCheck {
  readonly name: string;
  readonly check: () => Promise<unknown>;
}

export interface CheckResult {
  readonly name: string;
  readonly status: 'up' | 'down';
  readonly durationMs: number;
  /** A short reason (an error code such as ECONNREFUSED, or `timed out`); the full error is logged. */
  readonly reason?: string;
}

export interface Readiness {
  readonly status: 'up' | 'down';
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
  return {
    status: outcomes.every((outcome) => outcome.result.status === 'up') ? 'up' : 'down',
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
  try {
    await Promise.race([check.check(), timeout]);
    return { result: { name: check.name, status: 'up', durationMs: elapsed(started) } };
  } catch (error) {
    return { result: { name: check.name, status: 'down', durationMs: elapsed(started), reason: reasonOf(error) }, error };
  } finally {
    clearTimeout(timer);
  }
}

class CheckTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
  }
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
  return { name, check: () => database.query('SELECT 1') };
}

/** `describeCluster` through a connected kafkajs Admin. */
export function kafkaCheck(admin: { describeCluster(): Promise<unknown> }, name = 'kafka'): HealthCheck {
  return { name, check: () => admin.describeCluster() };
}
