import { randomBytes, randomUUID } from 'node:crypto';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { RegistryEventTypes as T, type IntegrationEnvelope } from '@app/contracts';
import { connectInbox } from '@app/kit';
import { createKafka } from '@app/messaging';
import { createLogger, ServiceEnv } from '@app/platform';
import { startTestApp, type TestApp } from '@app/testing';
import { isKeyValidOn } from './person-history';
import { RegistryView } from './registry-view';
import { registryViewHostModule } from './testing/registry-view-host';

/**
 * A small host service with the registry view, fed registry-shaped envelopes over the real broker
 * and answering from the real PostgreSQL. The topic is this file's own, so a fresh group reads only
 * this run's history; the cross-check against the running registry is test/registry-view.int-spec.ts.
 */

const RUN = randomBytes(3).toString('hex').toUpperCase();
const TOPIC = `registry.events.v1.t${RUN.toLowerCase()}`;
const code = (name: string) => `${name}-${RUN}`;
const staff = (name: string) => `S-${name}-${RUN}`;
const A = (n: number) => `00000000-0000-4000-8000-${RUN.toLowerCase()}${String(n).padStart(6, '0')}`;

@Controller('view')
class ViewController {
  constructor(private readonly view: RegistryView) {}

  @Get('units/:code')
  unit(@Param('code') unitCode: string, @Query('on') day: string) {
    return this.view.unitOn(unitCode, day);
  }
}

interface Host {
  readonly app: TestApp<ServiceEnv>;
  readonly view: RegistryView;
  readonly logs: string[];
  readonly groupId: string;
}

async function startHost(): Promise<Host> {
  const logs: string[] = [];
  const app = await startTestApp({
    name: 'rv-host',
    env: ServiceEnv,
    module: () => registryViewHostModule('rv-host', [ViewController]),
    logger: createLogger('rv-host', 'info', { write: (line: string) => void logs.push(line) }),
  });
  const groupId = `rv-host-${randomUUID().slice(0, 8)}`;
  const record = (message: string, fields?: object) => void logs.push(JSON.stringify({ message, ...fields }));
  await connectInbox(app.app, {
    groupId,
    topics: [TOPIC],
    sessionTimeout: 10_000,
    heartbeatInterval: 1000,
    maxWaitTimeInMs: 200,
    logger: { info: record, warn: record, error: record },
  });
  await app.app.startAllMicroservices();
  return { app, view: app.app.get(RegistryView), logs, groupId };
}

/** Waits until /metrics shows the host's group with no lag on any partition of the topic. */
async function caughtUp(host: Host, timeoutMs = 30_000): Promise<void> {
  const line = new RegExp(
    `^kafka_consumer_lag_messages\\{[^}]*group="${host.groupId}"[^}]*topic="${TOPIC.replace(/\./g, '\\.')}"[^}]*\\} (\\d+)$`,
    'gm',
  );
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const { body } = await host.app.request('GET', '/metrics');
    const lags = [...String(body).matchAll(line)].map((match) => Number(match[1]));
    if (lags.length === 3 && lags.every((lag) => lag === 0)) return;
  }
  throw new Error(`host ${host.groupId} did not catch up within ${timeoutMs} ms`);
}

const versions = new Map<string, number>();
function envelope(streamId: string, type: string, version: number, data: object, occurredAt?: string): IntegrationEnvelope {
  const streamVersion = (versions.get(streamId) ?? 0) + 1;
  versions.set(streamId, streamVersion);
  const effective = (data as { effectiveFrom?: string }).effectiveFrom;
  return {
    envelopeVersion: 2,
    id: randomUUID(),
    type,
    version,
    source: 'org-registry',
    streamId,
    streamVersion,
    position: 0,
    topicSequence: 0,
    payloadHash: '',
    eventHash: '',
    occurredAt: occurredAt ?? (effective ? `${effective}T00:00:00+08:00` : new Date().toISOString()),
    recordedAt: new Date().toISOString(),
    correlationId: `c-${RUN}`,
    actor: { personId: 'p-admin' },
    data,
  };
}

