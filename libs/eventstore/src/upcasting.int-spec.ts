import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Command, Decider, DomainEvent } from '@app/domain';
import { createTestDatabase, PG_CONNECTION, type TestDatabase } from '@app/testing';
import { EventStore, executeCommand, ProjectionRunner, Sealer, Upcasters, verifyChain, type Projection } from '.';

// Version 1 of EntryRecorded carried a bare amount; version 2 an amount with its currency.
type EntryV1 = DomainEvent<'EntryRecorded', { amount: number; note: string }>;
type EntryV2 = DomainEvent<'EntryRecorded', { amount: { value: number; currency: string }; note: string }>;
type Record = Command<'RecordEntry', { amount: number; note: string }>;

const actor = { personId: 'p-001' };
const record = (amount: number, note: string): Record => ({
  type: 'RecordEntry',
  data: { amount, note },
  metadata: { now: new Date(), actor },
});

const ledgerV1: Decider<number, Record, EntryV1> = {
  initialState: () => 0,
  decide: (command) => [{ type: 'EntryRecorded', data: command.data }],
  evolve: (total, event) => total + event.data.amount,
};

const ledgerV2: Decider<number, Record, EntryV2> = {
  initialState: () => 0,
  decide: (command) => [
    { type: 'EntryRecorded', schemaVersion: 2, data: { amount: { value: command.data.amount, currency: 'CNY' }, note: command.data.note } },
  ],
  evolve: (total, event) => total + event.data.amount.value,
};

const upcasters = new Upcasters().register('EntryRecorded', 1, (data: EntryV1['data']): EntryV2['data'] => ({
  amount: { value: data.amount, currency: 'CNY' },
  note: data.note,
}));

/** Totals per stream in the version 2 shape; version 2 of the projection is the rebuild. */
const totals = (version: number): Projection => ({
  name: 'ledger-totals',
  version,
  handles: ['EntryRecorded'],
  reset: async (manager) => void (await manager.query('TRUNCATE ledger_totals')),
  apply: async (event, manager) => {
    const data = event.data as EntryV2['data'];
    await manager.query(
      `INSERT INTO ledger_totals (stream_id, version, total) VALUES ($1, $2, $3)
       ON CONFLICT (stream_id) DO UPDATE SET total = ledger_totals.total + EXCLUDED.total, version = EXCLUDED.version
       WHERE ledger_totals.version = EXCLUDED.version - 1`,
      [event.streamId, event.version, data.amount.value],
    );
  },
});

describe('schema evolution: stored versions, upcasting on read, rebuilt projections and the audit feed', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('upcast_test');
    await db.pool.query('CREATE TABLE ledger_totals (stream_id text PRIMARY KEY, version int NOT NULL, total numeric NOT NULL)');
    dataSource = new DataSource({ type: 'postgres', ...PG_CONNECTION, username: PG_CONNECTION.user, database: db.name });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('stores the version the decider produced and lifts only older ones', async () => {
    const streamId = `ledger-${randomUUID()}`;
    const before = new EventStore(db.pool, { source: 'test', hashAlgorithm: 'sm3' });
    await executeCommand(before, ledgerV1, streamId, record(5, '旧一'), { correlationId: 'c' });
    await executeCommand(before, ledgerV1, streamId, record(7, '旧二'), { correlationId: 'c' });

    // The new shape ships: its upcaster, and a decider that produces version 2.
    const after = new EventStore(db.pool, { source: 'test', hashAlgorithm: 'sm3', upcasters });
    const third = await executeCommand(after, ledgerV2, streamId, record(11, '新一'), { correlationId: 'c' });
    expect(third.state).toBe(23);
    await executeCommand(after, ledgerV2, streamId, record(13, '新二'), { correlationId: 'c' });

    const { rows } = await db.pool.query<{ schema_version: number }>(
      'SELECT schema_version FROM es_events WHERE stream_id = $1 ORDER BY version',
      [streamId],
    );
    expect(rows.map((r) => r.schema_version)).toEqual([1, 1, 2, 2]);

    const stream = await after.readStream(streamId);
    expect(stream.map((e) => [e.schemaVersion, e.data])).toEqual([
      [2, { amount: { value: 5, currency: 'CNY' }, note: '旧一' }],
      [2, { amount: { value: 7, currency: 'CNY' }, note: '旧二' }],
      [2, { amount: { value: 11, currency: 'CNY' }, note: '新一' }],
      [2, { amount: { value: 13, currency: 'CNY' }, note: '新二' }],
    ]);
    expect(stream.map((e) => e.stored)).toEqual([
      { schemaVersion: 1, data: { amount: 5, note: '旧一' } },
      { schemaVersion: 1, data: { amount: 7, note: '旧二' } },
      undefined,
      undefined,
    ]);

    // Sealed, the audit feed shows the stored form the hash covers beside the upcast form.
    const sealer = new Sealer(db.pool, 'sm3');
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      await sealer.sealPending();
      if ((await after.readSealed(0, 100)).length >= 4) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const feed = (await after.readSealed(0, 100)).filter((e) => e.streamId === streamId);
    expect(feed.map((e) => [e.schemaVersion, e.stored?.schemaVersion ?? e.schemaVersion])).toEqual([
      [2, 1],
      [2, 1],
      [2, 2],
      [2, 2],
    ]);
    expect(await verifyChain(db.pool, 'sm3')).toMatchObject({ ok: true });

    // A projection built before, and rebuilt (version bump) from the sealed log, reads the new shape throughout.
    for (const version of [1, 2]) {
      await new ProjectionRunner(after, dataSource, [totals(version)]).catchUp();
      const { rows: total } = await db.pool.query<{ total: string; version: number }>(
        'SELECT total::text, version FROM ledger_totals WHERE stream_id = $1',
        [streamId],
      );
      expect(total).toEqual([{ total: '36', version: 4 }]);
    }
  });
});
