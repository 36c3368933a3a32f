import { randomUUID } from 'node:crypto';
import type { Role } from '@app/platform';
import { runCodes, startRegistry, type RegistryUnderTest } from './registry-test-app';

/**
 * Every GET route × every caller × own / other / missing object, over HTTP (issue #6, "Every read is
 * scoped"). The rules themselves are in src/read-rules.ts and tested in read-rules.spec.ts.
 *
 * DIST (committee, paired with DISTJW) ── DISTJW, EDU;  OTHER (committee, paired with OTHERJW) ── OTHERJW.
 * HEAD heads EDU and declared a kinship with EDU (with a note) and a former post in OTHER;
 * OTHERHEAD heads OTHER.
 */
const { code } = runCodes();

type Caller = 'none' | 'registry_admin' | 'auditor' | 'unit_officer' | 'commission_officer' | 'self';
type Target = 'own' | 'other' | 'missing';
const CALLERS: readonly Caller[] = ['none', 'registry_admin', 'auditor', 'unit_officer', 'commission_officer', 'self'];

/** Expected status per caller for [own, other, missing]. */
type Statuses = Record<Caller, readonly [number, number, number]>;
const statuses = (none: number, others: readonly [number, number, number], overrides: Partial<Statuses> = {}): Statuses => ({
  none: [none, none, none],
  registry_admin: others,
  auditor: others,
  unit_officer: others,
  commission_officer: others,
  self: others,
  ...overrides,
});

/** Units: within reach 200, outside 403, no such unit 404; without a role 403 before anything. */
const UNIT_SCOPED = statuses(403, [200, 200, 404], {
  unit_officer: [200, 403, 404],
  commission_officer: [200, 403, 404],
  self: [403, 200, 404],
});
/** People: every role reads a person (what of them it sees differs); 404 for no such person. */
const PERSON = statuses(403, [200, 200, 404]);
/** Lists answered for any role, the object is in the query only. */
const ANY_ROLE = statuses(403, [200, 200, 200]);
const ADMIN_ONLY = (own: number, other = own, missing = other) => statuses(403, [403, 403, 403], { registry_admin: [own, other, missing] });
const AUDITOR_ONLY = (own: number, other = own, missing = other) => statuses(403, [403, 403, 403], { auditor: [own, other, missing] });

interface Row {
  /** The route as in OpenAPI. */
  readonly route: string;
  readonly path: (target: Target) => string;
  readonly expected: Statuses;
}

const unitOf: Record<Target, () => string> = { own: () => code('EDU'), other: () => code('OTHER'), missing: () => code('NOPE') };
const personOf: Record<Target, () => string> = { own: () => code('HEAD'), other: () => code('OTHERHEAD'), missing: () => code('NOBODY') };
const streamOf: Record<Target, () => string> = {
  own: () => `unit-${code('EDU')}`,
  other: () => `unit-${code('OTHER')}`,
  missing: () => `unit-${code('NOPE')}`,
};

const ROUTES: readonly Row[] = [
  { route: '/units', path: (t) => `/units?root=${unitOf[t]()}`, expected: UNIT_SCOPED },
  { route: '/units/search', path: (t) => `/units/search?q=${encodeURIComponent(unitOf[t]())}`, expected: ANY_ROLE },
  { route: '/units/{code}', path: (t) => `/units/${unitOf[t]()}`, expected: UNIT_SCOPED },
  { route: '/units/{code}/team', path: (t) => `/units/${unitOf[t]()}/team?on=2025-01-01`, expected: UNIT_SCOPED },
  { route: '/units/{code}/posts/{post}', path: (t) => `/units/${unitOf[t]()}/posts/department_head`, expected: UNIT_SCOPED },
  { route: '/units/{code}/responsibility-chain', path: (t) => `/units/${unitOf[t]()}/responsibility-chain`, expected: UNIT_SCOPED },
  { route: '/people', path: (t) => `/people?q=${personOf[t]()}`, expected: ANY_ROLE },
  { route: '/people/{staffNumber}', path: (t) => `/people/${personOf[t]()}`, expected: PERSON },
  { route: '/people/{staffNumber}/appointments', path: (t) => `/people/${personOf[t]()}/appointments`, expected: PERSON },
  { route: '/people/{staffNumber}/signing-keys', path: (t) => `/people/${personOf[t]()}/signing-keys?on=2025-01-01`, expected: PERSON },
  { route: '/calendar/years', path: () => '/calendar/years', expected: ANY_ROLE },
  {
    route: '/calendar/years/{year}',
    path: (t) => `/calendar/years/${{ own: 2026, other: 2014, missing: 2099 }[t]}`,
    expected: statuses(403, [200, 200, 404]),
  },
  { route: '/imports', path: () => '/imports', expected: ADMIN_ONLY(200) },
  { route: '/imports/{id}', path: () => `/imports/${randomUUID()}`, expected: ADMIN_ONLY(404) },
  { route: '/imports/template.xlsx', path: () => '/imports/template.xlsx', expected: ADMIN_ONLY(200) },
  {
    route: '/imports/template/{sheet}.csv',
    path: (t) => `/imports/template/${t === 'missing' ? 'nope' : 'units'}.csv`,
    expected: ADMIN_ONLY(200, 200, 404),
  },
  { route: '/audit/events', path: () => '/audit/events?after=0&limit=5', expected: AUDITOR_ONLY(200) },
  { route: '/audit/streams/{streamId}', path: (t) => `/audit/streams/${streamOf[t]()}`, expected: AUDITOR_ONLY(200, 200, 404) },
  {
    route: '/audit/streams/{streamId}/state',
    path: (t) => `/audit/streams/${streamOf[t]()}/state?version=1`,
    expected: AUDITOR_ONLY(200, 200, 404),
  },
  { route: '/audit/verify', path: () => '/audit/verify', expected: AUDITOR_ONLY(200) },
  { route: '/audit/keys', path: () => '/audit/keys', expected: AUDITOR_ONLY(200) },
  { route: '/audit/checkpoints/{number}', path: () => '/audit/checkpoints/999999', expected: AUDITOR_ONLY(404) },
  { route: '/audit/proofs/inclusion', path: () => '/audit/proofs/inclusion?seq=1&checkpoint=999999', expected: AUDITOR_ONLY(404) },
  { route: '/audit/proofs/consistency', path: () => '/audit/proofs/consistency?from=999998&to=999999', expected: AUDITOR_ONLY(404) },
  { route: '/audit/export', path: () => '/audit/export?from=1&to=1', expected: AUDITOR_ONLY(200) },
];