const unit = (name: string, data: { name: string; kind: string; level: string; parent: string | null; from: string }) =>
  envelope(`unit-${code(name)}`, T.UnitRegistered, 1, {
    unitCode: code(name),
    name: data.name,
    kind: data.kind,
    level: data.level,
    parentCode: data.parent && code(data.parent),
    jurisdictionCode: '410105',
    effectiveFrom: data.from,
  });
const appointed = (unitName: string, n: number, who: string, post: string, from: string) =>
  envelope(`unit-${code(unitName)}`, T.AppointmentMade, 1, {
    appointmentId: A(n),
    unitCode: code(unitName),
    staffNumber: staff(who),
    post,
    acting: false,
    effectiveFrom: from,
  });
const person = (who: string, name: string) => envelope(`person-${staff(who)}`, T.PersonRegistered, 1, { staffNumber: staff(who), name });

async function publish(messages: readonly IntegrationEnvelope[]): Promise<void> {
  const producer = createKafka({ clientId: `rv-test-${RUN}` }).producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic: TOPIC, messages: messages.map((m) => ({ key: m.streamId, value: JSON.stringify(m) })) });
  } finally {
    await producer.disconnect();
  }
}

const KEY = 'a'.repeat(64);
const oldLeaderMade = appointed('DIST', 3, 'OLD', 'principal_leader', '2020-01-01');

