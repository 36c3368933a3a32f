import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { DomainError, type Command, type Decider, type DomainEvent } from '@app/domain';
import { adminQuery, createTestDatabase, type TestDatabase } from '@app/testing';
import { EventStore, executeCommand, Sealer, grantServiceRole, STREAM_CONFLICT, IDEMPOTENCY_KEY_REUSED } from '.';

type LedgerEvent = DomainEvent<'EntryRecorded', { amount: number; note: string }>;
type LedgerCommand = Command<'RecordEntry', { amount: number; note: string }>;
type LedgerState = { entries: number; total: number };

const ledger: Decider<LedgerState, LedgerCommand, LedgerEvent> = {
  initialState: () => ({ entries: 0, total: 0 }),
  decide: (command) => {
    if (command.data.amount <= 0) throw new DomainError('LEDGER.NON_POSITIVE', '金额必须为正');
    return [{ type: 'EntryRecorded', data: command.data }];
  },
  evolve: (state, event) => ({ entries: state.entries + 1, total: state.total + event.data.amount }),
};

const actor = { personId: 'p-001', unitId: 'U001' };
const metadata = { actor, correlationId: 'corr-1' };
const record = (amount: number, note = '台账记录', now = new Date()): LedgerCommand => ({
  type: 'RecordEntry',
  data: { amount, note },
  metadata: { now, actor },
});