describe('read rules over HTTP: every GET route × every role × own and other unit', () => {
  let t: RegistryUnderTest;
  const tokens = {} as Record<Caller, string>;

  beforeAll(async () => {
    t = await startRegistry();
    const roles = (role: Role) => [role];
    tokens.none = t.app.token([], [code('DIST')], 'p-none');
    tokens.registry_admin = t.app.token(roles('registry_admin'), [], 'p-registry-admin');
    tokens.auditor = t.app.token(roles('auditor'), [], 'p-auditor');
    tokens.unit_officer = t.app.token(roles('unit_officer'), [code('DIST')], 'p-unit-officer');
    tokens.commission_officer = t.app.token(roles('commission_officer'), [code('DISTJW')], 'p-commission-officer');
    tokens.self = t.app.token(roles('unit_officer'), [code('OTHER')], code('HEAD'));

    const created = async (path: string, body: unknown) => {
      const response = await t.post(path, body);
      expect([path, response.status]).toEqual([path, path.endsWith('/pairing') ? 200 : 201]);
      return response.body as { appointmentId?: string };
    };
    const unit = (name: string, kind: string, parent: string | null) =>
      created('/units', {
        code: code(name),
        name: `${name}单位`,
        kind,
        level: parent ? 'department' : 'district',
        ...(parent ? { parentCode: code(parent) } : {}),
        jurisdictionCode: '410105',
        effectiveFrom: '2020-01-01',
      });
    await unit('DIST', 'party_committee', null);
    await unit('DISTJW', 'discipline_commission', 'DIST');
    await unit('EDU', 'government_department', 'DIST');
    await unit('OTHER', 'party_committee', null);
    await unit('OTHERJW', 'discipline_commission', 'OTHER');
    await created(`/units/${code('DIST')}/pairing`, { supervisorCode: code('DISTJW'), effectiveFrom: '2020-01-01' });
    await created(`/units/${code('OTHER')}/pairing`, { supervisorCode: code('OTHERJW'), effectiveFrom: '2020-01-01' });
    for (const staff of ['HEAD', 'OTHERHEAD']) {
      await created('/people', {
        staffNumber: code(staff),
        name: `${staff}姓名`,
        gender: 'female',
        birthYear: 1975,
        contact: { phone: '0371-7654321' },
      });
    }
    await created(`/units/${code('EDU')}/appointments`, {
      staffNumber: code('HEAD'),
      post: 'department_head',
      effectiveFrom: '2021-01-01',
    });
    await created(`/units/${code('OTHER')}/appointments`, {
      staffNumber: code('OTHERHEAD'),
      post: 'principal_leader',
      effectiveFrom: '2021-01-01',
    });
    await created(`/people/${code('HEAD')}/relations`, {
      kind: 'kinship',
      unitCode: code('EDU'),
      kinship: 'spouse',
      effectiveFrom: '2020-01-01',
      note: '配偶在本单位任职',
    });
    await created(`/people/${code('HEAD')}/relations`, {
      kind: 'former_post',
      unitCode: code('OTHER'),
      effectiveFrom: '2015-01-01',
      effectiveTo: '2019-12-31',
    });
  });
  afterAll(() => t?.app.close());

  it('has a row for every GET route the service offers behind a token', async () => {
    const docs = (await fetch(`${t.app.url}/api-docs-json`).then((r) => r.json())) as {
      paths: Record<string, { get?: { security?: unknown[] } }>;
    };
    const guarded = Object.entries(docs.paths)
      .filter(([, operations]) => operations.get && !(operations.get.security ?? []).some((s) => Object.keys(s as object).length === 0))
      .map(([path]) => path);
    expect(guarded.sort()).toEqual(ROUTES.map((row) => row.route).sort());
  });

  describe.each(ROUTES)('GET $route', (row) => {
    it.each(CALLERS)('as %s: own, other, missing', async (caller) => {
      const answered: [Target, number][] = [];
      for (const target of ['own', 'other', 'missing'] as const)
        answered.push([target, (await t.get(row.path(target), tokens[caller])).status]);
      expect(answered).toEqual([
        ['own', row.expected[caller][0]],
        ['other', row.expected[caller][1]],
        ['missing', row.expected[caller][2]],
      ]);
    });
  });

  it('leaves units outside the reach out of the tree and the search', async () => {
    const mine = [code('DIST'), code('DISTJW'), code('EDU')];
    const all = [...mine, code('OTHER'), code('OTHERJW')];
    const codes = (nodes: { code: string; children?: unknown[] }[]): string[] =>
      nodes.flatMap((n) => [n.code, ...codes((n.children ?? []) as { code: string; children?: unknown[] }[])]);
    const expected: [Caller, string[]][] = [
      ['registry_admin', all],
      ['auditor', all],
      ['unit_officer', mine],
      ['commission_officer', mine],
      ['self', [code('OTHER'), code('OTHERJW')]],
    ];
    for (const [caller, visible] of expected) {
      const tree = await t.get('/units', tokens[caller]);
      expect([caller, codes(tree.body.units).sort()]).toEqual([caller, visible.sort()]);
      const search = await t.get(`/units/search?q=${encodeURIComponent('单位')}`, tokens[caller]);
      const found = (search.body.units as { code: string }[]).map((u) => u.code);
      expect([caller, found.sort()]).toEqual([caller, visible.sort()]);
    }
    const otherCommission = t.app.token(['commission_officer'], [code('OTHERJW')]);
    expect(codes((await t.get('/units', otherCommission)).body.units)).toEqual([code('OTHER'), code('OTHERJW')]);
  });

  it('shows contact details and birth year only to registry administrators and the person, relations only to administrators and commission officers', async () => {
    const BASE = ['name', 'signingKeys', 'staffNumber', 'version'];
    const PERSONAL = ['birthYear', 'contact', 'gender'];
    const expected: [Caller, string[], string[] | undefined][] = [
      ['registry_admin', [...BASE, ...PERSONAL, 'relations'], [code('EDU'), code('OTHER')]],
      ['auditor', BASE, undefined],
      ['unit_officer', BASE, undefined],
      ['commission_officer', [...BASE, 'relations'], [code('EDU')]],
      ['self', [...BASE, ...PERSONAL], undefined],
    ];
    for (const [caller, fields, relationUnits] of expected) {
      const { body } = await t.get(`/people/${code('HEAD')}`, tokens[caller]);
      expect([caller, Object.keys(body).sort()]).toEqual([caller, fields.sort()]);
      const relations = body.relations as { unitCode: string; note?: string }[] | undefined;
      expect([caller, relations?.map((r) => r.unitCode).sort()]).toEqual([caller, relationUnits?.sort()]);
    }
    const seenByCommission = (await t.get(`/people/${code('HEAD')}`, tokens.commission_officer)).body;
    expect(seenByCommission.relations).toEqual([expect.objectContaining({ kinship: 'spouse', note: '配偶在本单位任职' })]);
    expect((await t.get(`/people/${code('HEAD')}`, tokens.self)).body).toMatchObject({
      birthYear: 1975,
      contact: { phone: '0371-7654321' },
    });
  });

  it("lists a person's appointments in units within reach, and all of one's own", async () => {
    const unitsOf = async (staff: string, caller: Caller) =>
      ((await t.get(`/people/${code(staff)}/appointments`, tokens[caller])).body.appointments as { unitCode: string }[]).map(
        (a) => a.unitCode,
      );
    expect(await unitsOf('OTHERHEAD', 'auditor')).toEqual([code('OTHER')]);
    expect(await unitsOf('OTHERHEAD', 'unit_officer')).toEqual([]);
    expect(await unitsOf('HEAD', 'unit_officer')).toEqual([code('EDU')]);
    expect(await unitsOf('HEAD', 'self')).toEqual([code('EDU')]);
  });
});
