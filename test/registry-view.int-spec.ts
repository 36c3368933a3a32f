import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Admin } from 'kafkajs';
import { DataSource } from 'typeorm';
import { REGISTRY_TOPIC } from '@app/contracts';
import { chinaDay } from '@app/domain';
import { connectInbox } from '@app/kit';
import { createKafka } from '@app/messaging';
import { ServiceEnv } from '@app/platform';
import { RegistryView } from '@app/registry-view';
import { startTestApp, type TestApp } from '@app/testing';
import { runCodes, startRegistry, type RegistryUnderTest } from '../apps/org-registry/test/registry-test-app';
import { registryViewHostModule } from '../libs/registry-view/src/testing/registry-view-host';

/**
 * The registry view inside another service, cross-checked against the registry itself: a history
 * driven through the registry's HTTP API reaches the view over `registry.events.v1`, and the view's
 * as-of answers equal the registry's own for past and present days.
 */

const { code } = runCodes();
const TODAY = chinaDay(new Date());
const DAYS = ['2021-06-01', '2024-06-30', '2025-06-30', '2025-07-01', '2025-09-01', TODAY];

/** Drops the `name` the registry puts beside every holder (its latest name): the view's chain is the unnamed one. */
function withoutNames<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNames) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([key]) => !(key === 'name' && 'staffNumber' in value));
  return Object.fromEntries(entries.map(([key, item]) => [key, withoutNames(item)])) as T;
}

const holderFields = ({ staffNumber, post, acting, appointmentId, from, to }: Record<string, unknown>) => ({
  staffNumber,
  post,
  acting,
  appointmentId,
  from,
  ...(to === undefined ? {} : { to }),
});