describe('event store (PostgreSQL)', () => {
  let db: TestDatabase;
  let store: EventStore;
  let sealer: Sealer;

  beforeAll(async () => {
    db = await createTestDatabase('es_test');
    store = new EventStore(db.pool, { source: 'test', hashAlgorithm: 'sm3' });
    sealer = new Sealer(db.pool, 'sm3');
  });
  afterAll(async () => {
    await sealer.stop();
    await db.drop();
    // Roles belong to the cluster, not the dropped database.
    await adminQuery(`DROP ROLE IF EXISTS svc_${db.name}`);
  });

  const appendOne = (streamId: string, expectedVersion: number, previousHash: string | null, note = '事项') =>
    store.append({ streamId, expectedVersion, previousHash, events: [{ type: 'EntryRecorded', data: { amount: 1, note } }], metadata });

  it('appends, reads a stream back and folds it as of a version or an instant', async () => {
    const streamId = `ledger-${randomUUID()}`;
    const first = await executeCommand(store, ledger, streamId, record(5, '第一笔', new Date('2026-01-10T02:00:00Z')), {
      correlationId: 'c',
    });
    await executeCommand(store, ledger, streamId, record(7, '第二笔', new Date('2026-03-01T02:00:00Z')), { correlationId: 'c' });
    const events = await store.readStream(streamId);
    expect(events.map((e) => [e.version, e.type, (e.data as { note: string }).note])).toEqual([
      [1, 'EntryRecorded', '第一笔'],
      [2, 'EntryRecorded', '第二笔'],
    ]);
    expect(events[1].position).toBeGreaterThan(first.positions[0]);
    expect(events[0].metadata).toEqual({ actor, correlationId: 'c' });
    expect(await store.readStream(streamId, { toVersion: 1 })).toHaveLength(1);
    expect(await store.readStream(streamId, { at: new Date('2026-02-01T00:00:00Z') })).toHaveLength(1);
  });

  it('lets exactly one of 100 concurrent appends at the same expected version win, leaving no gap', async () => {
    const streamId = `ledger-${randomUUID()}`;
    await appendOne(streamId, 0, null);
    const [head] = await store.readStream(streamId);
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => appendOne(streamId, 1, head.contentHash, `并发${i}`)));
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.every((o) => o.reason instanceof DomainError && o.reason.code === STREAM_CONFLICT)).toBe(true);
    expect((await store.readStream(streamId)).map((e) => e.version)).toEqual([1, 2]);
  });

  it('decides again on the fresh state when a command loses a race, unless the caller named a version', async () => {
    const streamId = `ledger-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => executeCommand(store, ledger, streamId, record(1), { correlationId: 'c', maxAttempts: 20 })),
    );
    expect(results.map((r) => r.toVersion).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await expect(executeCommand(store, ledger, streamId, record(1), { correlationId: 'c', expectedVersion: 3 })).rejects.toMatchObject({
      code: STREAM_CONFLICT,
      kind: 'precondition',
    });
  });

  it('returns the first result for a retried idempotent command and writes nothing new', async () => {
    const streamId = `ledger-${randomUUID()}`;
    const key = randomUUID();
    const first = await executeCommand(store, ledger, streamId, record(3), { correlationId: 'c', idempotencyKey: key });
    const retried = await executeCommand(store, ledger, streamId, record(3), { correlationId: 'c', idempotencyKey: key });
    expect(retried).toMatchObject({ replayed: true, toVersion: first.toVersion, eventIds: first.eventIds });
    expect(retried.state).toEqual(first.state);
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('writes once when the same idempotent request arrives many times at once', async () => {
    const streamId = `ledger-${randomUUID()}`;
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.append({
          streamId,
          expectedVersion: 0,
          previousHash: null,
          events: [{ type: 'EntryRecorded', data: { amount: 1, note: '同一请求' } }],
          metadata,
          idempotencyKey: key,
        }),
      ),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.eventIds[0])).size).toBe(1);
    expect(new Set(results.map((r) => r.positions[0])).size).toBe(1);
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('refuses an idempotency key reused for a different request', async () => {
    const streamId = `ledger-${randomUUID()}`;
    const key = randomUUID();
    await appendOne(streamId, 0, null);
    const [head] = await store.readStream(streamId);
    await store.append({
      streamId,
      expectedVersion: 1,
      previousHash: head.contentHash,
      events: [{ type: 'EntryRecorded', data: { amount: 1, note: 'a' } }],
      metadata,
      idempotencyKey: key,
    });
    await expect(
      store.append({
        streamId,
        expectedVersion: 2,
        previousHash: null,
        events: [{ type: 'EntryRecorded', data: { amount: 9, note: 'b' } }],
        metadata,
        idempotencyKey: key,
      }),
    ).rejects.toMatchObject({ code: IDEMPOTENCY_KEY_REUSED });
    expect(await store.readStream(streamId)).toHaveLength(2);
  });

  it('writes nothing when the decision is refused', async () => {
    const streamId = `ledger-${randomUUID()}`;
    await expect(
      executeCommand(store, ledger, streamId, record(-1), { correlationId: 'c', idempotencyKey: randomUUID() }),
    ).rejects.toMatchObject({
      code: 'LEDGER.NON_POSITIVE',
    });
    expect(await store.readStream(streamId)).toHaveLength(0);
  });

  it('never lets a reader skip events whose transactions commit out of order', async () => {
    const before = await store.lastSealedSeq();
    await sealer.sealPending();
    const start = await store.lastSealedSeq();
    expect(start).toBeGreaterThanOrEqual(before);
    const clients = await Promise.all(Array.from({ length: 12 }, () => db.pool.connect()));
    const appended: string[] = [];
    try {
      // Each transaction takes its position now, but commits later in shuffled order.
      for (const [i, client] of clients.entries()) {
        await client.query('BEGIN');
        const txStore = new EventStore(client as unknown as Pool, { source: 'test', hashAlgorithm: 'sm3' });
        const result = await txStore.append({
          streamId: `late-${randomUUID()}`,
          expectedVersion: 0,
          previousHash: null,
          events: [{ type: 'EntryRecorded', data: { amount: i + 1, note: `迟到${i}` } }],
          metadata,
        });
        appended.push(result.eventIds[0]);
      }
      const seen: string[] = [];
      let cursor = start;
      const follow = async () => {
        await sealer.sealPending();
        for (const event of await store.readSealed(cursor, 1000)) {
          seen.push(event.eventId);
          cursor = event.seq;
        }
      };
      const order = clients.map((_, i) => i).sort(() => Math.random() - 0.5);
      for (const i of order) {
        await follow();
        await clients[i].query('COMMIT');
        await follow();
      }
      // Sealing waits for the oldest transaction in the cluster, which tests beside this one may hold.
      for (const deadline = Date.now() + 15_000; Date.now() < deadline && !appended.every((id) => seen.includes(id));) {
        await follow();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const ours = seen.filter((id) => appended.includes(id));
      expect(ours.sort()).toEqual([...appended].sort());
      expect(new Set(seen).size).toBe(seen.length);
    } finally {
      for (const client of clients) client.release();
    }
  });

  describe('the database itself', () => {
    it('rejects UPDATE, DELETE and TRUNCATE of the log', async () => {
      const streamId = `ledger-${randomUUID()}`;
      await appendOne(streamId, 0, null);
      await expect(db.pool.query(`UPDATE es_events SET data = '{}' WHERE stream_id = $1`, [streamId])).rejects.toThrow(/append-only/);
      await expect(db.pool.query(`DELETE FROM es_events WHERE stream_id = $1`, [streamId])).rejects.toThrow(/append-only/);
      await expect(db.pool.query(`TRUNCATE es_events CASCADE`)).rejects.toThrow(/append-only/);
      await expect(db.pool.query(`TRUNCATE es_seal`)).rejects.toThrow(/append-only/);
    });

    it('gives the service role INSERT and SELECT only on the log', async () => {
      const role = `svc_${db.name}`;
      await grantServiceRole(db.pool, role);
      const client = await db.pool.connect();
      try {
        await client.query(`SET ROLE ${role}`);
        await client.query('SELECT count(*) FROM es_events');
        await expect(client.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied/);
        await expect(client.query(`UPDATE es_events SET type = 'x' WHERE false`)).rejects.toThrow(/permission denied/);
        await expect(client.query(`DELETE FROM es_seal WHERE false`)).rejects.toThrow(/permission denied/);
      } finally {
        await client.query('RESET ROLE');
        client.release();
      }
    });
  });
});
