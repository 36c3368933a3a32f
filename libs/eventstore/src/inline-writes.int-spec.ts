import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError, type Command, type Decider, type DomainEvent } from '@app/domain';
import { createTestDatabase, PG_CONNECTION, type TestDatabase } from '@app/testing';
import {
  EventStore,
  executeCommand,
  ProjectionRunner,
  STREAM_CONFLICT,
  type FoldedStream,
  type InlineWrite,
  type PendingEvent,
  type Projection,
  type StoredEvent,
} from '.';

type Entry = DomainEvent<'EntryRecorded', { amount: number; note: string }>;
type Record = Command<'RecordEntry', { amount: number; note: string }>;
type Ledger = { entries: number; total: number };

const ledger: Decider<Ledger, Record, Entry> = {
  initialState: () => ({ entries: 0, total: 0 }),
  decide: (command) => [{ type: 'EntryRecorded', data: command.data }],
  evolve: (state, event) => ({ entries: state.entries + 1, total: state.total + event.data.amount }),
};

const actor = { personId: 'p-001', unitId: 'U001' };
const record = (amount: number, note = '台账记录'): Record => ({
  type: 'RecordEntry',
  data: { amount, note },
  metadata: { now: new Date(), actor },
});

/** One row per ledger: what the fold says, written from the fold alone when offered. */
function totals(options: { readonly inline: boolean }): Projection {
  const upsert = (streamId: string, state: Ledger, version: number): InlineWrite => ({
    text: `INSERT INTO ledger_totals (stream_id, entries, total, version) VALUES ($1, $2, $3, $4)
           ON CONFLICT (stream_id) DO UPDATE SET entries = excluded.entries, total = excluded.total, version = excluded.version`,
    values: [streamId, state.entries, state.total, version],
  });
  const fold = (state: Ledger, version: number, events: readonly { version: number; data: unknown }[]) => {
    for (const event of events) {
      if (event.version !== version + 1) continue;
      state = ledger.evolve(state, event as unknown as Entry);
      version = event.version;
    }
    return { state, version };
  };
  return {
    name: 'ledger-totals',
    version: 1,
    handles: ['EntryRecorded'],
    reset: (manager) => manager.query('TRUNCATE ledger_totals'),
    apply: (event, manager) => totals(options).applyAll!([event], manager),
    async applyAll(events: readonly StoredEvent[], manager) {
      const streamId = events[0].streamId;
      const rows: { entries: number; total: number; version: number }[] = await manager.query(
        'SELECT entries, total, version FROM ledger_totals WHERE stream_id = $1',
        [streamId],
      );
      const { state, version } = fold(rows[0] ?? ledger.initialState(), rows[0]?.version ?? 0, events);
      const write = upsert(streamId, state, version);
      await manager.query(write.text, [...write.values]);
    },
    ...(options.inline
      ? {
          inlineWrites(events: readonly PendingEvent[], folded: FoldedStream): readonly InlineWrite[] {
            const { state, version } = fold(folded.state as Ledger, folded.version, events);
            return [upsert(folded.streamId, state, version)];
          },
        }
      : {}),
  };
}

/** A second model in the same statement: one row per entry, numbered by stream version. */
const entries: Projection = {
  name: 'ledger-entries',
  version: 1,
  handles: ['EntryRecorded'],
  reset: (manager) => manager.query('TRUNCATE ledger_entries'),
  apply: (event, manager) => entries.applyAll!([event], manager),
  async applyAll(events, manager) {
    for (const write of entries.inlineWrites!(events, undefined as never)!) await manager.query(write.text, [...write.values]);
  },
  inlineWrites: (events) => [
    {
      text: `INSERT INTO ledger_entries (stream_id, version, amount)
             SELECT $1, v, a FROM unnest($2::int[], $3::int[]) AS x(v, a) ON CONFLICT DO NOTHING`,
      values: [events[0].streamId, events.map((e) => e.version), events.map((e) => (e.data as Entry['data']).amount)],
    },
  ],
};