/** The history: a city and a district committee with their commissions, a department moved between committees, people and a key. */
const HISTORY: IntegrationEnvelope[] = [
  unit('CITY', { name: '中共郑州市委', kind: 'party_committee', level: 'city', parent: null, from: '2020-01-01' }),
  unit('CITY-JW', { name: '郑州市纪委', kind: 'discipline_commission', level: 'city', parent: 'CITY', from: '2020-01-01' }),
  envelope(`unit-${code('CITY')}`, T.UnitPaired, 1, {
    unitCode: code('CITY'),
    supervisorCode: code('CITY-JW'),
    supervisorKind: 'discipline_commission',
    effectiveFrom: '2020-01-01',
  }),
  appointed('CITY', 1, 'CITY', 'principal_leader', '2020-01-01'),
  appointed('CITY-JW', 2, 'CJW', 'commission_secretary', '2020-01-01'),
  unit('DIST', { name: '中共金水区委', kind: 'party_committee', level: 'district', parent: 'CITY', from: '2020-01-01' }),
  unit('DIST-JW', { name: '金水区纪委', kind: 'discipline_commission', level: 'district', parent: 'DIST', from: '2020-01-01' }),
  unit('OTHER', { name: '中共二七区委', kind: 'party_committee', level: 'district', parent: 'CITY', from: '2020-01-01' }),
  envelope(`unit-${code('DIST')}`, T.UnitPaired, 1, {
    unitCode: code('DIST'),
    supervisorCode: code('DIST-JW'),
    supervisorKind: 'discipline_commission',
    effectiveFrom: '2020-01-01',
  }),
  envelope(`unit-${code('DIST')}`, T.UnitRenamed, 1, {
    unitCode: code('DIST'),
    name: '中共金水区委员会',
    previousName: '中共金水区委',
    effectiveFrom: '2024-07-01',
  }),
  oldLeaderMade,
  envelope(`unit-${code('DIST')}`, T.AppointmentEnded, 1, {
    appointmentId: A(3),
    unitCode: code('DIST'),
    staffNumber: staff('OLD'),
    post: 'principal_leader',
    effectiveTo: '2024-12-31',
    reason: 'transferred',
  }),
  appointed('DIST', 4, 'NEW', 'principal_leader', '2025-01-01'),
  appointed('DIST', 5, 'MEM', 'team_member', '2020-01-01'),
  appointed('DIST-JW', 6, 'DJW', 'commission_secretary', '2020-01-01'),
  unit('EDU', { name: '金水区教育局', kind: 'government_department', level: 'department', parent: 'DIST', from: '2021-01-01' }),
  appointed('EDU', 7, 'EDU', 'department_head', '2021-01-01'),
  envelope(`unit-${code('DIST')}`, T.PortfolioAssigned, 1, {
    appointmentId: A(5),
    unitCode: code('DIST'),
    staffNumber: staff('MEM'),
    coveredUnitCodes: [code('EDU')],
    effectiveFrom: '2023-01-01',
  }),
  envelope(`unit-${code('DIST')}`, T.PortfolioEnded, 1, {
    appointmentId: A(5),
    unitCode: code('DIST'),
    staffNumber: staff('MEM'),
    effectiveTo: '2025-12-31',
  }),
  envelope(`unit-${code('EDU')}`, T.UnitMoved, 1, {
    unitCode: code('EDU'),
    parentCode: code('OTHER'),
    previousParentCode: code('DIST'),
    effectiveFrom: '2026-01-01',
  }),
  person('OLD', '王旧'),
  person('NEW', '李新'),
  person('MEM', '赵成员'),
  person('EDU', '钱局长'),
  // Version 1 has no date: 16:30 UTC on 28 February is 1 March in Beijing.
  envelope(`person-${staff('NEW')}`, T.PersonRenamed, 1, { staffNumber: staff('NEW'), name: '李新民' }, '2025-02-28T16:30:00Z'),
  envelope(`person-${staff('NEW')}`, T.PersonRenamed, 2, { staffNumber: staff('NEW'), name: '李欣', effectiveFrom: '2025-06-01' }),
  envelope(`person-${staff('NEW')}`, T.SigningKeyRegistered, 1, {
    staffNumber: staff('NEW'),
    algorithm: 'ed25519',
    publicKey: KEY,
    fingerprint: `fp-${RUN}`,
    effectiveFrom: '2025-01-01',
  }),
  envelope(`person-${staff('NEW')}`, T.SigningKeyRevoked, 1, {
    staffNumber: staff('NEW'),
    fingerprint: `fp-${RUN}`,
    effectiveFrom: '2025-06-01',
    reason: 'compromised',
  }),
  envelope(`person-${staff('MEM')}`, T.RelationDeclared, 1, {
    relationId: A(90),
    staffNumber: staff('MEM'),
    kind: 'kinship',
    unitCode: code('EDU'),
    effectiveFrom: '2022-01-01',
    effectiveTo: null,
  }),
  envelope(`person-${staff('MEM')}`, T.RelationWithdrawn, 1, { relationId: A(90), staffNumber: staff('MEM'), effectiveTo: '2024-12-31' }),
  // What this library does not know yet: a new type, and a newer version of a known one.
  envelope(`unit-${code('EDU')}`, 'registry.UnitMerged', 1, { unitCode: code('EDU'), into: code('OTHER') }),
  envelope(`unit-${code('EDU')}`, T.UnitRenamed, 9, { unitCode: code('EDU'), label: { zh: '教体局' } }),
  // After both, the same stream goes on: the consumer was not stopped by them.
  envelope(`unit-${code('EDU')}`, T.UnitRenamed, 1, {
    unitCode: code('EDU'),
    name: '金水区教育体育局',
    previousName: '金水区教育局',
    effectiveFrom: '2024-03-01',
  }),
];

