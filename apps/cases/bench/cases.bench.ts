/**
 * `npm run bench:cases`: case handling at a city commission's scale (issue 11, "Scale"): about
 * 10,000 petitions and 2,000 clues a year, five years of them. The service runs in this process as
 * it runs in production (migration step as the owner, then the service as its own role) on a fresh
 * database of its own, dropped at the end. It loads:
 *
 * - the registry view: the city committee and its commission (`C-JW`, the commission every
 *   petition and clue goes to), district committees with their commissions, departments, and the
 *   people the petitions and clues are about, through the view's own projector
 *   (`applyRegistryEvent`, what the inbox consumer runs per message) in batched transactions;
 * - a sample of petitions (`--command-sample`, received in the last loaded year) registered,
 *   screened and concluded on the command bus, the real command path (sealing in the handler,
 *   registry answers, the outbox);
 * - the rest, year by year, appended in bulk through `EventStore.append`, one append per stream, so
 *   the service's inline projections build the read models as in production (no integration events):
 *   petitions (registered with the reporter, contact and content sealed with the service's own
 *   `PetitionKeyring` and `petitionFieldAad`, as `PetitionSeals` does, then sealed once more by the
 *   event store's personal-data policy; assigned, screened, concluded, reporters notified); clues
 *   (registered, reviewed, disposal proposed and approved); letter inquiries (opened, letter sent,
 *   concluded; some escalated); preliminary checks (opened, concluded: case or closed); cases
 *   (opened, concluded with findings); accountability decisions with sanctions and formalities.
 *   Ids follow the reactors' derivations (`inquiryIdOf`, `checkIdOf`), so the chain is the one the
 *   service would build; the log reactions (clue disposals, case openings, dual reports), the
 *   deadline sweeps and the petition counts job are kept out of the run, so they do not act on five
 *   years at once while measuring.
 *   Bulk due days are calendar-day approximations of the rules' working-day dates.
 *
 * One marker string is planted in the reporter, contact and content of every `--marker-every`-th
 * petition (and of some command-bus ones). After the load it measures: load time and events/s; the
 * city commission's quarterly return (the `GetReturn` query of GET /returns/{commission}/{year}-Q{n},
 * on the query bus and over HTTP) for the last loaded year's fourth quarter; a case's timeline
 * (`GetCaseTimeline`, GET /cases/{id}/timeline) for random cases; the marker scan — every table of
 * the database as text (`t::text`, as the petitions' integration test does) — with a control
 * string that must be found; and RSS.
 *
 * Options (flag or environment variable):
 *   --years=N           BENCH_YEARS      (default 5)
 *   --petitions=N       BENCH_PETITIONS  petitions a year (default 10000)
 *   --clues=N           BENCH_CLUES      clues a year (default 2000)
 *   --command-sample=N                   petitions registered on the command bus (default 200)
 *   --marker-every=N                     the marker in every N-th bulk petition (default 1000)
 *   --samples=N                          timeline requests (default 300)
 *   --return-runs=N                      return queries (default 30)
 *   --concurrency=N                      appends or commands in flight while loading (default 4)
 *   --keep=1                             keep the database
 * Connection: PGHOST, PGPORT, PGUSER, PGPASSWORD (a role that may create databases and roles); Kafka
 * at KAFKA_BROKERS (the outbox relay publishes the command-bus sample's integration events).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DynamicModule, Provider } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { RegistryEventTypes as T, type IntegrationEnvelope } from '@app/contracts';
import { chinaDay } from '@app/domain';
import { EventStore, migrateService, type EventMetadata, type NewEvent } from '@app/eventstore';
import { commandContext, DeadlineSweepService, LogReactionService } from '@app/kit';
import { createServiceApp, jwtSettings, loadConfig, MigrationEnv, mintToken, type Principal, type Role } from '@app/platform';
import { readRegistryEvent } from '@app/registry-view';
import { applyRegistryEvent } from '../../../libs/registry-view/src/registry-view.projector';
import { mb, percentile, settings, sortedCopy } from '../../../libs/eventstore/bench/bench-support';
import { adminQuery } from '../../../libs/testing/src/database';
import { decisionStreamId } from '../src/accountability/accountability.commands';
import { caseStreamId } from '../src/cases/case.commands';
import { GetCaseTimeline } from '../src/cases/case.query-handlers';
import { preliminaryCheckStreamId } from '../src/cases/preliminary-check.commands';
import { CasesEnv } from '../src/cases.env';
import { CasesModule } from '../src/cases.module';
import { clueStreamId } from '../src/clues/clue.commands';
import { checkIdOf, inquiryIdOf } from '../src/inquiries/clue-disposals.reactor';
import { inquiryStreamId } from '../src/inquiries/inquiry.commands';
import {
  AssignPetitionOfficersCommand,
  ConcludePetitionCommand,
  RegisterPetitionCommand,
  ScreenPetitionCommand,
} from '../src/petitions/petition.command-handlers';
import { petitionStreamId } from '../src/petitions/petition.commands';
import { PetitionCounts } from '../src/petitions/petition-jobs';
import { PetitionKeyring, petitionFieldAad } from '../src/petitions/petition-keyring';
import { GetReturn } from '../src/returns/return.command-handlers';

const CITY_DIVISION = '410100';
const CITY = 'C-SW';
const COMMISSION = 'C-JW';
const SECRETARY = 'S-JW-1';
const OFFICE = 'S-JW-OFFICE';
const OFFICERS = ['S-JW-2', 'S-JW-3', 'S-JW-4', 'S-JW-5'];
const DISTRICTS = 12;
const DEPARTMENTS = 40;
const PEOPLE = 1200;

interface Config {
  readonly years: number;
  readonly petitions: number;
  readonly clues: number;
  readonly commandSample: number;
  readonly markerEvery: number;
  readonly samples: number;
  readonly returnRuns: number;
  readonly concurrency: number;
  readonly keep: boolean;
}

function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Config {
  const s = settings(argv, env);
  const whole = (n: number) => Number.isInteger(n) && n > 0;
  return {
    years: s.number('years', 'BENCH_YEARS', 5, (n) => whole(n) && n <= 20),
    petitions: s.number('petitions', 'BENCH_PETITIONS', 10_000, whole),
    clues: s.number('clues', 'BENCH_CLUES', 2000, whole),
    commandSample: s.number('command-sample', '', 200, (n) => Number.isInteger(n) && n >= 0),
    markerEvery: s.number('marker-every', '', 1000, whole),
    samples: s.number('samples', '', 300, whole),
    returnRuns: s.number('return-runs', '', 30, whole),
    concurrency: s.number('concurrency', '', 4, whole),
    keep: s.get('keep', '', '0') !== '0',
  };
}

/** A small deterministic generator, so two runs of the same size load the same mix. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <V>(values: readonly V[]): V => values[Math.floor(next() * values.length)],
    chance: (p: number) => next() < p,
  };
}
type Random = ReturnType<typeof generator>;

const DAY_MS = 86_400_000;
const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const dayOfYear = (year: number, n: number): string => addDays(`${year}-01-01`, n);
const daysIn = (year: number) => (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS;

const departmentCode = (i: number) => `DEP${String(i).padStart(3, '0')}`;
const districtCommittee = (i: number) => `D${String(i + 2).padStart(2, '0')}-QW`;
const districtCommission = (i: number) => `D${String(i + 2).padStart(2, '0')}-JW`;
const person = (i: number) => `P${String(i).padStart(5, '0')}`;
/** The department a cadre works in. */
const unitOf = (staffNumber: string) => departmentCode(Number(staffNumber.slice(1)) % DEPARTMENTS);

