/**
 * `npm run bench:responsibility`: responsibility tracking at a city's scale (issue 10, "Scale").
 * The service runs in this process as it runs in production (migration step as the owner, then
 * the service as its own role) on a fresh database of its own, dropped at the end. It loads:
 *
 * - the registry view: a city committee and commission, districts each with a committee and a
 *   commission, and Party groups under the districts (3,000 units by default) with their leaders,
 *   team members and pairings. The first `--kafka-sample` units go over Kafka through the inbox
 *   consumer as in production (timed, for comparison); the rest through the view's own projector
 *   (`applyRegistryEvent`, what the consumer runs per message) in batched transactions, which is
 *   what the bench is for: loading, not the broker;
 * - each unit's list for the year, generated on the command bus (the real command path, with the
 *   registry view's answers) as of 5 January; then items added up to `--items` per unit, appended
 *   in bulk through the event store (`ResponsibilityListItemAdded`; no command handler adds items
 *   yet), deadlines at month ends through the year;
 * - tasks for some items (assigned, claimed, performed, completed for most), appended in bulk
 *   through the event store;
 * - the principal leaders' ten things, ten projects per Party committee or group, with `--entries`
 *   ledger entries in all (1,000,000 by default), appended in bulk through the event store, one
 *   append per project;
 * - the dual report obligations on last year, opened on the command bus for every committee.
 *
 * Bulk appends go through `EventStore.append` with the service's inline projections, so the read
 * models are built by the projections as in production; they carry no integration events.
 *
 * It then measures: list generation (total, units/s), the scheduler's overdue scan and its pass
 * over all obligations (first pass acts on all, the second on none), a unit's status views and the
 * compliance view (p50/p99 over sequential requests), and RSS.
 *
 * Options (flag or environment variable):
 *   --units=N         BENCH_UNITS      (default 3000)
 *   --items=N         BENCH_ITEMS      items per Party committee or group list (default 40)
 *   --entries=N       BENCH_ENTRIES    ledger entries in all (default 1000000)
 *   --districts=N                      (default 12)
 *   --samples=N                        requests per view (default 300)
 *   --concurrency=N                    commands or appends in flight while loading (default 4)
 *   --kafka-sample=N                   units of the registry fed over Kafka first, to compare (default 100)
 *   --obligations-year=Y               open the dual report obligations on Y (default last year; with
 *                                      --reuse, an earlier year opens fresh ones for the pass)
 *   --profile-scheduler=1              V8 CPU profile of the first scheduler pass, into .run/profiles
 *   --keep=1                           keep the database
 *   --reuse=DB                         measure on a database a run kept, without loading (the
 *                                      scheduler passes find what the kept run left)
 * Connection: PGHOST, PGPORT, PGUSER, PGPASSWORD (a role that may create databases and roles); Kafka
 * at KAFKA_BROKERS (the service's outbox relay publishes the commands' integration events).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import type { DynamicModule, Provider } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { RegistryEventTypes as T, type IntegrationEnvelope } from '@app/contracts';
import { chinaDay, DomainError } from '@app/domain';
import { EventSourcing, EventStore, migrateService, type EventMetadata, type NewEvent } from '@app/eventstore';
import { commandContext, connectInbox, type CommandResponse } from '@app/kit';
import { createServiceApp, jwtSettings, loadConfig, MigrationEnv, mintToken, type Principal, type Role } from '@app/platform';
import { readRegistryEvent } from '@app/registry-view';
import { applyRegistryEvent } from '../../../libs/registry-view/src/registry-view.projector';
import { mb, percentile, settings, sortedCopy } from '../../../libs/eventstore/bench/bench-support';
import { adminQuery } from '../../../libs/testing/src/database';
import { COMPLIANCE_SNAPSHOT_INTERVAL_MS, ComplianceSnapshot } from '../src/compliance/compliance.snapshot';
import { OpenDualReportObligationsCommand } from '../src/dual-reports/dual-report.command-handlers';
import { OBLIGATION_SCHEDULER_INTERVAL_MS, ObligationScheduler, obligationsToAct } from '../src/obligations/obligation-scheduler';
import { responsibilityListStreamId } from '../src/responsibility-lists/responsibility-list.commands';
import { GenerateResponsibilityListCommand } from '../src/responsibility-lists/responsibility-list.handlers';
import { ResponsibilityEnv } from '../src/responsibility.env';
import { ResponsibilityModule } from '../src/responsibility.module';
import { taskStreamId } from '../src/tasks/task.commands';
import { tenThingsStreamId } from '../src/ten-things/ten-things.commands';

const CITY_DIVISION = '410100';
const TEN_THINGS = 10;
/** Of each committee's or group's list items, those with tasks: the first `TASKED` items, all but the last `OPEN` completed. */
const TASKED = 8;
const OPEN = 2;

