/**
 * `npm run bench:commands`: the command path end to end, measured from outside. An open-loop
 * client sends `POST /units` to the running registry at fixed rates — each request is sent at its
 * scheduled instant whatever the earlier ones are doing, and latency counts from that instant, so
 * queueing shows — while a kafkajs consumer on `registry.events.v1` notes when each unit's
 * `UnitRegistered` arrives (matched by unit code).
 *
 * If nothing answers at --url, the bench starts the built registry itself (the platform script's
 * command line and environment, with a throwaway database it drops at the end) and stops it after.
 *
 * Options (flag or environment variable):
 *   --rates=L          BENCH_RATES        commands/s, comma-separated (default 50,200,500,800)
 *   --seconds=N        BENCH_SECONDS      seconds of sending per rate (default 15)
 *   --probes=0|1       BENCH_PROBES       also run the aims' probes: idle (5/s) and 300/s (default 1)
 *   --keep-going=0|1                      run the higher rates after one fell far behind (default 0)
 *   --append=0|1       BENCH_APPEND       run a short bench:append (concurrency 8) beside (default 1)
 *   --soak=MIN         BENCH_SOAK         then hold --soak-rate for MIN minutes, sampling RSS and heap
 *   --soak-rate=N                         (default 100)
 *   --cpu-prof=RATE                       profile the service (V8 sampling profiler) during that rate;
 *                                         only when the bench starts the service
 *   --url=U            BENCH_URL          (default http://127.0.0.1:3001)
 *   --timeout-ms=N                        per request (default 15000)
 *   --log-level=L                         LOG_LEVEL of a service the bench starts (default info, as
 *                                         the platform script)
 *   --database=NAME                       database of a service the bench starts (default a fresh
 *                                         org_registry_bench_<hex>, dropped at the end)
 * Connection for the database (CPU of its backends, drop): PGHOST, PGPORT, PGUSER, PGPASSWORD.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { Client, type ClientConfig } from 'pg';
import { logLevel, type Consumer } from 'kafkajs';
import { REGISTRY_TOPIC, RegistryEventTypes } from '@app/contracts';
import { createKafka, kafkaSecurity } from '@app/messaging';
import { JwtEnv, jwtSettings, KafkaSecurityEnv, loadConfig, mintToken } from '@app/platform';
import { readConfig as appendConfig, dropDatabase, runAppendBench, type RunResult } from './append.bench';
import {
  cpuSpent,
  mb,
  percentile,
  pidListeningOn,
  processCpuMicros,
  processesCpuMicros,
  renderTable,
  residentBytes,
  settings,
  sleep,
  sortedCopy,
} from './bench-support';
import { renderProfileSummary, summariseProfile } from './cpu-profile-summary';

const ROOT = join(__dirname, '..', '..', '..', '..');
const IDLE_RATE = 5;
const AIM_RATE = 300;

interface Config {
  readonly rates: readonly number[];
  readonly seconds: number;
  readonly probes: boolean;
  readonly keepGoing: boolean;
  readonly append: boolean;
  readonly soakMinutes: number;
  readonly soakRate: number;
  readonly profileRate?: number;
  readonly url: URL;
  readonly timeoutMs: number;
  readonly logLevel: string;
  readonly database?: string;
  readonly brokers: readonly string[];
  readonly connection: ClientConfig;
}

function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Config {
  const s = settings(argv, env);
  const profile = s.get('cpu-prof', 'BENCH_CPU_PROF', '');
  return {
    rates: s.numbers('rates', 'BENCH_RATES', '50,200,500,800'),
    seconds: s.number('seconds', 'BENCH_SECONDS', 15, (n) => n > 0),
    probes: s.get('probes', 'BENCH_PROBES', '1') !== '0',
    keepGoing: !['0', ''].includes(s.get('keep-going', '', '0')),
    append: s.get('append', 'BENCH_APPEND', '1') !== '0',
    soakMinutes: s.number('soak', 'BENCH_SOAK', 0),
    soakRate: s.number('soak-rate', '', 100, (n) => n > 0),
    profileRate: profile ? Number(profile) : undefined,
    url: new URL(s.get('url', 'BENCH_URL', 'http://127.0.0.1:3001')),
    timeoutMs: s.number('timeout-ms', '', 15000, (n) => n > 0),
    logLevel: s.get('log-level', '', 'info'),
    database: s.get('database', '', '') || undefined,
    brokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    connection: {
      host: env.PGHOST ?? '127.0.0.1',
      port: Number(env.PGPORT ?? 5432),
      user: env.PGUSER ?? 'postgres',
      password: env.PGPASSWORD,
    },
  };
}

/** The service under test: its pid and database, and how to stop it if the bench started it. */
interface Service {
  readonly pid: number;
  readonly database: string;
  readonly startedHere: boolean;
  readonly profileDir?: string;
  /** JWT settings the service checks tokens with (the bench mints its token with them). */
  readonly jwt: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

async function isAnswering(url: URL): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health/live', url), { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function startOrFindService(config: Config, log: (line: string) => void): Promise<Service> {
  const port = Number(config.url.port || 80);
  if (await isAnswering(config.url)) {
    const pid = pidListeningOn(port);
    if (pid === undefined) throw new Error(`something answers on ${config.url.href} but its process is not visible in /proc`);
    const database = serviceDatabase(pid);
    log(`service: already running at ${config.url.href} (pid ${pid}, database ${database}); left running at the end`);
    return { pid, database, startedHere: false, jwt: process.env, stop: async () => undefined };
  }
  const main = join(ROOT, 'dist/apps/org-registry/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: npm run build first (npm run bench:commands does)`);
  const database = config.database ?? `org_registry_bench_${randomBytes(4).toString('hex')}`;
  const logDir = join(ROOT, '.run/logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `bench-org-registry-${database}.log`);
  const profileDir = config.profileRate ? join(ROOT, '.run/profiles') : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  // As scripts/platform.sh starts it: the migration step as the owner first, then the service as a
  // role of its own (created by that step) with the platform's heap flags; the bench's own
  // database, role and JWT secret, all dropped or forgotten at the end.
  const role = `${database}_svc`;
  const jwt: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(36).toString('base64url'),
    JWT_ISSUER: 'two-responsibilities',
    JWT_AUDIENCE: 'two-responsibilities-services',
  };
  const serviceEnv: NodeJS.ProcessEnv = {
    ...withoutDatabaseCredentials(process.env),
    ...jwt,
    PORT: String(port),
    PGDATABASE: database,
    PGUSER: role,
    PGPASSWORD: randomBytes(18).toString('base64url'),
    LOG_LEVEL: config.logLevel,
  };
  await migrateService(main, {
    ...serviceEnv,
    PG_OWNER_USER: String(config.connection.user ?? 'postgres'),
    ...(typeof config.connection.password === 'string' ? { PG_OWNER_PASSWORD: config.connection.password } : {}),
    LOG_LEVEL: 'warn',
  });
  const args = [...SERVICE_NODE_FLAGS, '-r', './scripts/register-paths.js'];
  if (profileDir) args.push('-r', './dist/libs/eventstore/bench/cpu-profile.preload.js');
  args.push(main);
  // Straight into the log file, as the platform's supervisor does: piped through this process, the
  // service's synchronous stdout writes would block whenever the load generator is busy (18 % of
  // the service's CPU profile was writev into that pipe).
  const out = openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...serviceEnv, ...(profileDir ? { BENCH_CPU_PROF_DIR: profileDir } : {}) },
    stdio: ['ignore', out, out],
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exit.then(() => (exited = true));
  const deadline = Date.now() + 90_000;
  while (!(await isReady(config.url))) {
    if (exited) throw new Error(`the registry exited during start; see ${logFile}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the registry was not ready within 90 s; see ${logFile}`);
    }
    await sleep(500);
  }
  log(
    `service: started the built registry (pid ${child.pid}, ${config.url.href}, database ${database}, LOG_LEVEL=${config.logLevel}; log ${logFile})`,
  );
  return {
    pid: child.pid!,
    database,
    startedHere: true,
    profileDir,
    jwt,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        await Promise.race([exit, sleep(15_000)]);
        if (!exited) child.kill('SIGKILL');
        await exit;
      }
      closeSync(out);
      if (!config.database) await dropDatabase(config.connection, database);
      await dropRole(config.connection, role);
    },
  };
}