describe('registry view cross-checked against the running registry', () => {
  let registry: RegistryUnderTest;
  let host: TestApp<ServiceEnv>;
  let view: RegistryView;
  let admin: Admin;
  const groupId = `rv-crosscheck-${randomUUID().slice(0, 8)}`;
  let fingerprint: string;

  const ok = async (response: Promise<{ status: number; body: any }>, status = 200) => {
    const { status: actual, body } = await response;
    expect([actual, actual === status ? 'ok' : body]).toEqual([status, 'ok']);
    return body;
  };
  const post = (path: string, body: unknown) => registry.post(path, body);
  const unit = (
    key: string,
    name: string,
    kind: string,
    level: string,
    parent: string | null,
    jurisdictionCode: string,
    effectiveFrom = '2020-01-01',
  ) =>
    ok(
      post('/units', {
        code: code(key),
        name,
        kind,
        level,
        ...(parent ? { parentCode: code(parent) } : {}),
        jurisdictionCode,
        effectiveFrom,
      }),
      201,
    );
  const appoint = async (unitName: string, staff: string, postKind: string, effectiveFrom: string): Promise<string> =>
    (await ok(post(`/units/${code(unitName)}/appointments`, { staffNumber: code(staff), post: postKind, effectiveFrom }), 201))
      .appointmentId;

  /** The registry has published all it recorded, and the view's group has consumed the topic up to there. */
  async function viewCaughtUp(timeoutMs = 150_000): Promise<void> {
    const started = Date.now();
    const registryDb = registry.app.app.get(DataSource);
    while ((await registryDb.query('SELECT 1 FROM es_outbox WHERE published_at IS NULL LIMIT 1')).length > 0) {
      if (Date.now() - started > timeoutMs) throw new Error('the registry did not publish its outbox');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ends = await admin.fetchTopicOffsets(REGISTRY_TOPIC);
    for (;;) {
      const [{ partitions }] = await admin.fetchOffsets({ groupId, topics: [REGISTRY_TOPIC] });
      const behind = ends.filter((end) => Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1) < Number(end.high));
      if (behind.length === 0) return;
      if (Date.now() - started > timeoutMs) throw new Error(`the view is still behind on partitions ${behind.map((p) => p.partition)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  beforeAll(async () => {
    registry = await startRegistry();
    host = await startTestApp({ name: 'rv-crosscheck', env: ServiceEnv, module: () => registryViewHostModule('rv-crosscheck') });
    admin = createKafka({ clientId: `rv-crosscheck-admin` }).admin();
    await admin.connect();
    // The view's fresh group starts at the topic's current end: it needs what this test records, not
    // every earlier test's history on the shared topic (reading from the beginning is the library's own test).
    const ends = await admin.fetchTopicOffsets(REGISTRY_TOPIC);
    await admin.setOffsets({
      groupId,
      topic: REGISTRY_TOPIC,
      partitions: ends.map((end) => ({ partition: end.partition, offset: end.high })),
    });
    await connectInbox(host.app, { groupId, topics: [REGISTRY_TOPIC], partitionsConsumedConcurrently: 3, maxWaitTimeInMs: 200 });
    await host.app.startAllMicroservices();
    view = host.app.get(RegistryView);

    await unit('CITY', '中共郑州市委', 'party_committee', 'city', null, '410100');
    await unit('CITYJW', '中共郑州市纪委', 'discipline_commission', 'city', 'CITY', '410100');
    await unit('DIST', '中共金水区委', 'party_committee', 'district', 'CITY', '410105');
    await unit('DISTJW', '中共金水区纪委', 'discipline_commission', 'district', 'DIST', '410105');
    await unit('OTHER', '中共二七区委', 'party_committee', 'district', 'CITY', '410103');
    await unit('OTHERJW', '中共二七区纪委', 'discipline_commission', 'district', 'OTHER', '410103');
    await unit('EDU', '金水区教育局', 'government_department', 'department', 'DIST', '410105', '2021-01-01');
    for (const [committee, commission] of [
      ['CITY', 'CITYJW'],
      ['DIST', 'DISTJW'],
      ['OTHER', 'OTHERJW'],
    ]) {
      await ok(post(`/units/${code(committee)}/pairing`, { supervisorCode: code(commission), effectiveFrom: '2020-01-01' }));
    }
    await ok(post(`/units/${code('DIST')}/rename`, { name: '中共金水区委员会', effectiveFrom: '2024-07-01' }));
    for (const [staff, name] of [
      ['OLD', '王建国'],
      ['NEW', '李明'],
      ['MEM', '赵强'],
      ['SEC', '陈静'],
      ['CSEC', '周华'],
      ['CITYSEC', '吴刚'],
      ['OSEC', '郑伟'],
      ['EDUHEAD', '孙丽'],
    ]) {
      await ok(post('/people', { staffNumber: code(staff), name, gender: 'female', birthYear: 1972 }), 201);
    }
    // A mid-year change of the district's secretary.
    const old = await appoint('DIST', 'OLD', 'principal_leader', '2020-01-01');
    await ok(post(`/units/${code('DIST')}/appointments/${old}/end`, { effectiveTo: '2025-06-30', reason: 'transferred' }));
    await appoint('DIST', 'NEW', 'principal_leader', '2025-07-01');
    const member = await appoint('DIST', 'MEM', 'team_member', '2020-01-01');
    await ok(
      post(`/units/${code('DIST')}/appointments/${member}/portfolio`, { coveredUnitCodes: [code('EDU')], effectiveFrom: '2023-01-01' }),
    );
    await ok(post(`/units/${code('DIST')}/appointments/${member}/portfolio/end`, { effectiveTo: '2025-08-31' }));
    await appoint('DISTJW', 'SEC', 'commission_secretary', '2020-01-01');
    await appoint('CITYJW', 'CSEC', 'commission_secretary', '2020-01-01');
    await appoint('CITY', 'CITYSEC', 'principal_leader', '2020-01-01');
    await appoint('OTHERJW', 'OSEC', 'commission_secretary', '2020-01-01');
    await appoint('EDU', 'EDUHEAD', 'department_head', '2021-01-01');
    // The department moves to another district committee.
    await ok(post(`/units/${code('EDU')}/move`, { parentCode: code('OTHER'), effectiveFrom: '2025-09-01' }));
    const jwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
    const publicKey = Buffer.from(jwk.x ?? '', 'base64url').toString('hex');
    ({ fingerprint } = await ok(
      post(`/people/${code('NEW')}/signing-keys`, { algorithm: 'ed25519', publicKey, effectiveFrom: '2025-07-01' }),
      201,
    ));
    await ok(post(`/people/${code('NEW')}/signing-keys/${fingerprint}/revoke`, { effectiveFrom: '2025-09-01', reason: 'compromised' }));
    // Renamed today (PersonRenamed version 1: dated by its business time).
    await ok(post(`/people/${code('NEW')}/profile`, { name: '李明华' }));
    await viewCaughtUp();
  }, 240_000);

  afterAll(async () => {
    await admin?.disconnect();
    await host?.close();
    await registry?.app.close();
  });

  test('the holders of a post on each day are the registry’s holders', async () => {
    for (const [unitName, postKind] of [
      ['DIST', 'principal_leader'],
      ['DIST', 'team_member'],
      ['EDU', 'department_head'],
      ['DISTJW', 'commission_secretary'],
    ]) {
      for (const day of DAYS) {
        const fromRegistry = await ok(registry.get(`/units/${code(unitName)}/posts/${postKind}?on=${day}`));
        expect({ unitName, postKind, day, holders: await view.holdersOn(code(unitName), postKind, day) }).toEqual({
          unitName,
          postKind,
          day,
          holders: fromRegistry.holders.map(holderFields),
        });
      }
    }
    expect((await view.principalLeaderOn(code('DIST'), '2025-06-30'))?.staffNumber).toBe(code('OLD'));
    expect((await view.principalLeaderOn(code('DIST'), '2025-07-01'))?.staffNumber).toBe(code('NEW'));
  });

  test('the responsibility chain of a unit on each day is the registry’s chain', async () => {
    for (const unitName of ['EDU', 'DIST', 'DISTJW']) {
      for (const day of DAYS) {
        const fromRegistry = await ok(registry.get(`/units/${code(unitName)}/responsibility-chain?on=${day}`));
        expect(await view.responsibilityChainOn(code(unitName), day)).toEqual(withoutNames(fromRegistry));
      }
    }
    const beforeEdu = await registry.get(`/units/${code('EDU')}/responsibility-chain?on=2020-06-01`);
    expect([beforeEdu.status, beforeEdu.body.code]).toEqual([404, 'UNIT.NOT_EXISTING_ON_DAY']);
    expect(await view.responsibilityChainOn(code('EDU'), '2020-06-01')).toBeUndefined();
  });

  test('the chain moves with the department and the mid-year change, as the registry says', async () => {
    const before = await view.responsibilityChainOn(code('EDU'), '2025-06-30');
    const after = await view.responsibilityChainOn(code('EDU'), '2025-09-01');
    expect(before?.responsible?.committee).toMatchObject({ code: code('DIST'), principalLeader: { staffNumber: code('OLD') } });
    expect(before?.inCharge.map((h) => h.staffNumber)).toEqual([code('MEM')]);
    expect(after?.responsible).toMatchObject({
      committee: { code: code('OTHER') },
      commission: { secretary: { staffNumber: code('OSEC') } },
    });
    expect(after?.inCharge).toEqual([]);
  });

  test('today the holders in the chain bear the names the registry gives them', async () => {
    const fromRegistry = await ok(registry.get(`/units/${code('DIST')}/responsibility-chain?on=${TODAY}`));
    const leader = fromRegistry.responsible.committee.principalLeader;
    expect(leader.name).toBe('李明华');
    expect(await view.personOn(leader.staffNumber, TODAY)).toEqual({ staffNumber: code('NEW'), name: leader.name });
    expect((await view.personOn(code('NEW'), '2025-07-01')).name).toBe('李明');
  });

  test('the keys valid on each day are the registry’s', async () => {
    for (const day of DAYS) {
      const fromRegistry = await ok(registry.get(`/people/${code('NEW')}/signing-keys?on=${day}`));
      const fromView = (await view.keysValidOn(code('NEW'), day)).map(({ staffNumber: _staff, ...key }) => key);
      expect({ day, keys: fromView }).toEqual({ day, keys: fromRegistry.signingKeys });
    }
    expect(await view.keyByFingerprint(fingerprint)).toMatchObject({ from: '2025-07-01', revokedFrom: '2025-09-01' });
  });

  test('the team on each day is the registry’s team, with the portfolio of that day', async () => {
    for (const day of DAYS) {
      const fromRegistry = await ok(registry.get(`/units/${code('DIST')}/team?on=${day}`));
      expect((await view.teamOn(code('DIST'), day)).map((m) => [m.appointmentId, m.coveredUnitCodes])).toEqual(
        fromRegistry.team.map((a: { appointmentId: string; portfolios: { coveredUnitCodes: string[] }[] }) => [
          a.appointmentId,
          a.portfolios[0]?.coveredUnitCodes ?? [],
        ]),
      );
    }
  });

  test('the lag of the view’s consumer on the registry topic is on /metrics', async () => {
    const metrics = await host.request('GET', '/metrics');
    expect(String(metrics.body)).toMatch(
      new RegExp(`kafka_consumer_lag_messages\\{[^}]*group="${groupId}"[^}]*topic="registry\\.events\\.v1"`),
    );
  });
});