describe('registry view: the registry as of any day, fed by its integration events', () => {
  let host: Host;

  beforeAll(async () => {
    host = await startHost();
    await publish(HISTORY);
    await caughtUp(host);
  });
  afterAll(() => host?.app.close());

  test('a unit has the name, parent and jurisdiction it had on the day; not before it existed', async () => {
    expect(await host.view.unitOn(code('DIST'), '2024-06-30')).toEqual({
      code: code('DIST'),
      name: '中共金水区委',
      kind: 'party_committee',
      level: 'district',
      parentCode: code('CITY'),
      jurisdictionCode: '410105',
    });
    expect((await host.view.unitOn(code('DIST'), '2024-07-01'))?.name).toBe('中共金水区委员会');
    expect((await host.view.unitOn(code('EDU'), '2025-12-31'))?.parentCode).toBe(code('DIST'));
    expect((await host.view.unitOn(code('EDU'), '2026-01-01'))?.parentCode).toBe(code('OTHER'));
    expect(await host.view.unitOn(code('EDU'), '2020-12-31')).toBeUndefined();
  });

  test('the holder of a post is the one appointed on the day: the old secretary to the last day, the new one after', async () => {
    expect((await host.view.holdersOn(code('DIST'), 'principal_leader', '2024-12-31')).map((h) => h.staffNumber)).toEqual([staff('OLD')]);
    expect(await host.view.principalLeaderOn(code('DIST'), '2025-01-01')).toEqual({
      staffNumber: staff('NEW'),
      post: 'principal_leader',
      acting: false,
      appointmentId: A(4),
      from: '2025-01-01',
    });
    expect((await host.view.teamOn(code('DIST'), '2024-06-01')).map((m) => [m.staffNumber, m.coveredUnitCodes])).toEqual([
      [staff('OLD'), []],
      [staff('MEM'), [code('EDU')]],
    ]);
    expect((await host.view.postsHeldOn(staff('OLD'), '2025-01-01')).length).toBe(0);
    expect(await host.view.pairedCommissionOn(code('DIST'), '2024-01-01')).toMatchObject({ supervisorCode: code('DIST-JW') });
  });

  test('portfolios say who was in charge of a unit on the day, and of what a person was in charge', async () => {
    expect((await host.view.inChargeOf(code('EDU'), '2024-01-01')).map((p) => [p.staffNumber, p.unitCode])).toEqual([
      [staff('MEM'), code('DIST')],
    ]);
    expect(await host.view.inChargeOf(code('EDU'), '2022-12-31')).toEqual([]);
    expect((await host.view.portfoliosOn(staff('MEM'), '2025-12-31')).map((p) => [p.coveredUnitCodes, p.portfolioTo])).toEqual([
      [[code('EDU')], '2025-12-31'],
    ]);
    expect(await host.view.portfoliosOn(staff('MEM'), '2026-01-01')).toEqual([]);
  });

  test('the responsibility chain follows the parent, the holders and the portfolios of the day', async () => {
    const chain = await host.view.responsibilityChainOn(code('EDU'), '2025-06-01');
    expect(chain).toMatchObject({
      unit: { code: code('EDU'), name: '金水区教育体育局', head: { staffNumber: staff('EDU') } },
      responsible: {
        committee: { code: code('DIST'), name: '中共金水区委员会', principalLeader: { staffNumber: staff('NEW') } },
        commission: { code: code('DIST-JW'), secretary: { staffNumber: staff('DJW') } },
      },
      inCharge: [{ staffNumber: staff('MEM'), unitCode: code('DIST') }],
      higher: { committee: { code: code('CITY') }, commission: { code: code('CITY-JW'), secretary: { staffNumber: staff('CJW') } } },
    });
    const afterMove = await host.view.responsibilityChainOn(code('EDU'), '2026-01-01');
    expect(afterMove).toMatchObject({
      responsible: { committee: { code: code('OTHER'), principalLeader: null }, commission: null },
      inCharge: [],
    });
    expect(await host.view.responsibilityChainOn(code('EDU'), '2020-06-01')).toBeUndefined();
  });

  test('a person bears the registered name, then a v1 rename from its Beijing day, then a dated v2 rename', async () => {
    expect((await host.view.personOn(staff('NEW'), '2025-02-28')).name).toBe('李新');
    expect((await host.view.personOn(staff('NEW'), '2025-03-01')).name).toBe('李新民');
    expect((await host.view.personOn(staff('NEW'), '2025-06-01')).name).toBe('李欣');
  });

  test('a signing key is valid from its day until its revocation, and is found by fingerprint with that validity', async () => {
    expect((await host.view.keysValidOn(staff('NEW'), '2025-05-31')).map((k) => k.fingerprint)).toEqual([`fp-${RUN}`]);
    expect(await host.view.keysValidOn(staff('NEW'), '2025-06-01')).toEqual([]);
    const key = await host.view.keyByFingerprint(`fp-${RUN}`);
    expect(key).toEqual({
      staffNumber: staff('NEW'),
      algorithm: 'ed25519',
      publicKey: KEY,
      fingerprint: `fp-${RUN}`,
      from: '2025-01-01',
      revokedFrom: '2025-06-01',
      revocationReason: 'compromised',
    });
    expect([isKeyValidOn(key!, '2025-05-31'), isKeyValidOn(key!, '2025-06-01')]).toEqual([true, false]);
    expect(await host.view.keyByFingerprint(`fp-unknown-${RUN}`)).toBeUndefined();
  });

  test('a declared relation holds until it is withdrawn', async () => {
    expect((await host.view.relationsOn(staff('MEM'), '2024-12-31')).map((r) => r.unitCode)).toEqual([code('EDU')]);
    expect(await host.view.relationsOn(staff('MEM'), '2025-01-01')).toEqual([]);
  });

  test('an unknown type and an unknown version are skipped with a log line, and the stream goes on', () => {
    expect(host.logs.some((line) => line.includes('no handler for message') && line.includes('registry.UnitMerged'))).toBe(true);
    expect(host.logs.some((line) => line.includes('registry view skips: unknown version 9 of registry.UnitRenamed'))).toBe(true);
  });

  test('a unit or person the view never saw is REGISTRY.NOT_CAUGHT_UP, rendered as 409; a bad day is 422', async () => {
    await expect(host.view.holdersOn(code('NEVER'), 'principal_leader', '2025-01-01')).rejects.toMatchObject({
      code: 'REGISTRY.NOT_CAUGHT_UP',
      kind: 'conflict',
    });
    await expect(host.view.personOn(staff('NEVER'), '2025-01-01')).rejects.toMatchObject({ code: 'REGISTRY.NOT_CAUGHT_UP' });
    const token = host.app.token(['unit_officer']);
    const unknown = await host.app.request('GET', `/view/units/${code('NEVER')}?on=2025-01-01`, { token });
    expect([unknown.status, unknown.body.code]).toEqual([409, 'REGISTRY.NOT_CAUGHT_UP']);
    expect(unknown.body.detail).toContain('registry view has not caught up');
    const badDay = await host.app.request('GET', `/view/units/${code('DIST')}?on=2025-02-30`, { token });
    expect([badDay.status, badDay.body.code]).toEqual([422, 'DATE.INVALID']);
  });

  test('a redelivered message and a repeated fact change nothing', async () => {
    const closedBefore = await host.view.holdersOn(code('DIST'), 'principal_leader', '2024-12-31');
    // The old appointment again after its end: the same message (deduped by the inbox) and the same fact under a new id.
    await publish([oldLeaderMade, { ...oldLeaderMade, id: randomUUID() }]);
    await caughtUp(host);
    expect(await host.view.holdersOn(code('DIST'), 'principal_leader', '2024-12-31')).toEqual(closedBefore);
    expect((await host.view.holdersOn(code('DIST'), 'principal_leader', '2025-06-01')).map((h) => h.staffNumber)).toEqual([staff('NEW')]);
  });

  test('a new service reading the topic from the beginning answers the same', async () => {
    const fresh = await startHost();
    try {
      await caughtUp(fresh);
      for (const day of ['2022-06-01', '2024-12-31', '2025-06-01', '2026-01-01']) {
        expect(await fresh.view.responsibilityChainOn(code('EDU'), day)).toEqual(await host.view.responsibilityChainOn(code('EDU'), day));
        expect(await fresh.view.teamOn(code('DIST'), day)).toEqual(await host.view.teamOn(code('DIST'), day));
        expect(await fresh.view.keysValidOn(staff('NEW'), day)).toEqual(await host.view.keysValidOn(staff('NEW'), day));
      }
    } finally {
      await fresh.app.close();
    }
  });
});