interface Config {
  readonly units: number;
  readonly items: number;
  readonly entries: number;
  readonly districts: number;
  readonly samples: number;
  readonly concurrency: number;
  readonly kafkaSample: number;
  readonly profileScheduler: boolean;
  readonly keep: boolean;
  /** A database an earlier run kept (`--keep=1`): measure on it without loading. */
  readonly reuse?: string;
  /** The year whose dual report obligations are opened (default last year; on a kept database, another year gives the pass work). */
  readonly obligationsYear?: number;
}

function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Config {
  const s = settings(argv, env);
  const whole = (n: number) => Number.isInteger(n) && n > 0;
  return {
    units: s.number('units', 'BENCH_UNITS', 3000, (n) => whole(n) && n >= 50),
    items: s.number('items', 'BENCH_ITEMS', 40, (n) => whole(n) && n >= 22),
    entries: s.number('entries', 'BENCH_ENTRIES', 1_000_000, (n) => Number.isInteger(n) && n >= 0),
    districts: s.number('districts', '', 12, whole),
    samples: s.number('samples', '', 300, whole),
    concurrency: s.number('concurrency', '', 4, whole),
    kafkaSample: s.number('kafka-sample', '', 100, (n) => Number.isInteger(n) && n >= 0),
    profileScheduler: s.get('profile-scheduler', '', '0') !== '0',
    keep: s.get('keep', '', '0') !== '0' || s.get('reuse', '', '') !== '',
    ...(s.get('reuse', '', '') ? { reuse: s.get('reuse', '', '') } : {}),
    ...(s.get('obligations-year', '', '') ? { obligationsYear: s.number('obligations-year', '', 0, (n) => n >= 2015 && n <= 2100) } : {}),
  };
}

/** One unit of the bench city. */
interface BenchUnit {
  readonly code: string;
  readonly kind: 'party_committee' | 'discipline_commission' | 'party_group';
  readonly level: 'city' | 'district';
  readonly division: string;
  readonly parent: string | null;
  /** The commission it is paired with (committees and groups). */
  readonly pairedWith?: string;
  /** Principal leader (committees, groups) or commission secretary (commissions). */
  readonly head: string;
  /** Team members (committees, groups) or the commission's deputy. */
  readonly members: readonly string[];
}

const committeeLike = (unit: BenchUnit) => unit.kind !== 'discipline_commission';

/** The city: its committee and commission, districts with theirs, and Party groups spread over the districts. */
function benchCity(config: Config): BenchUnit[] {
  const staff = (code: string, n: number) => `S-${code}-${n}`;
  const unit = (
    code: string,
    kind: BenchUnit['kind'],
    level: BenchUnit['level'],
    division: string,
    parent: string | null,
    pairedWith?: string,
  ) =>
    ({
      code,
      kind,
      level,
      division,
      parent,
      ...(pairedWith ? { pairedWith } : {}),
      head: staff(code, 1),
      members: [staff(code, 2), staff(code, 3)],
    }) satisfies BenchUnit;
  const units: BenchUnit[] = [
    unit('C-SW', 'party_committee', 'city', CITY_DIVISION, null, 'C-JW'),
    unit('C-JW', 'discipline_commission', 'city', CITY_DIVISION, 'C-SW'),
  ];
  const districts = Array.from({ length: config.districts }, (_, i) => {
    const n = String(i + 2).padStart(2, '0');
    return { committee: `D${n}-QW`, commission: `D${n}-JW`, division: `4101${n}` };
  });
  for (const d of districts) {
    units.push(unit(d.committee, 'party_committee', 'district', d.division, 'C-SW', d.commission));
    units.push(unit(d.commission, 'discipline_commission', 'district', d.division, d.committee));
  }
  for (let i = 0; units.length < config.units; i++) {
    const d = districts[i % districts.length];
    units.push(
      unit(`${d.committee.slice(0, 3)}G${String(i).padStart(4, '0')}`, 'party_group', 'district', d.division, d.committee, d.commission),
    );
  }
  return units;
}

