import { runCodes, startRegistry, type RegistryUnderTest } from './registry-test-app';

/** Regressions found by trying the registry as an integrator and an attacker would (issue #6). */
const { run, code } = runCodes();
const nextYear = `${new Date().getUTCFullYear() + 1}-01-01`;

describe('registry edge and rules under hostile or careless input', () => {
  let t: RegistryUnderTest;
  beforeAll(async () => void (t = await startRegistry()));
  afterAll(() => t?.app.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}, token?: string) => t.post(path, body, headers, token);
  const raw = (path: string, body: string | Buffer, contentType?: string) =>
    fetch(`${t.app.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.admin}`, ...(contentType ? { 'content-type': contentType } : {}) },
      body,
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as Record<string, any> }));
  const streamLength = async (streamId: string) => (await t.get(`/audit/streams/${streamId}`)).body.events?.length ?? 0;
  const unit = (name: string, kind: string, level: string, parent: string | null, effectiveFrom = '2020-01-01') =>
    post('/units', {
      code: code(name),
      name: `${name}单位`,
      kind,
      level,
      ...(parent ? { parentCode: code(parent) } : {}),
      jurisdictionCode: '410105',
      effectiveFrom,
    });
  const person = (staff: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    post('/people', { staffNumber: code(staff), name: '张伟', gender: 'male', birthYear: 1970, ...extra }, headers);

  it('answers 400 REQUEST.TOO_DEEP for a body nested thousands of levels deep, not 500', async () => {
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
    const response = await raw('/units', deep, 'application/json');
    expect([response.status, response.body.code]).toEqual([400, 'REQUEST.TOO_DEEP']);
  });

  it('refuses contact: null with 400 naming the field, on registration and on a profile change alike', async () => {
    expect((await person('NUL')).status).toBe(201);
    const onRegister = await person('NUL2', { contact: null });
    const onProfile = await post(`/people/${code('NUL')}/profile`, { contact: null });
    for (const response of [onRegister, onProfile]) {
      expect([response.status, response.body.code]).toEqual([400, 'REQUEST.INVALID']);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain('contact');
    }
  });

  it('accepts a contact with an Idempotency-Key and replays it (the fingerprint is plain data)', async () => {
    const first = await person('KEYC', { contact: { phone: '0371-12345678' } }, { 'idempotency-key': 'k-contact' });
    const again = await person('KEYC', { contact: { phone: '0371-12345678' } }, { 'idempotency-key': 'k-contact' });
    expect([first.status, again.status, again.body.replayed]).toEqual([201, 201, true]);
    const profile = await post(`/people/${code('KEYC')}/profile`, { contact: { email: 'a@example.gov.cn' } }, { 'idempotency-key': 'k-p' });
    expect(profile.status).toBe(200);
  });

  it('refuses national ID numbers in any free text with 400 naming the field, and writes nothing', async () => {
    expect((await unit('NID', 'party_committee', 'district', null)).status).toBe(201);
    const cases = [
      await person('NIDP', { name: '张伟410102199003074511' }),
      await post(`/units/${code('NID')}/rename`, { name: '区委 110105491231002', effectiveFrom: '2021-01-01' }),
      await post(`/units/${code('NID')}/dissolve`, { effectiveFrom: '2021-01-01', reason: '撤销，经办人410102199003074511' }),
    ];
    expect(cases.map((r) => [r.status, r.body.errors?.[0]?.field])).toEqual([
      [400, 'name'],
      [400, 'name'],
      [400, 'reason'],
    ]);
    expect(await streamLength(`unit-${code('NID')}`)).toBe(1);
  });

  it('refuses a body that is not UTF-8 (GBK) with 400, and a body without a JSON Content-Type with 415', async () => {
    const gbk = Buffer.concat([
      Buffer.from('{"name":"'),
      Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
      Buffer.from('","effectiveFrom":"2021-01-01"}'),
    ]);
    expect((await unit('ENC', 'party_committee', 'district', null)).status).toBe(201);
    const encoding = await raw(`/units/${code('ENC')}/rename`, gbk, 'application/json');
    expect([encoding.status, encoding.body.code]).toEqual([400, 'REQUEST.INVALID_ENCODING']);
    const text = await raw(`/units/${code('ENC')}/rename`, '{"name":"新名","effectiveFrom":"2021-01-01"}', 'text/plain');
    const none = await raw(`/units/${code('ENC')}/rename`, Buffer.from('{"name":"新名","effectiveFrom":"2021-01-01"}'));
    expect([text.status, text.body.code, none.status]).toEqual([415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 415]);
    expect(await streamLength(`unit-${code('ENC')}`)).toBe(1);
  });

  it('refuses __proto__ and constructor keys like any other unknown field', async () => {
    for (const key of ['__proto__', 'constructor']) {
      const response = await raw(
        '/units',
        `{"code":"P-${run}","name":"x","kind":"party_committee","level":"district","jurisdictionCode":"410105","effectiveFrom":"2020-01-01","${key}":{"x":1}}`,
        'application/json',
      );
      expect([response.status, response.body.errors?.[0]?.field]).toEqual([400, key]);
    }
  });

  it('decides authority over a unit as of today, whatever moves are recorded for later', async () => {
    await unit('AA', 'party_committee', 'district', null);
    await unit('BB', 'party_committee', 'district', null);
    await unit('XX', 'government_department', 'department', 'AA');
    expect((await post(`/units/${code('XX')}/move`, { parentCode: code('BB'), effectiveFrom: nextYear })).status).toBe(200);
    const officerOfA = t.app.token(['unit_officer'], [code('AA')], 'p-a');
    const officerOfB = t.app.token(['unit_officer'], [code('BB')], 'p-b');
    const rename = (token: string, name: string) => post(`/units/${code('XX')}/rename`, { name, effectiveFrom: '2021-01-01' }, {}, token);
    expect((await rename(officerOfB, '乙改名')).status).toBe(403);
    expect((await rename(officerOfA, '甲改名')).status).toBe(200);
  });

  it('keeps a portfolio within its holder unit: an officer of A cannot put a member in charge of unrelated B', async () => {
    await unit('PA', 'party_committee', 'district', null);
    await unit('PAD', 'government_department', 'department', 'PA');
    await unit('PB', 'government_department', 'department', null);
    expect((await person('PM')).status).toBe(201);
    const appointed = await post(`/units/${code('PA')}/appointments`, {
      staffNumber: code('PM'),
      post: 'team_member',
      effectiveFrom: '2020-01-01',
    });
    const officer = t.app.token(['unit_officer'], [code('PA')], 'p-pa');
    const portfolio = (covered: string) =>
      post(
        `/units/${code('PA')}/appointments/${appointed.body.appointmentId}/portfolio`,
        { coveredUnitCodes: [code(covered)], effectiveFrom: '2021-01-01' },
        {},
        officer,
      );
    const outside = await portfolio('PB');
    expect([outside.status, outside.body.code]).toEqual([422, 'PORTFOLIO.OUTSIDE_REMIT']);
    expect((await t.get(`/units/${code('PB')}/responsibility-chain`)).body.inCharge).toEqual([]);
    expect((await portfolio('PAD')).status).toBe(200);
  });
});