/**
 * The service's node flags, as scripts/platform.sh starts it (keep the two in step): the old space
 * capped well under the RSS aim, and a young generation large enough that a command's short-lived
 * objects die there instead of being promoted and collected by mark-compact.
 */
const SERVICE_NODE_FLAGS = ['--max-old-space-size=192', '--max-semi-space-size=16'];

/** The process environment without any database credentials (the service gets its own role's). */
function withoutDatabaseCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { PGUSER: _user, PGPASSWORD: _password, PG_OWNER_USER: _owner, PG_OWNER_PASSWORD: _ownerPassword, ...rest } = env;
  return rest;
}

/** `main.js migrate`: the registry's migration step, as the owner, creating the service role. */
async function migrateService(main: string, env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, ['-r', './scripts/register-paths.js', main, 'migrate'], { cwd: ROOT, env, stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the registry's migration step exited with ${code}`);
}

async function dropRole(connection: ClientConfig, role: string): Promise<void> {
  const admin = new Client({ ...connection, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
  } finally {
    await admin.end();
  }
}

async function isReady(url: URL): Promise<boolean> {
  try {
    return (await fetch(new URL('/health/ready', url), { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

/** The service's database: its PGDATABASE, or the registry's default. */
function serviceDatabase(pid: number): string {
  const environ = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  return environ.find((entry) => entry.startsWith('PGDATABASE='))?.slice('PGDATABASE='.length) ?? 'org_registry';
}

/** Backends of the service's database, for their CPU time. */
async function databaseBackends(admin: Client, database: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
    database,
  ]);
  return rows.map((r) => r.pid);
}

/** Heap used by the service, from its Prometheus metrics. */
async function serviceHeapUsed(url: URL): Promise<number | undefined> {
  try {
    const text = await (await fetch(new URL('/metrics', url), { signal: AbortSignal.timeout(5000) })).text();
    const match = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})? ([0-9.e+]+)$/m.exec(text);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Arrivals of UnitRegistered on the registry topic, by unit code. */
class TopicWatch {
  private readonly arrivals = new Map<string, number>();
  private consumer?: Consumer;

  constructor(private readonly brokers: readonly string[]) {}

  async start(): Promise<void> {
    const kafka = createKafka({
      clientId: 'bench-commands',
      brokers: this.brokers,
      logLevel: logLevel.NOTHING,
      ...kafkaSecurity(loadConfig(KafkaSecurityEnv)),
    });
    // A new group starting at "latest" resolves that offset only at its first fetch, after the
    // join, and would miss what is published in between: start at the ends read now instead.
    const admin = kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(REGISTRY_TOPIC).finally(() => admin.disconnect());
    const consumer = kafka.consumer({ groupId: `bench-commands-${randomUUID()}`, maxWaitTimeInMs: 500 });
    await consumer.connect();
    await consumer.subscribe({ topic: REGISTRY_TOPIC, fromBeginning: false });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatch: async ({ batch }) => {
        const now = performance.now();
        for (const message of batch.messages) {
          const code = unitCodeOf(message.value);
          if (code !== undefined && !this.arrivals.has(code)) this.arrivals.set(code, now);
        }
      },
    });
    for (const { partition, offset } of ends) consumer.seek({ topic: REGISTRY_TOPIC, partition, offset });
    await joined;
    this.consumer = consumer;
  }

  arrivalOf(code: string): number | undefined {
    return this.arrivals.get(code);
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

function unitCodeOf(value: Buffer | null): string | undefined {
  if (!value || value.indexOf(RegistryEventTypes.UnitRegistered) < 0) return undefined;
  const envelope = JSON.parse(value.toString('utf8')) as { type?: unknown; data?: { unitCode?: unknown } };
  return envelope.type === RegistryEventTypes.UnitRegistered && typeof envelope.data?.unitCode === 'string'
    ? envelope.data.unitCode
    : undefined;
}

interface StepResult {
  readonly label: string;
  readonly offered: number;
  readonly sent: number;
  readonly ok: number;
  /** Successful commands per second, first send to last response. */
  readonly achieved: number;
  readonly http: Float64Array;
  readonly kafka: Float64Array;
  readonly kafkaMissing: number;
  readonly errors: ReadonlyMap<string, number>;
  /** How late the client sent, behind schedule: p99 in ms. */
  readonly sendLagP99: number;
  readonly serviceCpuPerCommand?: number;
  readonly databaseCpuPerCommand?: number;
  readonly benchCpuPerCommand: number;
  readonly rssBefore?: number;
  readonly rssAfter?: number;
  readonly profile?: string;
}

interface Harness {
  readonly config: Config;
  readonly service: Service;
  readonly watch: TopicWatch;
  readonly admin: Client;
  readonly token: string;
  readonly agent: Agent;
  readonly runId: string;
}

let stepCounter = 0;

/** One status (or client-side error name) per request, and when its response ended. */
function post(h: Harness, body: string): Promise<{ status: string; ended: number }> {
  return new Promise((resolve) => {
    const req = request(
      {
        agent: h.agent,
        host: h.config.url.hostname,
        port: h.config.url.port || 80,
        method: 'POST',
        path: '/units',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${h.token}`,
          'idempotency-key': randomUUID(),
        },
        timeout: h.config.timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: String(res.statusCode), ended: performance.now() }));
        res.on('error', (error: NodeJS.ErrnoException) => resolve({ status: error.code ?? 'response error', ended: performance.now() }));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: error.code ?? 'request error', ended: performance.now() }));
    req.end(body);
  });
}

function registerUnitBody(code: string, index: number): string {
  return JSON.stringify({
    code,
    name: `基准测试单位${index}`,
    kind: 'party_committee',
    level: 'district',
    jurisdictionCode: '410105',
    effectiveFrom: '2025-01-01',
  });
}

/** Sends `rate × seconds` commands on a fixed schedule, then waits for the responses and the messages. */
async function runStep(h: Harness, label: string, rate: number, seconds: number, profile = false): Promise<StepResult> {
  const step = ++stepCounter;
  const count = Math.max(1, Math.round(rate * seconds));
  const codes = Array.from({ length: count }, (_, i) => `B${h.runId}-${step}-${i}`);
  const bodies = codes.map((code, i) => registerUnitBody(code, i));
  const scheduled = new Float64Array(count);
  const sendLag = new Float64Array(count);
  const done: Promise<{ status: string; ended: number }>[] = [];
  const backends = await databaseBackends(h.admin, h.service.database);
  const rssBefore = residentBytes(h.service.pid);
  const dbBefore = processesCpuMicros(backends);
  const serviceBefore = processCpuMicros(h.service.pid);
  const benchBefore = process.cpuUsage();
  if (profile) process.kill(h.service.pid, 'SIGWINCH');
  const start = performance.now() + 20;
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < count && start + (next * 1000) / rate <= now) {
        scheduled[next] = start + (next * 1000) / rate;
        sendLag[next] = now - scheduled[next];
        done.push(post(h, bodies[next]));
        next += 1;
      }
      if (next >= count) return resolve();
      const wait = start + (next * 1000) / rate - performance.now();
      // setTimeout fires no sooner than 1 ms; late sends are caught up by the loop above.
      setTimeout(tick, Math.max(0, Math.floor(wait)));
    };
    tick();
  });
  const responses = await Promise.all(done);
  if (profile) process.kill(h.service.pid, 'SIGWINCH');
  const serviceAfter = processCpuMicros(h.service.pid);
  const dbAfter = processesCpuMicros(backends);
  const benchCpu = process.cpuUsage(benchBefore);
  const lastResponse = Math.max(...responses.map((r) => r.ended));
  const okIndexes = responses.flatMap((r, i) => (r.status === '201' || r.status === '200' ? [i] : []));
  // Messages may trail the responses: wait for them (at most 20 s after the last response).
  const waitUntil = performance.now() + 20_000;
  while (okIndexes.some((i) => h.watch.arrivalOf(codes[i]) === undefined) && performance.now() < waitUntil) await sleep(50);
  const rssAfter = residentBytes(h.service.pid);
  const errors = new Map<string, number>();
  for (const r of responses) if (r.status !== '201' && r.status !== '200') errors.set(r.status, (errors.get(r.status) ?? 0) + 1);
  const kafka = okIndexes.flatMap((i) => {
    const arrived = h.watch.arrivalOf(codes[i]);
    return arrived === undefined ? [] : [arrived - scheduled[i]];
  });
  const ok = okIndexes.length;
  let profileText: string | undefined;
  if (profile && h.service.profileDir) profileText = await readProfile(h.service.profileDir, h.service.pid, ok);
  return {
    label,
    offered: rate,
    sent: count,
    ok,
    achieved: ok / ((lastResponse - start) / 1000),
    http: sortedCopy(responses.map((r, i) => r.ended - scheduled[i])),
    kafka: sortedCopy(kafka),
    kafkaMissing: ok - kafka.length,
    errors,
    sendLagP99: percentile(sortedCopy(sendLag), 99),
    serviceCpuPerCommand:
      serviceBefore === undefined || serviceAfter === undefined || ok === 0 ? undefined : (serviceAfter - serviceBefore) / ok,
    databaseCpuPerCommand: ok === 0 ? undefined : cpuSpent(dbBefore, dbAfter) / ok,
    benchCpuPerCommand: (benchCpu.user + benchCpu.system) / Math.max(1, count),
    rssBefore,
    rssAfter,
    profile: profileText,
  };
}

async function readProfile(directory: string, pid: number, commands: number): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const files = readdirSync(directory)
      .filter((f) => f.startsWith(`${pid}-`) && f.endsWith('.cpuprofile'))
      .sort();
    if (files.length > 0) {
      const file = join(directory, files.at(-1)!);
      const text = renderProfileSummary(summariseProfile(JSON.parse(readFileSync(file, 'utf8'))), 30, commands);
      return `${text}\n(profile file: ${file})`;
    }
    if (Date.now() > deadline) return 'no profile was written within 30 s';
    await sleep(250);
  }
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0));

function resultsTable(results: readonly StepResult[]): string {
  return renderTable(
    [
      'step',
      'offered/s',
      'sent',
      'ok',
      'achieved/s',
      'HTTP p50',
      'p99',
      'p99.9',
      'max',
      '→Kafka p50',
      'p99',
      'missing',
      'errors',
      'svc CPU µs/cmd',
      'db CPU µs/cmd',
      'RSS before→after',
      'send lag p99',
    ],
    results.map((r) => [
      r.label,
      String(r.offered),
      String(r.sent),
      String(r.ok),
      r.achieved.toFixed(0),
      ms(percentile(r.http, 50)),
      ms(percentile(r.http, 99)),
      ms(percentile(r.http, 99.9)),
      ms(r.http.at(-1) ?? Number.NaN),
      ms(percentile(r.kafka, 50)),
      ms(percentile(r.kafka, 99)),
      String(r.kafkaMissing),
      r.errors.size === 0 ? '0' : [...r.errors].map(([status, n]) => `${status}×${n}`).join(' '),
      r.serviceCpuPerCommand === undefined ? 'n/a' : r.serviceCpuPerCommand.toFixed(0),
      r.databaseCpuPerCommand === undefined ? 'n/a' : r.databaseCpuPerCommand.toFixed(0),
      `${mb(r.rssBefore)}→${mb(r.rssAfter)}`,
      ms(r.sendLagP99),
    ]),
  );
}

/** Kept up: nearly every command answered at the offered rate, none failed, and p99 under a second. */
function keptUp(r: StepResult): boolean {
  return r.errors.size === 0 && r.achieved >= 0.95 * r.offered && percentile(r.http, 99) < 1000;
}

interface Verdict {
  readonly aim: string;
  readonly met: boolean | undefined;
  readonly measured: string;
}

function verdicts(
  results: readonly StepResult[],
  append: readonly RunResult[] | undefined,
  rssAfterLoad: number | undefined,
  soak: string | undefined,
): Verdict[] {
  const idle = results.find((r) => r.label === 'idle');
  const at = results.find((r) => r.offered === AIM_RATE);
  const sustained = results.filter(keptUp).reduce((best, r) => Math.max(best, r.offered), 0);
  const peak = results.reduce((best, r) => Math.max(best, r.achieved), 0);
  const rate = (mode: string) => append?.find((r) => r.mode === mode && r.concurrency === 8);
  const ratio = (mode: string) => {
    const ours = rate(mode);
    const raw = rate('raw');
    return ours && raw ? ours.count / ours.seconds / (raw.count / raw.seconds) : undefined;
  };
  const check = (value: number | undefined, test: (v: number) => boolean) =>
    value === undefined || Number.isNaN(value) ? undefined : test(value);
  const plain = ratio('ours');
  const outbox = ratio('ours+key+outbox');
  return [
    {
      aim: 'idle command HTTP p50 ≤ 5 ms',
      met: check(idle && percentile(idle.http, 50), (v) => v <= 5),
      measured: idle ? `${ms(percentile(idle.http, 50))} ms` : 'not run',
    },
    {
      aim: 'idle command HTTP p99 ≤ 20 ms',
      met: check(idle && percentile(idle.http, 99), (v) => v <= 20),
      measured: idle ? `${ms(percentile(idle.http, 99))} ms` : 'not run',
    },
    {
      aim: 'idle command → Kafka p50 ≤ 10 ms',
      met: check(idle && percentile(idle.kafka, 50), (v) => v <= 10),
      measured: idle ? `${ms(percentile(idle.kafka, 50))} ms` : 'not run',
    },
    {
      aim: `at ${AIM_RATE} cmd/s HTTP p99 ≤ 50 ms`,
      met: check(at && percentile(at.http, 99), (v) => v <= 50),
      measured: at ? `${ms(percentile(at.http, 99))} ms (achieved ${at.achieved.toFixed(0)}/s)` : 'not run',
    },
    {
      aim: `at ${AIM_RATE} cmd/s command → Kafka p99 ≤ 75 ms`,
      met: check(at && percentile(at.kafka, 99), (v) => v <= 75),
      measured: at ? `${ms(percentile(at.kafka, 99))} ms` : 'not run',
    },
    {
      aim: `at ${AIM_RATE} cmd/s no errors`,
      met: at ? at.errors.size === 0 && at.kafkaMissing === 0 : undefined,
      measured: at ? `${at.sent - at.ok} failed, ${at.kafkaMissing} not on Kafka` : 'not run',
    },
    {
      aim: 'saturation ≥ 600 cmd/s',
      met: sustained >= 600 ? true : results.length > 0 ? false : undefined,
      measured: `kept up with ${sustained || 'no'} offered/s; peak achieved ${peak.toFixed(0)}/s`,
    },
    {
      aim: 'raw append ≥ 0.7× raw insert at concurrency 8',
      met: check(plain, (v) => v >= 0.7),
      measured: plain === undefined ? 'not run' : `ours ${plain.toFixed(2)}×`,
    },
    {
      aim: 'append with outbox ≥ 0.6× raw insert at concurrency 8',
      met: check(outbox, (v) => v >= 0.6),
      measured: outbox === undefined ? 'not run' : `ours+key+outbox ${outbox.toFixed(2)}×`,
    },
    {
      aim: 'RSS < 200 MB after load',
      met: check(rssAfterLoad, (v) => v < 200 * 1024 * 1024),
      measured: mb(rssAfterLoad),
    },
    {
      aim: 'no growth over a soak',
      met: soak === undefined ? undefined : !soak.startsWith('grew'),
      measured: soak ?? 'not run (--soak=MIN)',
    },
  ];
}

/** A fixed rate for `minutes`, sampling RSS and heap; judged on the second half against the first. */
async function soak(h: Harness, log: (line: string) => void): Promise<string> {
  const { soakMinutes, soakRate } = h.config;
  const sliceSeconds = 30;
  const slices = Math.max(2, Math.round((soakMinutes * 60) / sliceSeconds));
  const rows: string[][] = [];
  const rss: number[] = [];
  const started = Date.now();
  for (let i = 0; i < slices; i++) {
    const r = await runStep(h, `soak ${i + 1}`, soakRate, sliceSeconds);
    const heap = await serviceHeapUsed(h.config.url);
    rss.push(r.rssAfter ?? 0);
    rows.push([
      `${((Date.now() - started) / 60000).toFixed(1)} min`,
      String(r.ok),
      ms(percentile(r.http, 99)),
      ms(percentile(r.kafka, 99)),
      String(r.sent - r.ok),
      mb(r.rssAfter),
      mb(heap),
    ]);
    log(`  soak ${i + 1}/${slices}: RSS ${mb(r.rssAfter)}, heap used ${mb(heap)}, HTTP p99 ${ms(percentile(r.http, 99))} ms`);
  }
  log('');
  log(`soak: ${soakRate} cmd/s for ${soakMinutes} min, sampled after each ${sliceSeconds} s slice`);
  log(renderTable(['at', 'ok', 'HTTP p99', '→Kafka p99', 'failed', 'RSS', 'heap used'], rows));
  const half = Math.floor(rss.length / 2);
  const firstHalfMax = Math.max(...rss.slice(0, half));
  const secondHalfMax = Math.max(...rss.slice(half));
  const growth = secondHalfMax - firstHalfMax;
  return growth > 10 * 1024 * 1024
    ? `grew: RSS peak ${mb(firstHalfMax)} in the first half, ${mb(secondHalfMax)} in the second`
    : `flat: RSS peak ${mb(firstHalfMax)} in the first half, ${mb(secondHalfMax)} in the second`;
}

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2), process.env);
  const log = (line: string) => console.log(line);
  const runId = randomBytes(3).toString('hex');
  log(
    `command bench ${runId} — ${new Date().toISOString()}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
  );
  let appendResults: RunResult[] | undefined;
  if (config.append) {
    log('raw append figures first (short bench:append at concurrency 8; full table below)');
    const lines: string[] = [];
    appendResults = await runAppendBench(
      appendConfig(
        ['--events=1500', '--rounds=3', '--warmup=100', '--concurrency=8', '--modes=raw,ours,ours+key,ours+key+outbox', '--verify=0'],
        process.env,
      ),
      (line) => lines.push(line),
    );
    log(lines.slice(lines.findIndex((l) => l.startsWith('mode'))).join('\n'));
    log('');
  }
  const service = await startOrFindService(config, log);
  const admin = new Client({ ...config.connection, database: 'postgres' });
  const watch = new TopicWatch(config.brokers);
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const h: Harness = {
    config,
    service,
    watch,
    admin,
    token: mintToken({ sub: 'p-bench', roles: ['registry_admin'], ttl: '2h' }, jwtSettings(loadConfig(JwtEnv, service.jwt))),
    agent,
    runId,
  };
  const stopAll = async () => {
    agent.destroy();
    await watch.stop().catch(() => undefined);
    await admin.end().catch(() => undefined);
    await service.stop();
  };
  const interrupt = () => {
    console.error('interrupted: stopping');
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    await admin.connect();
    await watch.start();
    // Warm-up: JIT, pools, the producer; and proof that the consumer sees the topic.
    const warm = await runStep(h, 'warm-up', 20, 3);
    log(
      `warm-up: ${warm.ok}/${warm.sent} ok, ${warm.kafka.length} seen on Kafka (HTTP p50 ${ms(percentile(warm.http, 50))} ms); errors: ${[...warm.errors].map(([s, n]) => `${s}×${n}`).join(' ') || 'none'}`,
    );
    if (warm.ok === 0) throw new Error('no command succeeded in the warm-up: is the token accepted and the database writable?');
    if (warm.kafka.length === 0) throw new Error(`no message arrived on ${REGISTRY_TOPIC}: is the relay publishing?`);
    await sleep(2000);
    const rssBeforeLoad = residentBytes(service.pid);
    const plan: { label: string; rate: number; seconds: number }[] = [];
    if (config.probes) plan.push({ label: 'idle', rate: IDLE_RATE, seconds: Math.max(10, config.seconds) });
    const rates = [...new Set([...config.rates, ...(config.probes ? [AIM_RATE] : [])])].sort((a, b) => a - b);
    for (const rate of rates) plan.push({ label: `${rate}/s`, rate, seconds: config.seconds });
    log(
      `plan: ${plan.map((p) => `${p.label} for ${p.seconds} s`).join(', ')}; open loop, one new unit per command (POST /units, Idempotency-Key), latency from the scheduled send`,
    );
    const results: StepResult[] = [];
    for (const p of plan) {
      const profile = config.profileRate === p.rate && service.profileDir !== undefined;
      const r = await runStep(h, p.label, p.rate, p.seconds, profile);
      results.push(r);
      log(
        `  ${p.label}: achieved ${r.achieved.toFixed(0)}/s, HTTP p50/p99 ${ms(percentile(r.http, 50))}/${ms(percentile(r.http, 99))} ms, → Kafka p50/p99 ${ms(percentile(r.kafka, 50))}/${ms(percentile(r.kafka, 99))} ms, ${r.sent - r.ok} failed`,
      );
      if (!config.keepGoing && r.label !== 'idle' && r.achieved < 0.7 * r.offered) {
        const skipped = plan.slice(plan.indexOf(p) + 1).map((q) => q.label);
        if (skipped.length > 0) log(`  fell far behind at ${p.label}: skipping ${skipped.join(', ')} (--keep-going=1 runs them)`);
        if (skipped.length > 0) break;
      }
      await sleep(2000);
    }
    await sleep(5000);
    const rssAfterLoad = residentBytes(service.pid);
    const heapAfterLoad = await serviceHeapUsed(config.url);
    log('');
    log(resultsTable(results));
    log('');
    log(
      'latencies in ms from the scheduled send; achieved = successful commands / (first send → last response); CPU per successful command from /proc (service process; backends of its database); send lag = how late the client sent',
    );
    log(
      `service RSS before the load ${mb(rssBeforeLoad)}, 5 s after it ${mb(rssAfterLoad)} (heap used ${mb(heapAfterLoad)}); bench process CPU per command: ${results.map((r) => `${r.label} ${r.benchCpuPerCommand.toFixed(0)} µs`).join(', ')}`,
    );
    log(`load average now ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (2 cores, shared)`);
    for (const r of results) if (r.profile) log(`\nCPU profile of the service during ${r.label}:\n${r.profile}`);
    const soakVerdict = config.soakMinutes > 0 ? await soak(h, log) : undefined;
    log('');
    log('aims:');
    for (const v of verdicts(results, appendResults, rssAfterLoad, soakVerdict)) {
      log(`  ${v.met === undefined ? 'n/a    ' : v.met ? 'met    ' : 'NOT met'}  ${v.aim} — ${v.measured}`);
    }
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