describe('inline writes: the append and its read models in one statement', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('es_inline');
    await db.pool
      .query(`CREATE TABLE ledger_totals (stream_id text PRIMARY KEY, entries int NOT NULL, total int NOT NULL CHECK (total < 1000), version int NOT NULL);
      CREATE TABLE ledger_entries (stream_id text, version int, amount int, PRIMARY KEY (stream_id, version))`);
    dataSource = await new DataSource({ type: 'postgres', ...PG_CONNECTION, username: PG_CONNECTION.user, database: db.name }).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  /** A store whose inline projections are these; counts the transactions it opens for them. */
  function storeWith(projections: readonly Projection[]) {
    const store = new EventStore(db.pool, { source: 'test', hashAlgorithm: 'sm3' });
    const runner = new ProjectionRunner(store, dataSource, projections);
    const counted = { transactions: 0 };
    const transaction = runner.transaction.bind(runner);
    runner.transaction = (work) => {
      counted.transactions += 1;
      return transaction(work);
    };
    store.projectInline(runner);
    return { store, counted };
  }
  const totalsOf = async (streamId: string) =>
    (await db.pool.query('SELECT entries, total, version FROM ledger_totals WHERE stream_id = $1', [streamId])).rows[0];
  const eventsOf = async (streamId: string) =>
    Number((await db.pool.query('SELECT count(*) FROM es_events WHERE stream_id = $1', [streamId])).rows[0].count);

  it('writes every read model with the events, without opening a transaction, parameters numbered apart', async () => {
    const { store, counted } = storeWith([totals({ inline: true }), entries]);
    const streamId = `ledger-${randomUUID()}`;
    await executeCommand(store, ledger, streamId, record(5), { correlationId: 'c' });
    await executeCommand(store, ledger, streamId, record(7), { correlationId: 'c' });
    expect(counted.transactions).toBe(0);
    expect(await totalsOf(streamId)).toEqual({ entries: 2, total: 12, version: 2 });
    expect(
      (await db.pool.query('SELECT version, amount FROM ledger_entries WHERE stream_id = $1 ORDER BY version', [streamId])).rows,
    ).toEqual([
      { version: 1, amount: 5 },
      { version: 2, amount: 7 },
    ]);
  });

  it('falls back to a transaction when one projection cannot tell its rows from the fold, with the same rows', async () => {
    const { store, counted } = storeWith([totals({ inline: false }), entries]);
    const streamId = `ledger-${randomUUID()}`;
    await executeCommand(store, ledger, streamId, record(5), { correlationId: 'c' });
    await executeCommand(store, ledger, streamId, record(7), { correlationId: 'c' });
    expect(counted.transactions).toBe(2);
    expect(await totalsOf(streamId)).toEqual({ entries: 2, total: 12, version: 2 });
  });

  it('writes nothing, read models included, when the version is stale, and says which version the stream is at', async () => {
    const { store } = storeWith([totals({ inline: true })]);
    const streamId = `ledger-${randomUUID()}`;
    const first = await executeCommand(store, ledger, streamId, record(5), { correlationId: 'c' });
    const stale = store.append({
      streamId,
      expectedVersion: 0,
      previousHash: null,
      events: [{ type: 'EntryRecorded', data: { amount: 100, note: '迟到的' } }],
      metadata: { actor, correlationId: 'c-stale' },
      folded: {
        streamId,
        version: 0,
        state: ledger.initialState(),
        evolve: ledger.evolve,
        initialState: ledger.initialState,
        types: new Set(),
      },
    });
    await expect(stale).rejects.toMatchObject({ code: STREAM_CONFLICT, details: { actual: 1, expected: 0 } });
    expect(first.toVersion).toBe(1);
    expect(await totalsOf(streamId)).toEqual({ entries: 1, total: 5, version: 1 });
    expect(await eventsOf(streamId)).toBe(1);
  });

  it('answers a retried key with the first result and writes the read models once', async () => {
    const { store } = storeWith([totals({ inline: true }), entries]);
    const streamId = `ledger-${randomUUID()}`;
    const key = randomUUID();
    const first = await executeCommand(store, ledger, streamId, record(5), { correlationId: 'c', idempotencyKey: key });
    const again = await Promise.all(
      [1, 2, 3].map(() => executeCommand(store, ledger, streamId, record(5), { correlationId: 'c', idempotencyKey: key })),
    );
    for (const result of again) expect(result).toMatchObject({ replayed: true, toVersion: first.toVersion, eventIds: first.eventIds });
    expect(await totalsOf(streamId)).toEqual({ entries: 1, total: 5, version: 1 });
    expect(await eventsOf(streamId)).toBe(1);
  });

  it('appends nothing when a read model refuses its row: events and rows commit together or not at all', async () => {
    const { store } = storeWith([totals({ inline: true }), entries]);
    const streamId = `ledger-${randomUUID()}`;
    await executeCommand(store, ledger, streamId, record(500), { correlationId: 'c' });
    // total < 1000 is the read model's own CHECK: the second entry breaks it.
    await expect(executeCommand(store, ledger, streamId, record(600), { correlationId: 'c' })).rejects.toMatchObject({ code: '23514' });
    expect(await eventsOf(streamId)).toBe(1);
    expect(await totalsOf(streamId)).toEqual({ entries: 1, total: 500, version: 1 });
    expect(Number((await db.pool.query('SELECT count(*) FROM ledger_entries WHERE stream_id = $1', [streamId])).rows[0].count)).toBe(1);
  });

  it('refuses a write that names a parameter it does not pass, before anything is sent', async () => {
    const broken: Projection = {
      ...entries,
      name: 'broken',
      inlineWrites: () => [{ text: 'DELETE FROM ledger_entries WHERE stream_id = $2', values: ['x'] }],
    };
    const { store } = storeWith([broken]);
    const streamId = `ledger-${randomUUID()}`;
    await expect(executeCommand(store, ledger, streamId, record(1), { correlationId: 'c' })).rejects.toThrow(
      /inline write uses \$2 of 1 values/,
    );
    expect(await eventsOf(streamId)).toBe(0);
  });

  it('keeps a refused decision a DomainError, with nothing written', async () => {
    const refusing: Decider<Ledger, Record, Entry> = {
      ...ledger,
      decide: () => {
        throw new DomainError('LEDGER.CLOSED', '台账已关闭');
      },
    };
    const { store } = storeWith([totals({ inline: true })]);
    const streamId = `ledger-${randomUUID()}`;
    await expect(executeCommand(store, refusing, streamId, record(1), { correlationId: 'c' })).rejects.toMatchObject({
      code: 'LEDGER.CLOSED',
    });
    expect(await eventsOf(streamId)).toBe(0);
  });
});