const NAMES = ['张建国', '李卫东', '王秀兰', '刘志强', '陈晓燕', '杨海涛', '赵丽华', '黄国平'];

/** The registry's events for the city, in an order the view can apply (each unit's after its parent's). */
function registryEnvelopes(units: readonly BenchUnit[]): IntegrationEnvelope[] {
  const versions = new Map<string, number>();
  const envelope = (streamId: string, type: string, data: object): IntegrationEnvelope => {
    const streamVersion = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, streamVersion);
    return {
      envelopeVersion: 2,
      id: randomUUID(),
      type,
      version: 1,
      source: 'org-registry',
      streamId,
      streamVersion,
      position: 0,
      topicSequence: 0,
      payloadHash: '',
      eventHash: '',
      occurredAt: '2020-01-01T00:00:00+08:00',
      recordedAt: new Date().toISOString(),
      correlationId: 'bench-responsibility',
      actor: { personId: 'p-admin' },
      data,
    };
  };
  const out: IntegrationEnvelope[] = [];
  const effectiveFrom = '2020-01-01';
  units.forEach((unit, index) => {
    const name = `${unit.kind === 'discipline_commission' ? '纪委' : unit.kind === 'party_group' ? '党组' : '党委'}${index}`;
    out.push(
      envelope(`unit-${unit.code}`, T.UnitRegistered, {
        unitCode: unit.code,
        name,
        kind: unit.kind,
        level: unit.level,
        parentCode: unit.parent,
        jurisdictionCode: unit.division,
        effectiveFrom,
      }),
    );
    const posts = committeeLike(unit)
      ? ['principal_leader', 'team_member', 'team_member']
      : ['commission_secretary', 'commission_deputy', 'commission_deputy'];
    [unit.head, ...unit.members].forEach((staffNumber, i) => {
      out.push(envelope(`person-${staffNumber}`, T.PersonRegistered, { staffNumber, name: NAMES[(index + i) % NAMES.length] }));
      out.push(
        envelope(`unit-${unit.code}`, T.AppointmentMade, {
          appointmentId: randomUUID(),
          unitCode: unit.code,
          staffNumber,
          post: posts[i],
          acting: false,
          effectiveFrom,
        }),
      );
    });
  });
  // Pairings once every commission is known.
  for (const unit of units) {
    if (unit.pairedWith) {
      out.push(
        envelope(`unit-${unit.code}`, T.UnitPaired, {
          unitCode: unit.code,
          supervisorCode: unit.pairedWith,
          supervisorKind: 'discipline_commission',
          effectiveFrom,
        }),
      );
    }
  }
  return out;
}

/** Runs `work` over `items` with at most `concurrency` in flight; answers each item's duration in ms. */
async function pooled<T>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<Float64Array> {
  const durations = new Float64Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) {
      const started = performance.now();
      await work(items[i], i);
      durations[i] = performance.now() - started;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return durations;
}

const seconds = (since: number) => (performance.now() - since) / 1000;
const ms = (n: number) => `${n.toFixed(1)} ms`;

interface Service {
  readonly app: NestExpressApplication;
  readonly url: string;
  readonly database: string;
  token(roles: readonly Role[], units: readonly string[], sub: string): string;
  close(): Promise<void>;
}

/** The periodic jobs' intervals: pushed out of the run, the bench runs their passes itself and times them. */
const PERIODIC: unknown[] = [OBLIGATION_SCHEDULER_INTERVAL_MS, COMPLIANCE_SNAPSHOT_INTERVAL_MS];

