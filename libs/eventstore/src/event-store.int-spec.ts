import { randomUUID } from 'node:crypto';
import { Client, type Pool } from 'pg';
import { DomainError, type Command, type Decider, type DomainEvent } from '@app/domain';
import { adminQuery, createTestDatabase, PG_CONNECTION, type TestDatabase } from '@app/testing';
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

  it('lets 50 concurrent non-conflicting writers to one stream all succeed, in one process and across several', async () => {
    for (const processes of [1, 5]) {
      const streamId = `ledger-${randomUUID()}`;
      const stores = Array.from({ length: processes }, () => new EventStore(db.pool, { source: 'test', hashAlgorithm: 'sm3' }));
      const started = performance.now();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          executeCommand(stores[i % processes], ledger, streamId, record(1, `写者${i}`), { correlationId: 'c' }),
        ),
      );
      const elapsed = performance.now() - started;
      const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => (o.reason as Error).message);
      process.stdout.write(
        `50 writers to one stream from ${processes} store(s): ${50 - failed.length} ok, ${failed.length} failed, ${elapsed.toFixed(0)} ms\n`,
      );
      expect(failed).toEqual([]);
      expect((await store.readStream(streamId)).map((e) => e.version)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    }
  });

  it('gives every concurrent retry of one idempotency key the first answer, even when a rule now refuses the command', async () => {
    type RegisterEvent = DomainEvent<'Registered', { code: string }>;
    const registry: Decider<{ registered: boolean }, Command<'Register', { code: string }>, RegisterEvent> = {
      initialState: () => ({ registered: false }),
      decide: (command, state) => {
        if (state.registered) throw new DomainError('UNIT.DUPLICATE_CODE', 'already registered', 'conflict');
        return [{ type: 'Registered', data: command.data }];
      },
      evolve: () => ({ registered: true }),
    };
    for (let round = 0; round < 5; round++) {
      const streamId = `unit-${randomUUID()}`;
      const key = randomUUID();
      // Separate stores: as many processes, each retrying the same request.
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () =>
          executeCommand(
            new EventStore(db.pool, { source: 'test', hashAlgorithm: 'sm3' }),
            registry,
            streamId,
            { type: 'Register', data: { code: streamId }, metadata: { now: new Date(), actor } },
            { correlationId: 'c', idempotencyKey: key },
          ),
        ),
      );
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as DomainError).code);
      expect(refused).toEqual([]);
      const answers = results.map((r) => (r as PromiseFulfilledResult<{ eventIds: readonly string[] }>).value.eventIds.join());
      expect(new Set(answers).size).toBe(1);
      expect(await store.readStream(streamId)).toHaveLength(1);
    }
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

  it('seals an append woken in-process only, even when another process held the sealing lock at the wake', async () => {
    // No NOTIFY and a poll far beyond the test: only the sealer's own retry after a missed lock can seal it.
    const quiet = new EventStore(db.pool, { source: 'test', hashAlgorithm: 'sm3' });
    const local = new Sealer(db.pool, 'sm3', { idlePollMs: 600_000 });
    quiet.onWake('es_appended', () => (local.wake(), true));
    await local.start();
    const other = await db.pool.connect();
    try {
      await other.query('BEGIN');
      await other.query('SELECT pg_advisory_xact_lock($1)', [0x5ea1]);
      const { eventIds } = await quiet.append({
        streamId: `woken-${randomUUID()}`,
        expectedVersion: 0,
        previousHash: null,
        events: [{ type: 'EntryRecorded', data: { amount: 1, note: '锁被占用时' } }],
        metadata,
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query('ROLLBACK');
      const sealed = async () =>
        (await db.pool.query('SELECT 1 FROM es_seal s JOIN es_events e USING (position) WHERE e.event_id = $1', [eventIds[0]])).rowCount;
      for (const deadline = Date.now() + 10_000; Date.now() < deadline && !(await sealed());) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await sealed()).toBe(1);
    } finally {
      other.release();
      await local.stop();
    }
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

    it("refuses the service role every change the log and the seal must not have, and other sessions' queries", async () => {
      const role = `svc_${db.name}`;
      const password = randomUUID();
      await grantServiceRole(db.pool, role, password);
      const streamId = `ledger-${randomUUID()}`;
      await appendOne(streamId, 0, null);
      const [head] = await store.readStream(streamId);
      await sealer.sealPending();
      const service = new Client({ ...PG_CONNECTION, database: db.name, user: role, password });
      await service.connect();
      // An owner's session whose query the service must not read.
      const owner = await db.pool.connect();
      try {
        const ownerQuery = owner.query(`SELECT pg_sleep(2) /* owner-secret-query */`);
        const refused = async (sql: string, params: unknown[] = []) => {
          const error = await service.query(sql, params).then(
            () => undefined,
            (e: Error & { code?: string }) => e,
          );
          return error ? `${error.code}` : 'accepted';
        };
        const insert = (columns: string, values: string, params: unknown[]) =>
          refused(
            `INSERT INTO es_events (stream_id, version, event_id, type, data, metadata, recorded_at, content_hash${columns})
                   VALUES ($1, $2, $3, 'EntryRecorded', '{}', '{}', now(), '\\x00'${values})`,
            params,
          );
        expect({
          updateLog: await refused(`UPDATE es_events SET type = 'x' WHERE stream_id = $1`, [streamId]),
          deleteLog: await refused(`DELETE FROM es_events WHERE stream_id = $1`, [streamId]),
          truncateLog: await refused('TRUNCATE es_events'),
          updateSeal: await refused('UPDATE es_seal SET chain_hash = chain_hash'),
          deleteSeal: await refused('DELETE FROM es_seal'),
          truncateSeal: await refused('TRUNCATE es_seal'),
          forgedTxId: await insert(', previous_hash, tx_id', ', $4, $5', [
            streamId,
            2,
            randomUUID(),
            Buffer.from(head.contentHash, 'hex'),
            '1',
          ]),
          forgedPreviousHash: await insert(', previous_hash', ', $4', [streamId, 2, randomUUID(), Buffer.from('forged')]),
          missingPreviousHash: await insert('', '', [streamId, 2, randomUUID()]),
          streamGap: await insert(', previous_hash', ', $4', [streamId, 5, randomUUID(), Buffer.from(head.contentHash, 'hex')]),
          bypassTriggers: await refused('SET session_replication_role = replica'),
          disableTrigger: await refused('ALTER TABLE es_events DISABLE TRIGGER es_events_immutable'),
        }).toEqual({
          updateLog: '42501',
          deleteLog: '42501',
          truncateLog: '42501',
          updateSeal: '42501',
          deleteSeal: '42501',
          truncateSeal: '42501',
          forgedTxId: '42501',
          forgedPreviousHash: 'ES409',
          missingPreviousHash: 'ES409',
          streamGap: 'ES409',
          bypassTriggers: '42501',
          disableTrigger: '42501',
        });
        const { rows: sessions } = await service.query<{ query: string }>(
          `SELECT query FROM pg_stat_activity WHERE datname = current_database() AND usename <> current_user`,
        );
        expect(sessions.length).toBeGreaterThan(0);
        expect(sessions.every((s) => s.query === '<insufficient privilege>')).toBe(true);
        const { rows: rights } = await service.query<{ stats: boolean; superuser: boolean }>(
          `SELECT pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER') AS stats, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user`,
        );
        expect(rights).toEqual([{ stats: false, superuser: false }]);
        // What it does need still works: the horizon, reading and appending through the store.
        await service.query('SELECT es_sealing_horizon()');
        const asService = new EventStore(service as unknown as Pool, { source: 'test', hashAlgorithm: 'sm3' });
        await expect(
          asService.append({
            streamId,
            expectedVersion: 1,
            previousHash: head.contentHash,
            events: [{ type: 'EntryRecorded', data: { amount: 2, note: '服务角色' } }],
            metadata,
          }),
        ).resolves.toMatchObject({ toVersion: 2 });
        await ownerQuery;
      } finally {
        owner.release();
        await service.end();
      }
    });

    it('sets the transaction id itself, whatever an insert says', async () => {
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{ stored: string; actual: string }>(
          `INSERT INTO es_events (stream_id, version, event_id, type, data, metadata, recorded_at, content_hash, tx_id)
           VALUES ($1, 1, $2, 'EntryRecorded', '{}', '{}', now(), '\\x00', '1')
           RETURNING tx_id::text AS stored, pg_current_xact_id()::text AS actual`,
          [`ledger-${randomUUID()}`, randomUUID()],
        );
        expect(rows[0].stored).toBe(rows[0].actual);
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    });
  });
});
