import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import { DomainError } from '@app/domain';
import { adminQuery, createTestDatabase, PG_CONNECTION, type TestDatabase } from '@app/testing';
import {
  ERASED_VALUE,
  EventStore,
  grantServiceRole,
  PERSONAL_DATA_ERASED,
  PERSONAL_VALUE,
  Sealer,
  verifyChain,
  type PersonalDataPolicy,
} from '.';

type Registered = { member: string; name: string; phone?: string; address?: { city: string; street: string } };

const policy: PersonalDataPolicy = {
  fields: {
    MemberRegistered: { subject: (data: Registered) => `member:${data.member}`, paths: ['phone', 'address.street'] },
  },
  erasures: {
    MemberErased: (data: { member: string; basis: string }) => ({ subject: `member:${data.member}`, legalBasis: data.basis }),
  },
};

const metadata = { actor: { personId: 'p-001' }, correlationId: 'corr-pii' };

describe('personal data in the event store', () => {
  let db: TestDatabase;
  let store: EventStore;
  let sealer: Sealer;

  beforeAll(async () => {
    db = await createTestDatabase('es_pii');
    store = new EventStore(db.pool, { source: 'test', hashAlgorithm: 'sm3', personalData: policy });
    sealer = new Sealer(db.pool, 'sm3');
  });
  afterAll(async () => {
    await sealer.stop();
    await db.drop();
    await adminQuery(`DROP ROLE IF EXISTS svc_${db.name}`);
    await adminQuery(`DROP ROLE IF EXISTS other_${db.name}`);
  });

  const register = (
    member: string,
    data: Partial<Registered> = {},
    streamId = `member-${member}`,
    expectedVersion = 0,
    previousHash: string | null = null,
  ) =>
    store.append({
      streamId,
      expectedVersion,
      previousHash,
      events: [
        {
          type: 'MemberRegistered',
          data: { member, name: '李四', phone: '13800000000', address: { city: '郑州', street: '金水路 1 号' }, ...data },
        },
      ],
      metadata,
    });

  it('stores personal values encrypted under the hash, folds them back, and masks them for auditors', async () => {
    const member = randomUUID();
    await register(member);
    const { rows } = await db.pool.query<{ data: Record<string, any> }>('SELECT data FROM es_events WHERE stream_id = $1', [
      `member-${member}`,
    ]);
    expect(JSON.stringify(rows[0].data)).not.toContain('13800000000');
    expect(JSON.stringify(rows[0].data)).not.toContain('金水路');
    expect(rows[0].data).toMatchObject({ name: '李四', address: { city: '郑州' }, phone: { $personal: expect.stringMatching(/^sm4ctr/) } });
    const [revealed] = await store.readStream(`member-${member}`);
    expect(revealed.data).toEqual({ member, name: '李四', phone: '13800000000', address: { city: '郑州', street: '金水路 1 号' } });
    expect(revealed.stored?.data).toEqual(rows[0].data);
    const [masked] = await store.readStream(`member-${member}`, { personalData: 'mask' });
    expect(masked.data).toMatchObject({ phone: PERSONAL_VALUE, address: { city: '郑州', street: PERSONAL_VALUE } });
    // An event without personal values needs no key.
    const bare = randomUUID();
    await register(bare, { phone: undefined, address: undefined });
    expect((await db.pool.query('SELECT 1 FROM es_subject_keys WHERE subject = $1', [`member:${bare}`])).rowCount).toBe(0);
  });

  it('gives a new subject one key however many appends race for it', async () => {
    const member = randomUUID();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => register(member, { phone: `1380000${String(i).padStart(4, '0')}` }, `member-${member}-${i}`)),
    );
    const streams = await Promise.all(Array.from({ length: 12 }, (_, i) => store.readStream(`member-${member}-${i}`)));
    expect(streams.map(([event]) => (event.data as Registered).phone)).toEqual(
      Array.from({ length: 12 }, (_, i) => `1380000${String(i).padStart(4, '0')}`),
    );
  });

  it('erases with the erasure event: the values read as erased, new ones are refused, and the chain verifies', async () => {
    const member = randomUUID();
    const first = await register(member);
    // An erasure that does not commit destroys nothing.
    await expect(
      store.append({
        streamId: `member-${member}`,
        expectedVersion: 0,
        previousHash: null,
        events: [{ type: 'MemberErased', data: { member, basis: 'pipl_art47_consent_withdrawn' } }],
        metadata,
      }),
    ).rejects.toThrow(DomainError);
    expect(((await store.readStream(`member-${member}`))[0].data as Registered).phone).toBe('13800000000');
    await store.append({
      streamId: `member-${member}`,
      expectedVersion: 1,
      previousHash: first.lastContentHash!,
      events: [{ type: 'MemberErased', data: { member, basis: 'pipl_art47_consent_withdrawn' } }],
      metadata,
    });
    const [revealed] = await store.readStream(`member-${member}`);
    expect(revealed.data).toEqual({ member, name: '李四', phone: null, address: { city: '郑州', street: null } });
    const [masked] = await store.readStream(`member-${member}`, { personalData: 'mask' });
    expect(masked.data).toMatchObject({ phone: ERASED_VALUE, address: { street: ERASED_VALUE } });
    const { rows: keys } = await db.pool.query('SELECT key, legal_basis FROM es_subject_keys WHERE subject = $1', [`member:${member}`]);
    expect(keys).toEqual([{ key: null, legal_basis: 'pipl_art47_consent_withdrawn' }]);
    await expect(register(member, {}, `member-${member}-again`)).rejects.toMatchObject({ code: PERSONAL_DATA_ERASED });
    await register(member, { phone: undefined, address: undefined }, `member-${member}-bare`);
    await sealer.sealPending();
    expect(await verifyChain(db.pool, 'sm3')).toMatchObject({ ok: true });
  });

  it('lets the service role create and erase keys, nothing else; other roles do not read them', async () => {
    const role = `svc_${db.name}`;
    const password = randomUUID();
    await grantServiceRole(db.pool, role, password);
    await adminQuery(`CREATE ROLE other_${db.name} LOGIN`);
    const member = randomUUID();
    const service = new Pool({ ...PG_CONNECTION, database: db.name, user: role, password, max: 2 });
    const other = new Client({ ...PG_CONNECTION, database: db.name, user: `other_${db.name}` });
    await other.connect();
    try {
      const asService = new EventStore(service, { source: 'test', hashAlgorithm: 'sm3', personalData: policy });
      const first = await asService.append({
        streamId: `member-${member}`,
        expectedVersion: 0,
        previousHash: null,
        events: [{ type: 'MemberRegistered', data: { member, name: '王五', phone: '13900000000' } }],
        metadata,
      });
      const outcome = (sql: string, params: unknown[] = []) =>
        service.query(sql, params).then(
          () => 'accepted',
          (e: { code?: string }) => `${e.code}`,
        );
      const subject = `member:${member}`;
      expect({
        rekey: await outcome(`UPDATE es_subject_keys SET key = '\\x00112233445566778899aabbccddeeff' WHERE subject = $1`, [subject]),
        delete: await outcome('DELETE FROM es_subject_keys WHERE subject = $1', [subject]),
        truncate: await outcome('TRUNCATE es_subject_keys'),
        otherReads: await other.query('SELECT * FROM es_subject_keys').then(
          () => 'accepted',
          (e: { code?: string }) => `${e.code}`,
        ),
      }).toEqual({ rekey: '42501', delete: '42501', truncate: '42501', otherReads: '42501' });
      await asService.append({
        streamId: `member-${member}`,
        expectedVersion: 1,
        previousHash: first.lastContentHash!,
        events: [{ type: 'MemberErased', data: { member, basis: 'pipl_art47_retention_expired' } }],
        metadata,
      });
      expect(
        await outcome(`UPDATE es_subject_keys SET key = '\\x00112233445566778899aabbccddeeff', erased_at = NULL WHERE subject = $1`, [
          subject,
        ]),
      ).toBe('42501');
      expect(((await asService.readStream(`member-${member}`))[0].data as Registered).phone).toBeNull();
    } finally {
      await service.end();
      await other.end();
    }
  });
});