const NAMES = ['张建国', '李卫东', '王秀兰', '刘志强', '陈晓燕', '杨海涛', '赵丽华', '黄国平'];

/** The registry's events for the bench city, in an order the view can apply. */
function registryEnvelopes(): IntegrationEnvelope[] {
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
      occurredAt: '2015-01-01T00:00:00+08:00',
      recordedAt: new Date().toISOString(),
      correlationId: 'bench-cases',
      actor: { personId: 'p-admin' },
      data,
    };
  };
  const effectiveFrom = '2015-01-01';
  const out: IntegrationEnvelope[] = [];
  const unit = (unitCode: string, name: string, kind: string, level: string, parentCode: string | null, jurisdictionCode: string) =>
    out.push(envelope(`unit-${unitCode}`, T.UnitRegistered, { unitCode, name, kind, level, parentCode, jurisdictionCode, effectiveFrom }));
  const appoint = (unitCode: string, staffNumber: string, post: string) =>
    out.push(
      envelope(`unit-${unitCode}`, T.AppointmentMade, {
        appointmentId: randomUUID(),
        unitCode,
        staffNumber,
        post,
        acting: false,
        effectiveFrom,
      }),
    );
  const pair = (unitCode: string, supervisorCode: string) =>
    out.push(
      envelope(`unit-${unitCode}`, T.UnitPaired, { unitCode, supervisorCode, supervisorKind: 'discipline_commission', effectiveFrom }),
    );
  const registerPerson = (staffNumber: string, name: string) =>
    out.push(envelope(`person-${staffNumber}`, T.PersonRegistered, { staffNumber, name }));

  unit(CITY, '中共某市委', 'party_committee', 'city', null, CITY_DIVISION);
  unit(COMMISSION, '某市纪委', 'discipline_commission', 'city', CITY, CITY_DIVISION);
  for (let i = 0; i < DISTRICTS; i++) {
    const division = `4101${String(i + 2).padStart(2, '0')}`;
    unit(districtCommittee(i), `区委${i + 1}`, 'party_committee', 'district', CITY, division);
    unit(districtCommission(i), `区纪委${i + 1}`, 'discipline_commission', 'district', districtCommittee(i), division);
  }
  for (let i = 0; i < DEPARTMENTS; i++) unit(departmentCode(i), `市直部门${i + 1}`, 'government_department', 'city', CITY, CITY_DIVISION);
  for (const staffNumber of [SECRETARY, OFFICE, ...OFFICERS]) registerPerson(staffNumber, '纪委干部');
  appoint(COMMISSION, SECRETARY, 'commission_secretary');
  for (let i = 0; i < PEOPLE; i++) registerPerson(person(i), NAMES[i % NAMES.length]);
  pair(CITY, COMMISSION);
  for (let i = 0; i < DISTRICTS; i++) pair(districtCommittee(i), districtCommission(i));
  return out;
}