/** The service with its periodic jobs' timers pushed out of the run. */
function benchModule(config: ResponsibilityEnv): DynamicModule {
  const module = ResponsibilityModule.forRoot(config) as DynamicModule;
  const providers = (module.providers ?? []).map((provider: Provider): Provider =>
    typeof provider === 'object' && 'provide' in provider && PERIODIC.includes(provider.provide)
      ? { provide: provider.provide, useValue: 2_000_000_000 }
      : provider,
  );
  return { ...module, providers };
}

/** As the platform starts it: the migration step as the owner, then the service as a role of its own; a fresh database. */
async function startService(reuse?: string): Promise<Service> {
  const database = reuse ?? `responsibility_bench_${randomBytes(4).toString('hex')}`;
  const config = loadConfig(ResponsibilityEnv, {
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(36).toString('base64url'),
    JWT_ISSUER: 'two-responsibilities',
    JWT_AUDIENCE: 'two-responsibilities-services',
    PGDATABASE: database,
    PGUSER: `${database}_svc`,
    PGPASSWORD: randomBytes(18).toString('base64url'),
  });
  const module = benchModule(config);
  await migrateService(
    module,
    config,
    loadConfig(MigrationEnv, {
      PG_OWNER_USER: process.env.PGUSER ?? 'postgres',
      ...(process.env.PGPASSWORD ? { PG_OWNER_PASSWORD: process.env.PGPASSWORD } : {}),
    }),
  );
  const app = await createServiceApp({ name: 'responsibility', module, config });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const jwt = jwtSettings(config);
  return {
    app,
    url,
    database,
    token: (roles, units, sub) => mintToken({ sub, roles: [...roles], units: [...units] }, jwt),
    close: () => app.close(),
  };
}

/** Month ends of the year, for the added items' deadlines. */
const monthEnd = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/** Appends `events` to a new or existing stream through the store (inline projections), after its current head. */
async function appendTo(store: EventStore, streamId: string, events: readonly NewEvent[], metadata: EventMetadata): Promise<void> {
  const head = (await store.readStream(streamId)).at(-1);
  await store.append({
    streamId,
    expectedVersion: head?.version ?? 0,
    previousHash: head?.contentHash ?? null,
    events,
    metadata,
  });
}

