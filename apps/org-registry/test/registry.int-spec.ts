import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { REGISTRY_TOPIC } from '@app/contracts';
import { canonicalJson, hash } from '@app/crypto';
import { EventSourcing, ProjectionRunner } from '@app/eventstore';
import { createKafka } from '@app/messaging';
import { schemaValidator, type TestApp } from '@app/testing';
import { sm2 as smCrypto } from 'sm-crypto-v2';
import type { RegistryEnv } from '../src/registry.env';
import { runCodes, startRegistry, type RegistryUnderTest } from './registry-test-app';

const { run, code } = runCodes();

describe('organisation registry over HTTP, PostgreSQL and Kafka', () => {
  let under: RegistryUnderTest;
  let registry: TestApp<RegistryEnv>;
  let admin: string;

  beforeAll(async () => {
    under = await startRegistry();
    ({ app: registry, admin } = under);
  });
  afterAll(() => registry?.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}, token = admin) => under.post(path, body, headers, token);
  const get = (path: string, token = admin) => under.get(path, token);

  async function registerUnit(name: string, kind: string, level: string, parent: string | null, jurisdictionCode = '410105') {
    const response = await post('/units', {
      code: code(name),
      name: `${name}单位`,
      kind,
      level,
      ...(parent ? { parentCode: code(parent) } : {}),
      jurisdictionCode,
      effectiveFrom: '2020-01-01',
    });
    expect(response.status).toBe(201);
    return response;
  }
  async function registerPerson(staff: string, name: string) {
    const response = await post('/people', {
      staffNumber: code(staff),
      name,
      gender: 'male',
      birthYear: 1970,
      contact: { phone: '0371-12345678' },
    });
    expect(response.status).toBe(201);
  }
  async function appoint(unit: string, staff: string, postKind: string, effectiveFrom: string) {
    const response = await post(`/units/${code(unit)}/appointments`, { staffNumber: code(staff), post: postKind, effectiveFrom });
    expect(response.status).toBe(201);
    return response.body.appointmentId as string;
  }

  describe('a district with its committee, commission and a department', () => {
    beforeAll(async () => {
      await registerUnit('CITY', 'party_committee', 'city', null, '410100');
      await registerUnit('CITYJW', 'discipline_commission', 'city', 'CITY', '410100');
      await registerUnit('DIST', 'party_committee', 'district', 'CITY');
      await registerUnit('DISTJW', 'discipline_commission', 'district', 'DIST');
      await registerUnit('EDU', 'government_department', 'department', 'DIST');
      expect((await post(`/units/${code('CITY')}/pairing`, { supervisorCode: code('CITYJW'), effectiveFrom: '2020-01-01' })).status).toBe(
        200,
      );
      expect((await post(`/units/${code('DIST')}/pairing`, { supervisorCode: code('DISTJW'), effectiveFrom: '2020-01-01' })).status).toBe(
        200,
      );
      for (const [staff, name] of [
        ['OLD', '王建国'],
        ['NEW', '李明'],
        ['MEM', '赵强'],
        ['SEC', '陈静'],
        ['CSEC', '周华'],
        ['CITYSEC', '吴刚'],
        ['EDUHEAD', '孙丽'],
      ]) {
        await registerPerson(staff, name);
      }
      const old = await appoint('DIST', 'OLD', 'principal_leader', '2020-01-01');
      expect(
        (await post(`/units/${code('DIST')}/appointments/${old}/end`, { effectiveTo: '2024-12-31', reason: 'transferred' })).status,
      ).toBe(200);
      await appoint('DIST', 'NEW', 'principal_leader', '2025-01-01');
      const member = await appoint('DIST', 'MEM', 'team_member', '2020-01-01');
      expect(
        (
          await post(`/units/${code('DIST')}/appointments/${member}/portfolio`, {
            coveredUnitCodes: [code('EDU')],
            effectiveFrom: '2023-01-01',
          })
        ).status,
      ).toBe(200);
      await appoint('DISTJW', 'SEC', 'commission_secretary', '2020-01-01');
      await appoint('CITYJW', 'CSEC', 'commission_secretary', '2020-01-01');
      await appoint('CITY', 'CITYSEC', 'principal_leader', '2020-01-01');
      await appoint('EDU', 'EDUHEAD', 'department_head', '2021-01-01');
    });

    it('answers who was responsible for the department, today and on a past day', async () => {
      const now = await get(`/units/${code('EDU')}/responsibility-chain?on=2025-06-30`);
      expect(now.status).toBe(200);
      expect(now.body).toMatchObject({
        unit: { code: code('EDU'), head: { staffNumber: code('EDUHEAD') } },
        responsible: {
          committee: { code: code('DIST'), principalLeader: { staffNumber: code('NEW') } },
          commission: { code: code('DISTJW'), secretary: { staffNumber: code('SEC') } },
        },
        inCharge: [{ staffNumber: code('MEM'), unitCode: code('DIST') }],
        higher: {
          committee: { code: code('CITY'), principalLeader: { staffNumber: code('CITYSEC') } },
          commission: { code: code('CITYJW'), secretary: { staffNumber: code('CSEC') } },
        },
      });
      const past = await get(`/units/${code('EDU')}/responsibility-chain?on=2022-03-01`);
      expect(past.body.responsible.committee.principalLeader.staffNumber).toBe(code('OLD'));
      expect(past.body.inCharge).toEqual([]);
    });

    it("shows the team on a day, the holders of a post and a person's appointment history", async () => {
      const team = await get(`/units/${code('DIST')}/team?on=2024-06-01`);
      expect(team.body.team.map((a: { staffNumber: string }) => a.staffNumber).sort()).toEqual([code('MEM'), code('OLD')].sort());
      const holders = await get(`/units/${code('DIST')}/posts/principal_leader?on=2025-02-01`);
      expect(holders.body.holders).toEqual([expect.objectContaining({ staffNumber: code('NEW') })]);
      const history = await get(`/people/${code('OLD')}/appointments`);
      expect(history.body.appointments).toEqual([
        expect.objectContaining({ unitCode: code('DIST'), post: 'principal_leader', effectiveTo: '2024-12-31', endReason: 'transferred' }),
      ]);
    });

    it('lists on a day only the portfolios in force that day, and names every person beside the staff number', async () => {
      const before = await get(`/units/${code('DIST')}/team?on=2022-06-01`);
      const member = (body: { team: { staffNumber: string; portfolios: unknown[]; name: string }[] }) =>
        body.team.find((a) => a.staffNumber === code('MEM'))!;
      expect(member(before.body)).toMatchObject({ name: '赵强', portfolios: [] });
      const after = await get(`/units/${code('DIST')}/team?on=2024-06-01`);
      expect(member(after.body).portfolios).toEqual([expect.objectContaining({ coveredUnitCodes: [code('EDU')] })]);
      const chain = await get(`/units/${code('EDU')}/responsibility-chain?on=2025-06-30`);
      expect(chain.body.responsible.committee.principalLeader).toMatchObject({ staffNumber: code('NEW'), name: '李明' });
      expect(chain.body.inCharge).toEqual([expect.objectContaining({ staffNumber: code('MEM'), name: '赵强' })]);
    });

    it('serves the unit tree as of a day and finds units by Chinese name', async () => {
      const tree = await get(`/units?root=${code('CITY')}&on=2025-01-01`);
      expect(tree.body.units[0].children.map((c: { code: string }) => c.code)).toEqual([code('CITYJW'), code('DIST')].sort());
      const found = await get(`/units/search?q=${encodeURIComponent(`EDU-${run}`)}`);
      expect(found.body.units.map((u: { code: string }) => u.code)).toEqual([code('EDU')]);
    });

    it('rejects a second principal leader overlapping the first, and writes nothing', async () => {
      const before = await get(`/audit/streams/unit-${code('DIST')}`);
      const response = await post(`/units/${code('DIST')}/appointments`, {
        staffNumber: code('MEM'),
        post: 'principal_leader',
        effectiveFrom: '2025-03-01',
      });
      expect(response.status).toBe(409);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.code).toBe('APPOINTMENT.EXCLUSIVE_POST_OVERLAP');
      expect((await get(`/audit/streams/unit-${code('DIST')}`)).body.version).toBe(before.body.version);
    });

    it('rejects a move that would put a unit under its own descendant', async () => {
      const response = await post(`/units/${code('DIST')}/move`, { parentCode: code('EDU'), effectiveFrom: '2025-01-01' });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('UNIT.CYCLE');
    });

    it('rejects pairing two Party committees', async () => {
      const response = await post(`/units/${code('DIST')}/pairing`, { supervisorCode: code('CITY'), effectiveFrom: '2025-01-01' });
      expect(response.status).toBe(422);
      expect(response.body.code).toMatch(/^PAIRING\./);
    });

    it('rejects a post that does not exist in that kind of unit, and an end before the start', async () => {
      const wrongPost = await post(`/units/${code('EDU')}/appointments`, {
        staffNumber: code('MEM'),
        post: 'commission_secretary',
        effectiveFrom: '2025-01-01',
      });
      expect(wrongPost.status).toBe(422);
      expect(wrongPost.body.code).toBe('APPOINTMENT.POST_NOT_IN_UNIT_KIND');
      const id = await appoint('EDU', 'MEM', 'team_member', '2025-01-01');
      const backwards = await post(`/units/${code('EDU')}/appointments/${id}/end`, { effectiveTo: '2024-12-31', reason: 'transferred' });
      expect(backwards.status).toBe(422);
      expect(backwards.body.code).toBe('APPOINTMENT.END_BEFORE_START');
    });
  });

  describe('a person renamed mid-year: every answer as of a day names them as they were named that day', () => {
    const staff = () => code('RENAMED');
    const nameIn = (holder: { staffNumber: string; name: string | null }[]) => holder.find((h) => h.staffNumber === staff())?.name;

    beforeAll(async () => {
      await registerUnit('NMC', 'party_committee', 'district', null);
      await registerUnit('NMJW', 'discipline_commission', 'district', 'NMC');
      await registerUnit('NMEDU', 'government_department', 'department', 'NMC');
      expect((await post(`/units/${code('NMC')}/pairing`, { supervisorCode: code('NMJW'), effectiveFrom: '2020-01-01' })).status).toBe(200);
      await registerPerson('RENAMED', '林小红');
      await appoint('NMC', 'RENAMED', 'principal_leader', '2024-01-01');
      const renamed = await post(`/people/${staff()}/profile`, { name: '林晓红', effectiveFrom: '2025-07-01' });
      expect(renamed.status).toBe(200);
      await appoint('NMEDU', 'RENAMED', 'department_head', '2025-08-01');
    });

    it('the holders of a post and the team on a day before the rename give the old name, from its day on the new one', async () => {
      for (const [day, name] of [
        ['2025-06-30', '林小红'],
        ['2025-07-01', '林晓红'],
      ]) {
        const holders = await get(`/units/${code('NMC')}/posts/principal_leader?on=${day}`);
        expect([day, nameIn(holders.body.holders)]).toEqual([day, name]);
        const team = await get(`/units/${code('NMC')}/team?on=${day}`);
        expect([day, nameIn(team.body.team)]).toEqual([day, name]);
      }
    });

    it('the responsibility chain on a day names every holder as they were named that day', async () => {
      const before = await get(`/units/${code('NMEDU')}/responsibility-chain?on=2025-06-30`);
      expect(before.body.responsible.committee.principalLeader).toMatchObject({ staffNumber: staff(), name: '林小红' });
      const after = await get(`/units/${code('NMEDU')}/responsibility-chain?on=2025-08-01`);
      expect(after.body.responsible.committee.principalLeader).toMatchObject({ staffNumber: staff(), name: '林晓红' });
      expect(after.body.unit.head).toMatchObject({ staffNumber: staff(), name: '林晓红' });
    });

    it("the person's history gives each appointment the name borne on its first day, and the names with their days", async () => {
      const history = await get(`/people/${staff()}/appointments`);
      expect(history.status).toBe(200);
      expect(history.body.names).toEqual([
        { name: '林小红', from: null },
        { name: '林晓红', from: '2025-07-01' },
      ]);
      expect(history.body.appointments.map((a: { unitCode: string; name: string }) => [a.unitCode, a.name])).toEqual([
        [code('NMC'), '林小红'],
        [code('NMEDU'), '林晓红'],
      ]);
    });

    it('the person and the search give the current name', async () => {
      expect((await get(`/people/${staff()}`)).body).toMatchObject({ staffNumber: staff(), name: '林晓红' });
      const found = await get(`/people?q=${encodeURIComponent(staff())}`);
      expect(found.body.people).toEqual([{ staffNumber: staff(), name: '林晓红' }]);
    });

    it('refuses a rename dated after today, and a day sent without a name, writing nothing', async () => {
      const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
      const future = await post(`/people/${staff()}/profile`, { name: '林红', effectiveFrom: tomorrow });
      expect([future.status, future.body.code]).toEqual([422, 'PERSON.RENAME_IN_FUTURE']);
      const dayOnly = await post(`/people/${staff()}/profile`, { birthYear: 1971, effectiveFrom: '2025-01-01' });
      expect([dayOnly.status, dayOnly.body.code]).toEqual([422, 'PERSON.EFFECTIVE_FROM_WITHOUT_NAME']);
      expect((await get(`/people/${staff()}`)).body).toMatchObject({ name: '林晓红', birthYear: 1970 });
    });
  });

  it('rejects a duplicate code, an unknown field and a malformed date with a clear 4xx', async () => {
    await registerUnit('DUP', 'party_committee', 'district', null);
    const duplicate = await post('/units', {
      code: code('DUP'),
      name: '重复',
      kind: 'party_committee',
      level: 'district',
      jurisdictionCode: '410105',
      effectiveFrom: '2020-01-01',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('UNIT.DUPLICATE_CODE');
    const unknown = await post('/units', {
      code: code('X1'),
      name: '某单位',
      kind: 'party_committee',
      level: 'district',
      jurisdictionCode: '410105',
      effectiveFrom: '2020-01-01',
      secretField: 1,
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.errors)).toContain('secretField');
    const badDay = await post('/units', {
      code: code('X2'),
      name: '某单位',
      kind: 'party_committee',
      level: 'district',
      jurisdictionCode: '410105',
      effectiveFrom: '2020-02-30',
    });
    expect(badDay.status).toBe(400);
    expect(JSON.stringify(badDay.body.errors)).toContain('effectiveFrom');
    const nul = await post('/units', {
      code: code('X3'),
      name: '某\u0000单位',
      kind: 'party_committee',
      level: 'district',
      jurisdictionCode: '410105',
      effectiveFrom: '2020-01-01',
    });
    expect(nul.status).toBe(400);
    expect((await get(`/units/${encodeURIComponent('A\u0000B')}`)).status).toBe(400);
    expect((await get(`/units?on=2025-02-30`)).status).toBe(400);
    expect((await get(`/units/${code('DUP')}/posts/nonsense`)).status).toBe(400);
    expect((await get('/audit/events?after=99999999999999999999999')).status).toBe(400);
    expect((await get(`/units/${code('X2')}`)).status).toBe(404);
  });

  it('rejects a dated move that would make a cycle on some day after it takes effect', async () => {
    await registerUnit('CYP', 'party_committee', 'district', null);
    await registerUnit('CYA', 'government_department', 'department', 'CYP');
    await registerUnit('CYB', 'government_department', 'department', 'CYA');
    expect((await post(`/units/${code('CYB')}/move`, { parentCode: code('CYP'), effectiveFrom: '2027-01-01' })).status).toBe(200);
    // Until 2026-12-31 B is still under A: A cannot go under B from 2025-06-01.
    const cycle = await post(`/units/${code('CYA')}/move`, { parentCode: code('CYB'), effectiveFrom: '2025-06-01' });
    expect(cycle.status).toBe(422);
    expect(cycle.body.code).toBe('UNIT.CYCLE');
    expect((await post(`/units/${code('CYA')}/move`, { parentCode: code('CYB'), effectiveFrom: '2027-01-01' })).status).toBe(200);
  });

  it('refuses a dissolved or not yet registered parent or supervisor, and dissolving a unit with units under it', async () => {
    await registerUnit('DP', 'party_committee', 'district', null);
    await registerUnit('DPJW', 'discipline_commission', 'district', 'DP');
    await registerUnit('DPOLD', 'government_department', 'department', null);
    expect((await post(`/units/${code('DPOLD')}/dissolve`, { effectiveFrom: '2024-01-01', reason: '撤并' })).status).toBe(200);
    const underDissolved = await post('/units', {
      code: code('DPKID'),
      name: '下属单位',
      kind: 'government_department',
      level: 'department',
      parentCode: code('DPOLD'),
      jurisdictionCode: '410105',
      effectiveFrom: '2024-06-01',
    });
    expect(underDissolved.status).toBe(409);
    expect(underDissolved.body.code).toBe('UNIT.PARENT_DISSOLVED');
    const beforeParent = await post('/units', {
      code: code('DPKID'),
      name: '下属单位',
      kind: 'government_department',
      level: 'department',
      parentCode: code('DP'),
      jurisdictionCode: '410105',
      effectiveFrom: '2019-01-01',
    });
    expect(beforeParent.status).toBe(422);
    expect(beforeParent.body.code).toBe('UNIT.PARENT_NOT_YET_REGISTERED');
    const hasChildren = await post(`/units/${code('DP')}/dissolve`, { effectiveFrom: '2025-01-01', reason: '撤并' });
    expect(hasChildren.status).toBe(409);
    expect(hasChildren.body.code).toBe('UNIT.HAS_ACTIVE_CHILDREN');
    expect((await post(`/units/${code('DPJW')}/move`, { parentCode: code('DPOLD'), effectiveFrom: '2025-01-01' })).status).toBe(409);
    expect((await post(`/units/${code('DPJW')}/dissolve`, { effectiveFrom: '2025-01-01', reason: '撤并' })).status).toBe(200);
    const pairing = await post(`/units/${code('DP')}/pairing`, { supervisorCode: code('DPJW'), effectiveFrom: '2025-06-01' });
    expect(pairing.status).toBe(409);
    expect(pairing.body.code).toBe('PAIRING.SUPERVISOR_DISSOLVED');
  });

  it("keeps each caller's Idempotency-Keys their own", async () => {
    await registerUnit('KEYOWN', 'party_committee', 'district', null);
    const body = { name: '某名称', effectiveFrom: '2024-01-01' };
    const mine = await post(`/units/${code('KEYOWN')}/rename`, body, { 'idempotency-key': 'shared-key' });
    expect(mine.status).toBe(200);
    const other = registry.token(['registry_admin'], [], 'p-other');
    const theirs = await post(
      `/units/${code('KEYOWN')}/rename`,
      { name: '另一名称', effectiveFrom: '2024-02-01' },
      { 'idempotency-key': 'shared-key' },
      other,
    );
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ replayed: false, version: mine.body.version + 1 });
  });

  it('rejects appointing to a dissolved unit', async () => {
    await registerUnit('GONE', 'government_department', 'department', null);
    await registerPerson('GONEP', '刘洋');
    expect((await post(`/units/${code('GONE')}/dissolve`, { effectiveFrom: '2024-01-01', reason: '机构改革撤并' })).status).toBe(200);
    const response = await post(`/units/${code('GONE')}/appointments`, {
      staffNumber: code('GONEP'),
      post: 'department_head',
      effectiveFrom: '2024-06-01',
    });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('UNIT.DISSOLVED');
  });

  it('registers signing keys, refuses malformed and revoked keys, and answers which key was valid on a day', async () => {
    await registerPerson('KEYS', '郑敏');
    // Keys as a client makes them: the platform only ever sees the public half.
    const edJwk = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
    const ed = { publicKey: Buffer.from(edJwk.x ?? '', 'base64url').toString('hex') };
    const sm2 = smCrypto.generateKeyPairHex();
    const first = await post(`/people/${code('KEYS')}/signing-keys`, {
      algorithm: 'ed25519',
      publicKey: ed.publicKey,
      effectiveFrom: '2024-01-01',
    });
    expect(first.status).toBe(201);
    expect(
      (await post(`/people/${code('KEYS')}/signing-keys`, { algorithm: 'sm2', publicKey: sm2.publicKey, effectiveFrom: '2025-01-01' }))
        .status,
    ).toBe(201);
    const malformed = await post(`/people/${code('KEYS')}/signing-keys`, {
      algorithm: 'sm2',
      publicKey: `04${'ab'.repeat(64)}`,
      effectiveFrom: '2025-01-01',
    });
    expect(malformed.status).toBe(422);
    expect(malformed.body.code).toBe('KEY.MALFORMED');
    expect(
      (
        await post(`/people/${code('KEYS')}/signing-keys/${first.body.fingerprint}/revoke`, {
          effectiveFrom: '2025-01-01',
          reason: 'superseded',
        })
      ).status,
    ).toBe(200);
    const again = await post(`/people/${code('KEYS')}/signing-keys/${first.body.fingerprint}/revoke`, {
      effectiveFrom: '2025-02-01',
      reason: 'superseded',
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('KEY.REVOKED');
    const on2024 = await get(`/people/${code('KEYS')}/signing-keys?on=2024-06-01`);
    expect(on2024.body.signingKeys.map((k: { algorithm: string }) => k.algorithm)).toEqual(['ed25519']);
    const on2025 = await get(`/people/${code('KEYS')}/signing-keys?on=2025-06-01`);
    expect(on2025.body.signingKeys.map((k: { algorithm: string }) => k.algorithm)).toEqual(['sm2']);
  });

  it('replays a command retried with the same Idempotency-Key and refuses a stale If-Match', async () => {
    await registerUnit('IDEM', 'party_committee', 'district', null);
    const key = randomUUID();
    const body = { name: '更名后的单位', effectiveFrom: '2024-01-01' };
    const first = await post(`/units/${code('IDEM')}/rename`, body, { 'idempotency-key': key });
    const retried = await post(`/units/${code('IDEM')}/rename`, body, { 'idempotency-key': key });
    expect(first.status).toBe(200);
    expect(retried.body).toMatchObject({ version: first.body.version, replayed: true });
    expect((await get(`/audit/streams/unit-${code('IDEM')}`)).body.version).toBe(2);
    const reused = await post(
      `/units/${code('IDEM')}/rename`,
      { name: '另一个名字', effectiveFrom: '2024-02-01' },
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('REQUEST.IDEMPOTENCY_KEY_REUSED');
    const detail = await get(`/units/${code('IDEM')}`);
    expect(detail.headers.get('etag')).toBe('"2"');
    const stale = await post(`/units/${code('IDEM')}/rename`, { name: '第三个名字', effectiveFrom: '2024-03-01' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    const fresh = await post(`/units/${code('IDEM')}/rename`, { name: '第三个名字', effectiveFrom: '2024-03-01' }, { 'if-match': '"2"' });
    expect(fresh.status).toBe(200);
  });

  it('checks tokens, roles and the unit an object belongs to', async () => {
    await registerUnit('AUTHZ', 'party_committee', 'district', null);
    await registerUnit('AUTHZ2', 'party_committee', 'district', null);
    expect((await registry.request('GET', `/units/${code('AUTHZ')}`)).status).toBe(401);
    const auditor = registry.token(['auditor']);
    expect((await post(`/units/${code('AUTHZ')}/rename`, { name: '新名', effectiveFrom: '2024-01-01' }, {}, auditor)).status).toBe(403);
    const officer = registry.token(['unit_officer'], [code('AUTHZ')]);
    expect((await post(`/units/${code('AUTHZ2')}/rename`, { name: '新名', effectiveFrom: '2024-01-01' }, {}, officer)).status).toBe(403);
    expect((await post(`/units/${code('AUTHZ')}/rename`, { name: '新名', effectiveFrom: '2024-01-01' }, {}, officer)).status).toBe(200);
    expect((await get('/audit/verify', officer)).status).toBe(403);
  });

  it('lets an auditor replay the log, fold a stream as of a past instant and verify the chain', async () => {
    await registerUnit('AUD', 'party_committee', 'district', null);
    const beforeRename = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await post(`/units/${code('AUD')}/rename`, { name: '审计后名称', effectiveFrom: '2024-01-01' })).status).toBe(200);
    const auditor = registry.token(['auditor']);
    const asBefore = await get(`/audit/streams/unit-${code('AUD')}/state?at=${encodeURIComponent(beforeRename)}`, auditor);
    expect(asBefore.body).toMatchObject({ version: 1, state: { names: [{ name: 'AUD单位' }] } });
    const atVersion2 = await get(`/audit/streams/unit-${code('AUD')}/state?version=2`, auditor);
    expect(atVersion2.body.state.names.map((n: { name: string }) => n.name)).toEqual(['AUD单位', '审计后名称']);
    const feed = await get('/audit/events?after=0&limit=1000', auditor);
    expect(feed.body.events.length).toBeGreaterThan(0);
    expect(feed.body.events[0]).toMatchObject({
      seq: 1,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      chainHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await get('/audit/verify', auditor)).body).toMatchObject({ ok: true });
  });

  it('publishes integration events to Kafka in stream order, without personal data', async () => {
    await registerUnit('KAFKA', 'party_committee', 'district', null);
    await registerPerson('KAFKAP', '黄蓉');
    await post(`/units/${code('KAFKA')}/rename`, { name: '消息单位', effectiveFrom: '2024-01-01' });
    expect((await post(`/people/${code('KAFKAP')}/profile`, { name: '黄蓉蓉', effectiveFrom: '2024-05-01' })).status).toBe(200);
    const kafka = createKafka({ clientId: `registry-test-${run}` });
    // A short fetch wait: disconnecting waits for the fetch in flight, which otherwise outlives the test.
    const consumer = kafka.consumer({ groupId: `registry-test-${run}-${randomUUID()}`, maxWaitTimeInMs: 200 });
    const seen: {
      key: string;
      type: string;
      version: number;
      data: Record<string, unknown>;
      streamVersion: number;
      envelope: unknown;
      headers: unknown;
    }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: REGISTRY_TOPIC, fromBeginning: true });
    const wanted = new Set([`unit-${code('KAFKA')}`, `person-${code('KAFKAP')}`]);
    const done = new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const key = message.key?.toString() ?? '';
          if (!wanted.has(key)) return;
          const envelope = JSON.parse(message.value!.toString());
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, value?.toString()]));
          seen.push({
            key,
            type: envelope.type,
            version: envelope.version,
            data: envelope.data,
            streamVersion: envelope.streamVersion,
            envelope,
            headers,
          });
          if (seen.length >= 4) resolve();
        },
      });
    });
    // The timer is cleared: left pending, it kept the Jest worker alive for 30 s after the run.
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        done,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`only saw ${JSON.stringify(seen)}`)), 30_000);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
    }
    const unitEvents = seen.filter((m) => m.key.startsWith('unit-'));
    // Business time: the day the fact took effect (registered from 2020-01-01, renamed from 2024-01-01), China Standard Time.
    expect(unitEvents.map((m) => (m.envelope as { occurredAt: string }).occurredAt)).toEqual([
      '2019-12-31T16:00:00.000Z',
      '2023-12-31T16:00:00.000Z',
    ]);
    expect(unitEvents.map((m) => [m.type, m.streamVersion])).toEqual([
      ['registry.UnitRegistered', 1],
      ['registry.UnitRenamed', 2],
    ]);
    const [registered, renamed] = seen.filter((m) => m.key.startsWith('person-'));
    expect(registered.type).toBe('registry.PersonRegistered');
    expect(Object.keys(registered.data).sort()).toEqual(['name', 'staffNumber']);
    // A rename is version 2: dated, its business time the first day the new name is borne.
    expect(renamed).toMatchObject({
      type: 'registry.PersonRenamed',
      version: 2,
      streamVersion: 2,
      data: { staffNumber: code('KAFKAP'), name: '黄蓉蓉', effectiveFrom: '2024-05-01' },
      envelope: { occurredAt: '2024-04-30T16:00:00.000Z' },
      headers: { 'x-schema-version': '2' },
    });
    // Every message matches the AsyncAPI document the service serves: envelope, data and headers.
    const document = (await registry.request('GET', '/asyncapi.json')).body;
    const validate = schemaValidator();
    for (const message of seen) {
      // What a consumer checks on its own: the payload hash over exactly the data it received.
      const envelope = message.envelope as { payloadHash: string; data: unknown };
      expect(envelope.payloadHash).toBe(hash('sm3', canonicalJson(envelope.data)).toString('hex'));
      const spec = (document.components.messages as Record<string, any>)[`${message.type.replace('.', '_')}_${message.version}`];
      expect([message.type, validate(spec.payload, message.envelope), validate(spec.headers, message.headers)]).toEqual([
        message.type,
        [],
        [],
      ]);
    }
  });
});