/** Runs `work` over `items` with at most `concurrency` in flight; answers each item's duration in ms. */
async function pooled<V>(items: readonly V[], concurrency: number, work: (item: V, index: number) => Promise<void>): Promise<Float64Array> {
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

/**
 * The service without its log reactions, its deadline sweeps and the petition counts job: they
 * would act on five years at once while the bench measures.
 */
function benchModule(config: CasesEnv): { module: DynamicModule; leftOut: string[] } {
  const module = CasesModule.forRoot(config) as DynamicModule;
  const leftOut: string[] = [];
  const providers = (module.providers ?? []).filter((provider: Provider) => {
    const background =
      typeof provider === 'function' &&
      (provider.prototype instanceof LogReactionService ||
        provider.prototype instanceof DeadlineSweepService ||
        provider === PetitionCounts);
    if (background) leftOut.push(provider.name);
    return !background;
  });
  return { module: { ...module, providers }, leftOut };
}

/** As the platform starts it: the migration step as the owner, then the service as a role of its own; a fresh database. */
async function startService(): Promise<Service & { leftOut: string[] }> {
  const database = `cases_bench_${randomBytes(4).toString('hex')}`;
  const config = loadConfig(CasesEnv, {
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
    PETITION_KEYS: `k1:${randomBytes(16).toString('hex')}`,
    PETITION_ACTIVE_KEY: 'k1',
  });
  const { module, leftOut } = benchModule(config);
  await migrateService(
    module,
    config,
    loadConfig(MigrationEnv, {
      PG_OWNER_USER: process.env.PGUSER ?? 'postgres',
      ...(process.env.PGPASSWORD ? { PG_OWNER_PASSWORD: process.env.PGPASSWORD } : {}),
    }),
  );
  const app = await createServiceApp({ name: 'cases', module, config });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const jwt = jwtSettings(config);
  return {
    app,
    url,
    database,
    leftOut,
    token: (roles, units, sub) => mintToken({ sub, roles: [...roles], units: [...units] }, jwt),
    close: () => app.close(),
  };
}

/** One stream to append whole: its events and the metadata they share. */
interface StreamLoad {
  readonly streamId: string;
  readonly events: NewEvent[];
}

const metadata = (by: string, correlationId: string): EventMetadata => ({
  actor: { personId: by, unitId: COMMISSION },
  correlationId,
  unitId: COMMISSION,
});

/** What one year of the commission's work appends, and the cases it opened. */
interface YearLoad {
  readonly streams: StreamLoad[];
  readonly cases: string[];
  readonly markerPetitions: string[];
}

/**
 * A year of the city commission: `petitions` petitions (the reporter, contact and content sealed
 * as the handler seals them) and `clues` clues with their disposals carried through inquiries,
 * preliminary checks, cases and accountability decisions, each chain cut where its next day would
 * be after `today`.
 */
function yearOfWork(year: number, config: Config, keyring: PetitionKeyring, marker: string, today: string, random: Random): YearLoad {
  const streams: StreamLoad[] = [];
  const cases: string[] = [];
  const markerPetitions: string[] = [];
  const days = daysIn(year);
  const cadre = () => person(random.int(PEOPLE));
  const officer = () => random.pick(OFFICERS);
  const referred: { petitionId: string; on: string; subject: string }[] = [];
  let previousPetition: string | undefined;

  for (let i = 0; i < config.petitions; i++) {
    const petitionId = randomUUID();
    const receivedOn = dayOfYear(year, Math.floor((i * days) / config.petitions));
    if (receivedOn > today) break;
    const marked = i % config.markerEvery === config.markerEvery - 1;
    if (marked) markerPetitions.push(petitionId);
    const named = random.chance(0.6);
    const seal = (field: 'reporterName' | 'reporterContact' | 'content', value: string) =>
      keyring.seal(value, petitionFieldAad(petitionId, field));
    const reported = cadre();
    const events: NewEvent[] = [
      {
        type: 'PetitionRegistered',
        data: {
          petitionId,
          number: `XF-${year}-${petitionId.slice(0, 8).toUpperCase()}`,
          receivingCommission: COMMISSION,
          channel: random.pick(['letter', 'visit', 'phone', 'web', 'inspection_tour'] as const),
          named,
          ...(named
            ? {
                reporter: {
                  name: seal('reporterName', marked ? `张${marker}` : NAMES[i % NAMES.length]),
                  contact: seal('reporterContact', marked ? `电话 ${marker}` : `电话 1390000${String(i % 10000).padStart(4, '0')}`),
                },
              }
            : {}),
          content: seal(
            'content',
            marked ? `反映${marker}违规问题` : `反映${reported}在${unitOf(reported)}违规收受礼金、插手工程项目等问题，请予查处。`,
          ),
          reportedPersons: [reported],
          reportedUnits: [unitOf(reported)],
          receivedOn,
          registeredOn: receivedOn,
          registeredBy: OFFICE,
          concernsOwnLeader: false,
          ...(named ? { acceptanceNoticeDueOn: addDays(receivedOn, 21) } : {}),
        },
      },
    ];
    const on = (n: number) => addDays(receivedOn, n);
    const more = (event: NewEvent, day: string) => {
      if (day <= today) events.push(event);
      return day <= today;
    };
    const screening = { petitionId, receivingCommission: COMMISSION, by: OFFICE };
    if (more({ type: 'PetitionOfficersAssigned', data: { officers: [officer()], on: on(1), by: OFFICE } }, on(1))) {
      const roll = random.next();
      if (roll < 0.7) {
        const accepted = more({ type: 'PetitionAccepted', data: { ...screening, on: on(5) } }, on(5));
        if (accepted && named)
          more(
            { type: 'PetitionReporterNotified', data: { ...screening, notice: 'acceptance', sentOn: on(7), dueOn: on(21), late: false } },
            on(7),
          );
        const result = random.pick([
          'substantiated',
          'partly_substantiated',
          'unsubstantiated',
          'unsubstantiated',
          'referred_as_clue',
        ] as const);
        const concluded =
          accepted &&
          more(
            {
              type: 'PetitionConcluded',
              data: {
                petitionId,
                receivingCommission: COMMISSION,
                result,
                on: on(60),
                by: OFFICE,
                ...(named ? { resultNoticeDueOn: on(75) } : {}),
              },
            },
            on(60),
          );
        if (concluded) {
          if (result === 'referred_as_clue') referred.push({ petitionId, on: on(60), subject: reported });
          if (named)
            more(
              { type: 'PetitionReporterNotified', data: { ...screening, notice: 'result', sentOn: on(65), dueOn: on(75), late: false } },
              on(65),
            );
        }
      } else if (roll < 0.8) {
        more({ type: 'PetitionNotAccepted', data: { ...screening, on: on(5), reason: '不属于受理范围' } }, on(5));
      } else if (roll < 0.92) {
        more({ type: 'PetitionTransferred', data: { ...screening, on: on(5), to: districtCommission(random.int(DISTRICTS)) } }, on(5));
      } else {
        more({ type: 'PetitionMarkedRepeat', data: { ...screening, on: on(5), repeatOf: previousPetition ?? petitionId } }, on(5));
      }
    }
    streams.push({ streamId: petitionStreamId(petitionId), events });
    previousPetition = petitionId;
  }

  for (let i = 0; i < config.clues; i++) {
    const clueId = randomUUID();
    const fromPetition = referred[i];
    const registeredOn = fromPetition ? addDays(fromPetition.on, 2) : dayOfYear(year, Math.floor((i * days) / config.clues));
    if (registeredOn > today) continue;
    const first = fromPetition?.subject ?? cadre();
    const subjects = [first, ...(random.chance(0.15) ? [cadre()] : [])]
      .filter((s, index, all) => all.indexOf(s) === index)
      .map((staffNumber) => ({ staffNumber, unitCode: unitOf(staffNumber) }));
    const at = (n: number) => addDays(registeredOn, n);
    const clueEvents: NewEvent[] = [
      {
        type: 'ClueRegistered',
        data: {
          clueId,
          number: `XS-${year}-${clueId.slice(0, 8).toUpperCase()}`,
          commission: COMMISSION,
          source: fromPetition ? 'petition' : random.pick(['inspection_tour', 'audit', 'other'] as const),
          ...(fromPetition ? { petitionId: fromPetition.petitionId } : { reference: `REF-${year}-${i}` }),
          subjects,
          registeredOn,
          recordedOn: registeredOn,
          registeredBy: OFFICE,
          disposalDueOn: at(30),
        },
      },
    ];
    streams.push({ streamId: clueStreamId(clueId), events: clueEvents });
    if (at(3) > today) continue;
    clueEvents.push({
      type: 'ClueReviewed',
      data: { clueId, commission: COMMISSION, reviewedOn: at(3), participants: [SECRETARY, ...OFFICERS.slice(0, 2)], by: OFFICE },
    });
    const roll = random.next();
    const method = roll < 0.45 ? 'inquiry' : roll < 0.7 ? 'preliminary_check' : roll < 0.8 ? 'hold' : 'close';
    const approval = { rank: 'department_level', approverPosts: ['commission_secretary'] };
    if (at(7) > today) continue;
    clueEvents.push(
      { type: 'ClueDisposalProposed', data: { clueId, commission: COMMISSION, method, approval, proposedOn: at(5), by: OFFICE } },
      {
        type: 'ClueDisposalApproved',
        data: { clueId, commission: COMMISSION, method, subjects, approvedOn: at(7), approvedBy: SECRETARY },
      },
    );
    const checkOf = (checkId: string, inquiryId: string | null, checkSubjects: typeof subjects, openedOn: string) => {
      const events: NewEvent[] = [
        { type: 'PreliminaryCheckOpened', data: { checkId, commission: COMMISSION, clueId, inquiryId, subjects: checkSubjects, openedOn } },
      ];
      streams.push({ streamId: preliminaryCheckStreamId(checkId), events });
      const concludedOn = addDays(openedOn, 60);
      if (concludedOn > today) return;
      const open = random.chance(0.55);
      const caseId = open ? randomUUID() : null;
      events.push({
        type: 'PreliminaryCheckConcluded',
        data: {
          checkId,
          commission: COMMISSION,
          clueId,
          decision: open ? 'open_case' : 'close',
          caseId,
          reason: open ? '发现违纪问题，需要追究党纪责任' : '反映问题失实',
          concludedOn,
          by: officer(),
        },
      });
      if (caseId) caseOf(caseId, checkId, checkSubjects, concludedOn);
    };
    const caseOf = (caseId: string, checkId: string, caseSubjects: typeof subjects, openedOn: string) => {
      cases.push(caseId);
      const events: NewEvent[] = [
        {
          type: 'CaseOpened',
          data: { caseId, commission: COMMISSION, subjects: caseSubjects, openedOn, clueId, preliminaryCheckId: checkId },
        },
      ];
      streams.push({ streamId: caseStreamId(caseId), events });
      const concludedOn = addDays(openedOn, 90 + random.int(60));
      if (concludedOn > today) return;
      events.push({
        type: 'CaseConcluded',
        data: {
          caseId,
          commission: COMMISSION,
          concludedOn,
          findings: caseSubjects.map((s) => ({
            unitCode: s.unitCode,
            staffNumbers: [s.staffNumber],
            periodFrom: addDays(openedOn, -700),
            periodTo: addDays(openedOn, -30),
          })),
        },
      });
      for (const subject of caseSubjects) decisionOf(caseId, addDays(concludedOn, 10), { kind: 'cadre', ...subject });
      if (random.chance(0.3)) decisionOf(caseId, addDays(concludedOn, 12), { kind: 'organisation', unitCode: caseSubjects[0].unitCode });
    };
    const decisionOf = (
      caseId: string,
      decidedOn: string,
      target: { kind: 'cadre'; unitCode: string; staffNumber: string } | { kind: 'organisation'; unitCode: string },
    ) => {
      if (decidedOn > today) return;
      const decisionId = randomUUID();
      const cadreMeasures = [
        ['admonishment'],
        ['circulated_criticism'],
        ['disciplinary_sanction'],
        ['disciplinary_sanction'],
        ['organisational_adjustment', 'disciplinary_sanction'],
      ];
      const measures =
        target.kind === 'cadre' ? random.pick(cadreMeasures) : [random.pick(['inspection', 'circulated_criticism', 'reorganisation'])];
      const sanctioned = measures.includes('disciplinary_sanction');
      const events: NewEvent[] = [
        {
          type: 'AccountabilityDecided',
          data: {
            decisionId,
            commission: COMMISSION,
            caseId,
            matterId: null,
            target,
            measures,
            adjustment: measures.includes('organisational_adjustment') ? 'post_adjustment' : null,
            typical: random.chance(0.05),
            decidedOn,
            formalitiesDueOn: addDays(decidedOn, 30),
            appealUntil: addDays(decidedOn, 30),
            form: target.kind === 'cadre' ? (sanctioned ? 2 : 1) : null,
            by: officer(),
          },
        },
      ];
      if (sanctioned && target.kind === 'cadre') {
        const party = random.chance(0.7);
        const [type, months, form] = party
          ? random.pick([
              ['warning', 6, 2],
              ['serious_warning', 12, 2],
              ['removal_from_party_posts', 24, 3],
            ] as const)
          : random.pick([
              ['warning', 6, 2],
              ['demerit', 12, 2],
              ['major_demerit', 18, 2],
            ] as const);
        events.push({
          type: 'SanctionImposed',
          data: {
            decisionId,
            commission: COMMISSION,
            staffNumber: target.staffNumber,
            kind: party ? 'party' : 'administrative',
            type,
            effectiveOn: addDays(decidedOn, 3),
            impactEndsOn: addDays(addDays(decidedOn, 3), months * 30),
            impactMonths: months,
            probationYears: null,
            transferredForProsecution: false,
            form,
            imposedOn: addDays(decidedOn, 3),
            by: officer(),
          },
        });
      }
      const completedOn = addDays(decidedOn, 10);
      if (completedOn <= today)
        events.push({ type: 'AccountabilityFormalitiesCompleted', data: { decisionId, completedOn, late: false, by: officer() } });
      streams.push({ streamId: decisionStreamId(decisionId), events });
    };

    if (method === 'inquiry') {
      for (const respondent of subjects) {
        const inquiryId = inquiryIdOf(clueId, respondent.staffNumber);
        const events: NewEvent[] = [
          { type: 'InquiryOpened', data: { inquiryId, commission: COMMISSION, clueId, respondent, openedOn: at(7) } },
        ];
        streams.push({ streamId: inquiryStreamId(inquiryId), events });
        if (at(9) > today) continue;
        events.push({
          type: 'InquiryLetterSent',
          data: { inquiryId, commission: COMMISSION, sentOn: at(9), replyDueOn: at(24), by: officer() },
        });
        if (at(40) > today) continue;
        const outcome = random.pick([
          'close',
          'close',
          'close',
          'close',
          'reminder',
          'reminder',
          'education',
          'admonishment',
          'escalate',
          'escalate',
        ] as const);
        events.push({
          type: 'InquiryConcluded',
          data: {
            inquiryId,
            commission: COMMISSION,
            clueId,
            respondent,
            outcome,
            reason: outcome === 'escalate' ? '说明不清，需要初步核实' : '说明属实，予以了结',
            concludedOn: at(40),
            by: officer(),
          },
        });
        if (outcome === 'escalate') checkOf(checkIdOf({ inquiryId }), inquiryId, [respondent], at(40));
      }
    } else if (method === 'preliminary_check') {
      checkOf(checkIdOf({ clueId }), null, subjects, at(7));
    }
  }
  return { streams, cases, markerPetitions };
}

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2), process.env);
  const today = chinaDay(new Date());
  const lastYear = Number(today.slice(0, 4)) - 1;
  const firstYear = lastYear - config.years + 1;
  const quarter = `${lastYear}-Q4`;
  const log = (line: string) => console.log(line);
  const [load1, load5, load15] = (await import('node:os')).loadavg();
  log(
    `cases bench — ${new Date().toISOString()}, today ${today}; ${config.years} years (${firstYear}–${lastYear}) of ${config.petitions} petitions and ${config.clues} clues a year; node ${process.version}, ${process.execArgv.join(' ') || 'no flags'}; load average ${load1.toFixed(2)} ${load5.toFixed(2)} ${load15.toFixed(2)}`,
  );
  const rssAtStart = process.memoryUsage().rss;

  let started = performance.now();
  const service = await startService();
  log(
    `service: started in this process on a fresh database ${service.database} (${seconds(started).toFixed(1)} s, migrations included); left out of the run: ${service.leftOut.join(', ')}`,
  );
  const row = (what: string, value: string, aim = '') => log(`  ${what}: ${value}${aim ? ` (${aim})` : ''}`);
  row('RSS before the load', mb(process.memoryUsage().rss), `at start ${mb(rssAtStart)}`);
  try {
    const app = service.app;
    const dataSource = app.get(DataSource);
    const store = app.get(EventStore);
    const commands = app.get(CommandBus);
    const queries = app.get(QueryBus);
    const keyring = app.get(PetitionKeyring);
    const marker = `MARKER${randomBytes(8).toString('hex')}`;

    // 1. The registry view, through its projector.
    started = performance.now();
    const envelopes = registryEnvelopes();
    for (let i = 0; i < envelopes.length; i += 1000) {
      await dataSource.transaction(async (manager) => {
        for (const envelope of envelopes.slice(i, i + 1000)) {
          const outcome = readRegistryEvent(envelope);
          if ('skipped' in outcome) throw new Error(`registry event skipped: ${outcome.skipped}`);
          await applyRegistryEvent(manager, outcome.event, envelope.streamVersion);
        }
      });
    }
    row(
      'registry view loaded directly',
      `${envelopes.length} registry events (${DISTRICTS} districts, ${DEPARTMENTS} departments, ${PEOPLE} people) in ${seconds(started).toFixed(1)} s (the view's projector, no Kafka)`,
    );

    // 2. A sample of petitions on the command bus: registered (sealed in the handler), assigned, accepted, concluded.
    const loadStarted = performance.now();
    const markerPetitions: string[] = [];
    if (config.commandSample > 0) {
      started = performance.now();
      const office: Principal = { personId: OFFICE, roles: ['commission_officer'], units: [COMMISSION] };
      const sample = Array.from({ length: config.commandSample }, (_, i) => i);
      const timed = await pooled(sample, config.concurrency, async (i) => {
        const context = () => commandContext(office, { correlationId: `bench-petition-${i}` });
        const reported = person(i % PEOPLE);
        const marked = i % 50 === 0;
        const { petitionId } = await commands.execute(
          new RegisterPetitionCommand(
            {
              receivingCommission: COMMISSION,
              channel: 'letter',
              named: true,
              reporterName: marked ? `张${marker}` : NAMES[i % NAMES.length],
              reporterContact: marked ? `电话 ${marker}` : '电话 13900000000',
              content: marked ? `反映${marker}违规问题` : `反映${reported}违规问题`,
              reportedPersons: [reported],
              reportedUnits: [unitOf(reported)],
              receivedOn: dayOfYear(lastYear, Math.floor((i * 360) / config.commandSample)),
            },
            context(),
          ),
        );
        if (marked) markerPetitions.push(petitionId);
        await commands.execute(new AssignPetitionOfficersCommand({ petitionId, officers: [OFFICERS[i % OFFICERS.length]] }, context()));
        await commands.execute(new ScreenPetitionCommand({ petitionId, outcome: 'accepted' }, context()));
        await commands.execute(new ConcludePetitionCommand({ petitionId, result: 'unsubstantiated' }, context()));
      });
      const sorted = sortedCopy(timed);
      row(
        'petitions on the command bus (sample)',
        `${config.commandSample} petitions × 4 commands in ${seconds(started).toFixed(1)} s; per petition p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}`,
      );
    }

    // 3. Five years in bulk, year by year, one append per stream.
    let events = 0;
    let appends = 0;
    const cases: string[] = [];
    const random = generator(20_261_206);
    for (let year = firstYear; year <= lastYear; year++) {
      started = performance.now();
      const work = yearOfWork(year, config, keyring, marker, today, random);
      const generated = seconds(started);
      started = performance.now();
      let yearEvents = 0;
      await pooled(work.streams, config.concurrency, async ({ streamId, events: stream }) => {
        await store.append({
          streamId,
          expectedVersion: 0,
          previousHash: null,
          events: stream,
          metadata: metadata(OFFICE, `bench-${streamId}`),
        });
        yearEvents += stream.length;
      });
      const took = seconds(started);
      events += yearEvents;
      appends += work.streams.length;
      cases.push(...work.cases);
      markerPetitions.push(...work.markerPetitions);
      row(
        `year ${year}`,
        `${work.streams.length} streams, ${yearEvents} events (${work.cases.length} cases) appended in ${took.toFixed(1)} s = ${(yearEvents / took).toFixed(0)} events/s (generated and sealed in ${generated.toFixed(1)} s)`,
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
    const loadSeconds = seconds(loadStarted);
    row(
      'load',
      `${events} events in ${appends} bulk appends (+ the command-bus sample) in ${loadSeconds.toFixed(1)} s = ${(events / loadSeconds).toFixed(0)} events/s overall, sealing included`,
    );
    await adminQuery('VACUUM ANALYZE', service.database);
    const sizes = await dataSource.query<{ relation: string; size: string; rows: string }[]>(
      `SELECT c.relname AS relation, pg_size_pretty(pg_total_relation_size(c.oid)) AS size, c.reltuples::bigint::text AS rows
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND n.nspname = 'public' AND c.reltuples > 0
        ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 12`,
    );
    log(`  largest tables: ${sizes.map((s) => `${s.relation} ${s.rows} rows ${s.size}`).join(', ')}`);
    const loaded = process.memoryUsage();
    row('RSS after load', `${mb(loaded.rss)} (heap used ${mb(loaded.heapUsed)}; service and bench in one process)`);

    // 4. The quarterly return of the city commission: the query GET /returns/{commission}/{quarter} runs.
    const auditor: Principal = { personId: 'S-AUDIT', roles: ['auditor'], units: [] };
    const auditorToken = service.token(['auditor'], [], 'S-AUDIT');
    const timedRuns = async (runs: number, once: () => Promise<unknown>): Promise<Float64Array> => {
      for (let i = 0; i < 3; i++) await once();
      const times = new Float64Array(runs);
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await once();
        times[i] = performance.now() - t;
      }
      return sortedCopy(times);
    };
    const verdict = (value: number, aim: number) =>
      `aim ${aim >= 1000 ? `${aim / 1000} s` : `${aim} ms`}: ${value < aim ? 'met' : 'NOT met'}`;
    const returnView = await queries.execute(new GetReturn({ commission: COMMISSION, quarter }, auditor));
    log(`  return ${COMMISSION} ${quarter}: ${JSON.stringify(returnView.figures)}`);
    const returnTimes = await timedRuns(config.returnRuns, () =>
      queries.execute(new GetReturn({ commission: COMMISSION, quarter }, auditor)),
    );
    row(
      `quarterly return ${COMMISSION} ${quarter} (GetReturn on the query bus)`,
      `p50 ${ms(percentile(returnTimes, 50))}, p99 ${ms(percentile(returnTimes, 99))}, max ${ms(returnTimes[returnTimes.length - 1])} (n=${config.returnRuns})`,
      verdict(percentile(returnTimes, 99), 2000),
    );
    const get = async (path: string): Promise<void> => {
      const response = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${auditorToken}` } });
      const body = await response.arrayBuffer();
      if (response.status !== 200)
        throw new Error(`GET ${path} answered ${response.status}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
    };
    const returnHttp = await timedRuns(config.returnRuns, () => get(`/returns/${COMMISSION}/${quarter}`));
    row(
      `quarterly return over HTTP: GET /returns/${COMMISSION}/${quarter} (auditor)`,
      `p50 ${ms(percentile(returnHttp, 50))}, p99 ${ms(percentile(returnHttp, 99))} (n=${config.returnRuns})`,
      verdict(percentile(returnHttp, 99), 2000),
    );

    // 5. A case's timeline, random cases.
    if (cases.length > 0) {
      const randomCase = () => cases[Math.floor(Math.random() * cases.length)];
      let entries = 0;
      const timeline = await timedRuns(config.samples, async () => {
        const answer = await queries.execute(new GetCaseTimeline({ caseId: randomCase() }, auditor));
        entries += answer.events.length;
      });
      row(
        `case timeline (GetCaseTimeline on the query bus, random of ${cases.length} cases)`,
        `p50 ${ms(percentile(timeline, 50))}, p99 ${ms(percentile(timeline, 99))}, max ${ms(timeline[timeline.length - 1])} (n=${config.samples}, ${(entries / (config.samples + 3)).toFixed(1)} events each on average)`,
        verdict(percentile(timeline, 99), 50),
      );
      const timelineHttp = await timedRuns(config.samples, () => get(`/cases/${randomCase()}/timeline`));
      row(
        'case timeline over HTTP: GET /cases/{id}/timeline (auditor)',
        `p50 ${ms(percentile(timelineHttp, 50))}, p99 ${ms(percentile(timelineHttp, 99))} (n=${config.samples})`,
        verdict(percentile(timelineHttp, 99), 50),
      );
    }

    // 6. The marker scan: every table of the database as text.
    started = performance.now();
    const { rows: tables } = await store.pool.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    const control = markerPetitions[0] ?? '';
    let scanned = 0;
    const withMarker: string[] = [];
    const withControl: string[] = [];
    for (const { schema, name } of tables) {
      const { rows } = await store.pool.query<{ n: string; marker: string; control: string }>(
        `SELECT count(*) AS n, count(*) FILTER (WHERE strpos(t::text, $1) > 0) AS marker,
                count(*) FILTER (WHERE $2 <> '' AND strpos(t::text, $2) > 0) AS control
           FROM "${schema}"."${name}" t`,
        [marker, control],
      );
      scanned += Number(rows[0].n);
      if (Number(rows[0].marker) > 0) withMarker.push(`${schema}.${name}`);
      if (Number(rows[0].control) > 0) withControl.push(`${schema}.${name}`);
    }
    row(
      'marker scan (every table, every row as text)',
      `${tables.length} tables, ${scanned} rows in ${seconds(started).toFixed(1)} s; marker planted in ${markerPetitions.length} petitions: ${
        withMarker.length === 0 ? 'found nowhere' : `FOUND in ${withMarker.join(', ')}`
      }; control (a marked petition's id) found in ${withControl.join(', ') || 'NOWHERE — the scan is broken'}`,
      `the marker must be found nowhere and the control somewhere: ${withMarker.length === 0 && withControl.length > 0 ? 'met' : 'NOT met'}`,
    );
    if (withMarker.length > 0 || withControl.length === 0) process.exitCode = 1;

    const after = process.memoryUsage();
    row('RSS at the end', `${mb(after.rss)} (heap used ${mb(after.heapUsed)}); peak ${mb(process.resourceUsage().maxRSS * 1024)}`);
    const [end1, end5, end15] = (await import('node:os')).loadavg();
    log(`  load average at the end: ${end1.toFixed(2)} ${end5.toFixed(2)} ${end15.toFixed(2)}`);
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