/** The V8 sampling profiler over this process until `stop`, which writes the profile and answers its path. */
async function startProfile(): Promise<{ stop(): Promise<string> }> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string) =>
    new Promise<T>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result as T))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = await post<{ profile: object }>('Profiler.stop');
      session.disconnect();
      const dir = join(__dirname, '..', '..', '..', '..', '.run', 'profiles');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `responsibility-scheduler-${Date.now()}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      return file;
    },
  };
}

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2), process.env);
  const today = chinaDay(new Date());
  const year = Number(today.slice(0, 4));
  const opened = `${year}-01-05`;
  const log = (line: string) => console.log(line);
  log(
    `responsibility bench — ${new Date().toISOString()}, today ${today}, year ${year}; node ${process.version}, ${process.execArgv.join(' ') || 'no flags'}; PostgreSQL at ${process.env.PGHOST ?? '127.0.0.1'}`,
  );

  let started = performance.now();
  const service = await startService(config.reuse);
  log(
    `service: started in this process on ${config.reuse ? 'the kept' : 'a fresh'} database ${service.database} (${seconds(started).toFixed(1)} s, migrations included)`,
  );
  const row = (what: string, value: string, aim = '') => log(`  ${what}: ${value}${aim ? ` (${aim})` : ''}`);
  try {
    const app = service.app;
    const dataSource = app.get(DataSource);
    const store = app.get(EventStore);
    const commands = app.get(CommandBus);
    const units = benchCity(config);
    const committees = units.filter(committeeLike);

    if (!config.reuse) {
      // 1a. A sample of the city over Kafka, as production feeds the view: the inbox consumer on a topic of the run's own.
      const sample = units.slice(0, config.kafkaSample);
      if (sample.length > 0) {
        const topic = `registry.events.v1.bench-${randomBytes(4).toString('hex')}`;
        await connectInbox(app, { groupId: `responsibility-bench-${randomUUID().slice(0, 8)}`, topics: [topic], maxWaitTimeInMs: 100 });
        await app.startAllMicroservices();
        const sampleEnvelopes = registryEnvelopes(sample);
        started = performance.now();
        const producer = app.get(EventSourcing).kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
        await producer.connect();
        for (let i = 0; i < sampleEnvelopes.length; i += 500) {
          await producer.send({
            topic,
            messages: sampleEnvelopes.slice(i, i + 500).map((m) => ({ key: m.streamId, value: JSON.stringify(m) })),
          });
        }
        await producer.disconnect();
        const expected = { appointments: sample.length * 3, pairings: sample.filter((unit) => unit.pairedWith).length };
        for (;;) {
          const [seen] = await dataSource.query<{ appointments: number; pairings: number }[]>(
            'SELECT (SELECT count(*)::int FROM rv_appointments) AS appointments, (SELECT count(*)::int FROM rv_pairings) AS pairings',
          );
          if (seen.appointments >= expected.appointments && seen.pairings >= expected.pairings) break;
          if (seconds(started) > 600) throw new Error(`the registry view did not learn the Kafka sample in 600 s: ${JSON.stringify(seen)}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const kafkaSeconds = seconds(started);
        row(
          'registry view over Kafka (sample)',
          `${sample.length} units, ${sampleEnvelopes.length} registry events published and applied by the inbox consumer in ${kafkaSeconds.toFixed(1)} s (${(sampleEnvelopes.length / kafkaSeconds).toFixed(0)} events/s)`,
        );
      }

      // 1b. The rest of the registry view through the view's projector directly.
      started = performance.now();
      const envelopes = registryEnvelopes(units.slice(sample.length));
      for (let i = 0; i < envelopes.length; i += 1000) {
        await dataSource.transaction(async (manager) => {
          for (const envelope of envelopes.slice(i, i + 1000)) {
            const outcome = readRegistryEvent(envelope);
            if ('skipped' in outcome) throw new Error(`registry event skipped: ${outcome.skipped}`);
            await applyRegistryEvent(manager, outcome.event, envelope.streamVersion);
          }
        });
      }
      const feedSeconds = seconds(started);
      row(
        'registry view loaded directly',
        `${units.length - sample.length} units, ${envelopes.length} registry events in ${feedSeconds.toFixed(1)} s (${(envelopes.length / feedSeconds).toFixed(0)} events/s; the view's projector in transactions of 1000, no Kafka)`,
      );

      // 2. Lists generated on the command bus, as of 5 January.
      started = performance.now();
      const generation = await pooled(units, config.concurrency, async (unit) => {
        const principal: Principal = { personId: unit.head, roles: ['unit_officer'], units: [unit.code] };
        const context = commandContext(principal, { now: new Date(`${opened}T09:00:00+08:00`), correlationId: `bench-list-${unit.code}` });
        await commands.execute(new GenerateResponsibilityListCommand({ unitCode: unit.code, year }, context));
      });
      const generationSeconds = seconds(started);
      const gen = sortedCopy(generation);
      row(
        'list generation (command bus)',
        `${units.length} units in ${generationSeconds.toFixed(1)} s = ${(units.length / generationSeconds).toFixed(0)} units/s, concurrency ${config.concurrency}; per command p50 ${ms(percentile(gen, 50))}, p99 ${ms(percentile(gen, 99))}`,
      );

      // 3. Items added up to --items per committee or group list (bulk, through the event store).
      started = performance.now();
      const metadataOf = (unit: BenchUnit): EventMetadata => ({
        actor: { personId: unit.head, unitId: unit.code },
        correlationId: `bench-${unit.code}`,
        unitId: unit.code,
      });
      let added = 0;
      await pooled(committees, config.concurrency, async (unit) => {
        const streamId = responsibilityListStreamId(unit.code, year);
        const generated = (await store.readStream(streamId))[0]?.data as { items: readonly unknown[] } | undefined;
        const have = generated?.items.length ?? 0;
        const extra = Array.from({ length: config.items - have }, (_, i): NewEvent => ({
          type: 'ResponsibilityListItemAdded',
          data: {
            item: {
              key: `local.item_${i + 1}`,
              subject: i % 3 === 0 ? 'team_member' : 'committee',
              title: `本单位年度重点任务${i + 1}`,
              responsible: i % 3 === 0 ? [unit.members[0]] : [unit.head],
              deadline: monthEnd(year, (i % 12) + 1),
              requiredEvidence: '会议纪要、工作台账',
              weight: 2,
            },
          },
        }));
        added += extra.length;
        if (extra.length > 0) await appendTo(store, streamId, extra, metadataOf(unit));
      });
      row('items added', `${added} items in ${seconds(started).toFixed(1)} s (event store, bulk)`);

      // 4. Tasks for the first TASKED template items of each committee or group list, most completed.
      started = performance.now();
      const { rows: keyRows } = await store.pool.query<{ key: string }>(
        `SELECT jsonb_array_elements(data->'items')->>'key' AS key FROM es_events WHERE stream_id = $1 AND version = 1`,
        [responsibilityListStreamId(committees[0].code, year)],
      );
      const taskedKeys = keyRows.map((r) => r.key).slice(0, TASKED);
      const taskJobs = committees.flatMap((unit) => taskedKeys.map((key, i) => ({ unit, key, complete: i < TASKED - OPEN })));
      let taskEvents = 0;
      await pooled(taskJobs, config.concurrency, async ({ unit, key, complete }) => {
        const taskId = randomUUID();
        const day = `${year}-03-20`;
        const events: NewEvent[] = [
          {
            type: 'TaskAssigned',
            data: {
              taskId,
              unitCode: unit.code,
              year,
              itemKey: key,
              areaCode: unit.code,
              title: '分管领域廉政谈话',
              assignee: unit.members[0],
              due: `${year}-03-31`,
              assignedOn: opened,
            },
          },
          { type: 'TaskClaimed', data: { claimedOn: opened } },
        ];
        if (complete) {
          events.push(
            {
              type: 'TaskPerformed',
              data: { entryId: randomUUID(), day, text: '开展廉政谈话', attachments: [], enteredOn: day, late: false },
            },
            { type: 'TaskCompleted', data: { completedOn: day, late: false } },
          );
        }
        taskEvents += events.length;
        await store.append({ streamId: taskStreamId(taskId), expectedVersion: 0, previousHash: null, events, metadata: metadataOf(unit) });
      });
      row('tasks', `${taskJobs.length} tasks (${taskEvents} events) in ${seconds(started).toFixed(1)} s (event store, bulk)`);

      // 5. The ten things: ten projects per committee or group, the ledger entries spread over them.
      started = performance.now();
      const projects = committees.flatMap((unit) => Array.from({ length: TEN_THINGS }, (_, i) => ({ unit, number: i + 1 })));
      let entries = 0;
      await pooled(projects, config.concurrency, async ({ unit, number }, index) => {
        const count = Math.floor(((index + 1) * config.entries) / projects.length) - Math.floor((index * config.entries) / projects.length);
        const events: NewEvent[] = [
          { type: 'TenThingsProjectOpened', data: { unitCode: unit.code, year, number, title: `第${number}件实事`, openedOn: opened } },
        ];
        for (let e = 0; e < count; e++) {
          const day = new Date(Date.UTC(year, 0, 6 + Math.floor((e * 320) / Math.max(count, 1)))).toISOString().slice(0, 10);
          events.push({
            type: 'TenThingsLedgerEntryRecorded',
            data: {
              entryId: randomUUID(),
              day,
              text: `召开专题会议研究推进第${number}件实事，形成会议纪要`,
              doneBy: [unit.head],
              recordedBy: unit.head,
              attachments: [],
              progress: Math.min(100, Math.round(((e + 1) * 100) / count)),
            },
          });
        }
        entries += count;
        await store.append({
          streamId: tenThingsStreamId(unit.code, year, number),
          expectedVersion: 0,
          previousHash: null,
          events,
          metadata: metadataOf(unit),
        });
      });
      const ledgerSeconds = seconds(started);
      row(
        'ten things ledgers',
        `${projects.length} projects, ${entries} ledger entries in ${ledgerSeconds.toFixed(1)} s = ${(entries / ledgerSeconds).toFixed(0)} entries/s (event store, bulk: one append per project)`,
      );
    }
    const obligationsYear = config.obligationsYear ?? year - 1;
    if (!config.reuse || config.obligationsYear !== undefined) {
      // 6. Dual report obligations on last year (or --obligations-year), opened on the command bus for every committee or group.
      started = performance.now();
      const admin: Principal = { personId: 'S-ADMIN', roles: ['registry_admin'], units: [] };
      let obligationsOpened = 0;
      const refused = new Map<string, number>();
      await pooled(committees, config.concurrency, async (unit) => {
        const context = commandContext(admin, { correlationId: `bench-obligations-${unit.code}` });
        try {
          const answer: { obligations: readonly CommandResponse[] } = await commands.execute(
            new OpenDualReportObligationsCommand({ unitCode: unit.code, year: obligationsYear }, context),
          );
          obligationsOpened += answer.obligations.filter((o) => o.events.length > 0).length;
        } catch (error) {
          // The city's own committee: the rule book has dual_report.due for the seed's districts only.
          if (!(error instanceof DomainError)) throw error;
          refused.set(`${unit.code} ${error.code}`, (refused.get(`${unit.code} ${error.code}`) ?? 0) + 1);
        }
      });
      if (refused.size > 0) log(`  refused: ${[...refused.keys()].join(', ')}`);
      row(
        'dual report obligations',
        `${obligationsOpened} opened for ${committees.length} committees and groups in ${seconds(started).toFixed(1)} s (command bus)`,
      );
    }
    // Wait for the sealer and the projections' seal path to reach the end of the log.
    started = performance.now();
    for (;;) {
      const { rows: lag } = await store.pool.query<{ events: string; sealed: string; behind: string }>(
        `SELECT (SELECT count(*) FROM es_events) AS events, (SELECT count(*) FROM es_seal) AS sealed,
                (SELECT count(*) FROM es_checkpoints WHERE seq < (SELECT coalesce(max(seq), 0) FROM es_seal)) AS behind`,
      );
      if (lag[0].events === lag[0].sealed && Number(lag[0].behind) === 0) {
        row('log sealed and projected', `${lag[0].events} events; waited ${seconds(started).toFixed(1)} s after the last append`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await adminQuery('VACUUM ANALYZE', service.database);
    const sizes = await dataSource.query<{ relation: string; size: string; rows: string }[]>(
      `SELECT c.relname AS relation, pg_size_pretty(pg_total_relation_size(c.oid)) AS size, c.reltuples::bigint::text AS rows
         FROM pg_class c WHERE c.relname IN ('es_events', 'resp_lists', 'resp_list_items', 'resp_tasks', 'resp_ten_things', 'resp_obligations')
        ORDER BY pg_total_relation_size(c.oid) DESC`,
    );
    log(`  tables: ${sizes.map((s) => `${s.relation} ${s.rows} rows ${s.size}`).join(', ')}`);
    const loadedRss = process.memoryUsage();
    row('RSS after load', `${mb(loadedRss.rss)} (heap used ${mb(loadedRss.heapUsed)}; service and bench in one process)`, 'aim < 300 MB');

    // The compliance snapshot, as its periodic job refreshes it every minute (the city's view reads it).
    const refreshes = new Float64Array(5);
    let snapshotUnits = 0;
    for (let i = 0; i < refreshes.length; i++) {
      const t = performance.now();
      snapshotUnits = (await app.get(ComplianceSnapshot).refresh()).units;
      refreshes[i] = performance.now() - t;
    }
    const refreshSorted = sortedCopy(refreshes);
    row(
      'compliance snapshot refresh (every minute in the service)',
      `${snapshotUnits} units; median ${ms(percentile(refreshSorted, 50))}, max ${ms(refreshSorted[refreshSorted.length - 1])} (n=${refreshes.length})`,
    );

    // 7. Views over HTTP, one request at a time.
    const auditor = service.token(['auditor'], [], 'S-AUDIT');
    const get = async (path: string, token: string): Promise<number> => {
      const t = performance.now();
      const response = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await response.arrayBuffer();
      if (response.status !== 200)
        throw new Error(`GET ${path} answered ${response.status}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
      return performance.now() - t;
    };
    const random = (n: number) => Math.floor(Math.random() * n);
    const measure = async (what: string, path: () => [string, string], aim = 'aim p99 < 100 ms') => {
      for (let i = 0; i < 5; i++) await get(...path());
      const times = new Float64Array(config.samples);
      for (let i = 0; i < config.samples; i++) times[i] = await get(...path());
      const sorted = sortedCopy(times);
      row(
        what,
        `p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted[sorted.length - 1])} (n=${config.samples})`,
        aim,
      );
    };
    const officerOf = (unit: BenchUnit) => service.token(['unit_officer'], [unit.code], unit.head);
    await measure('unit status: GET /responsibility-lists/:unit/:year (random unit, its officer)', () => {
      const unit = units[random(units.length)];
      return [`/responsibility-lists/${unit.code}/${year}`, officerOf(unit)];
    });
    await measure('unit status: GET /obligations?unit= (random unit, its officer)', () => {
      const unit = units[random(units.length)];
      return [`/obligations?unit=${unit.code}`, officerOf(unit)];
    });
    await measure('unit status: GET /compliance?unit= (random group, its officer)', () => {
      const unit = committees[random(committees.length)];
      return [`/compliance?unit=${unit.code}&year=${year}`, officerOf(unit)];
    });
    const districtCodes = units.filter((u) => u.level === 'district' && u.kind === 'party_committee').map((u) => u.division);
    await measure('district compliance: GET /compliance?jurisdiction=<district> (auditor)', () => [
      `/compliance?jurisdiction=${districtCodes[random(districtCodes.length)]}&year=${year}`,
      auditor,
    ]);
    await measure(`city-wide compliance: GET /compliance?jurisdiction=${CITY_DIVISION} (auditor, ${units.length} units)`, () => [
      `/compliance?jurisdiction=${CITY_DIVISION}&year=${year}`,
      auditor,
    ]);
    const cityCommission = service.token(['commission_officer'], ['C-JW'], 'S-C-JW-1');
    await measure(`city-wide compliance: GET /compliance?unit=C-SW (city commission officer)`, () => [
      `/compliance?unit=C-SW&year=${year}`,
      cityCommission,
    ]);
    const city = (await (
      await fetch(`${service.url}/compliance?jurisdiction=${CITY_DIVISION}&year=${year}`, {
        headers: { authorization: `Bearer ${auditor}` },
      })
    ).json()) as { totals: Record<string, number> };
    log(`  city totals: ${JSON.stringify(city.totals)}`);

    // 8. The overdue scan and the scheduler's passes over all obligations.
    const scans = new Float64Array(20);
    let toAct = 0;
    for (let i = 0; i < scans.length; i++) {
      const t = performance.now();
      toAct = (await obligationsToAct(dataSource, today)).length;
      scans[i] = performance.now() - t;
    }
    const scanSorted = sortedCopy(scans);
    const { rows: counted } = await store.pool.query<{ n: string }>('SELECT count(*) AS n FROM resp_obligations');
    row(
      'overdue scan (the scheduler’s query)',
      `${toAct} of ${counted[0].n} obligations to act on; p50 ${ms(percentile(scanSorted, 50))}, p99 ${ms(percentile(scanSorted, 99))}`,
    );
    const scheduler = app.get(ObligationScheduler);
    for (const label of ['first scheduler pass (acts on each)', 'second scheduler pass (nothing left)']) {
      const t = performance.now();
      const profile = config.profileScheduler && label.startsWith('first') ? await startProfile() : undefined;
      const pass = await scheduler.runNow();
      if (profile) log(`  CPU profile of the pass: ${await profile.stop()} (npm run bench:profile -- <file>)`);
      row(
        label,
        `${seconds(t).toFixed(2)} s: considered ${pass.considered}, warned ${pass.warned}, marked overdue ${pass.markedOverdue}`,
        'aim < 10 s',
      );
    }
    const after = process.memoryUsage();
    row(
      'RSS at the end',
      `${mb(after.rss)} (heap used ${mb(after.heapUsed)}); peak ${mb(process.resourceUsage().maxRSS * 1024)}`,
      'aim < 300 MB',
    );
  } finally {
    await service.close().catch((error: unknown) => console.error(error));
    if (config.keep) log(`kept database ${service.database}`);
    else {
      await adminQuery(`DROP DATABASE IF EXISTS ${service.database} WITH (FORCE)`);
      await adminQuery(`DROP ROLE IF EXISTS ${service.database}_svc`);
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