describe('organisation registry with its seal-fed projection runner stopped', () => {
  let registry: TestApp<RegistryEnv>;
  beforeAll(async () => void ({ app: registry } = await startRegistry()));
  afterAll(() => registry?.close());

  it('serves a read after a write at once (the read models commit with the events), and applies nothing twice later', async () => {
    const token = registry.token(['registry_admin']);
    const projections = registry.app.get(ProjectionRunner);
    await projections.stop();
    const unit = code('INLINE');
    try {
      const body = {
        code: unit,
        name: '即时单位',
        kind: 'party_committee',
        level: 'district',
        jurisdictionCode: '410105',
        effectiveFrom: '2020-01-01',
      };
      const response = await registry.request('POST', '/units', { token, body });
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ version: 1, readModelsCurrent: true });
      const renamed = await registry.request('POST', `/units/${unit}/rename`, {
        token,
        body: { name: '即时单位（更名）', effectiveFrom: '2021-01-01' },
      });
      expect(renamed.status).toBe(200);
      expect((await registry.request('GET', `/units/${unit}`, { token })).body).toMatchObject({ name: '即时单位（更名）' });
    } finally {
      await projections.start();
    }
    // The runner now reads the same events from the seal: its version guard skips them.
    const sourcing = registry.app.get(EventSourcing);
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      await sourcing.sealer.sealPending();
      await projections.catchUp();
      const { rows } = await sourcing.pool.query<{ seq: string }>(`SELECT min(seq)::text AS seq FROM es_checkpoints`);
      if (Number(rows[0].seq) >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { rows } = await sourcing.pool.query<{ version: number; names: number }>(
      `SELECT version, jsonb_array_length(state -> 'names') AS names FROM reg_units WHERE code = $1`,
      [unit],
    );
    expect(rows).toEqual([{ version: 2, names: 2 }]);
  });
});
