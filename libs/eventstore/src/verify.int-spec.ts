import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { EventStore, Sealer, verifyChain, type HashAlgorithm, type SealHalt } from '.';

const metadata = { actor: { personId: 'p-001' }, correlationId: 'corr' };

/** Three streams of three events, sealed: positions 1..9. */
async function sealedLog(algorithm: HashAlgorithm): Promise<{ db: TestDatabase; store: EventStore; sealer: Sealer }> {
  const db = await createTestDatabase('verify_test');
  const store = new EventStore(db.pool, { source: 'test', hashAlgorithm: algorithm });
  for (const stream of ['unit-A', 'unit-B', 'unit-C']) {
    let previousHash: string | null = null;
    for (let version = 0; version < 3; version++) {
      await store.append({
        streamId: stream,
        expectedVersion: version,
        previousHash,
        events: [{ type: 'NoteTaken', data: { text: `${stream} 第${version + 1}条` } }],
        metadata,
      });
      previousHash = (await store.readStream(stream)).at(-1)!.contentHash;
    }
  }
  const sealer = new Sealer(db.pool, algorithm);
  await sealAll(db, sealer);
  return { db, store, sealer };
}

/**
 * Seals until every event is in the chain. Sealing waits for the oldest running transaction in
 * the whole cluster, so tests running beside this one can hold it back for a moment.
 */
async function sealAll(db: TestDatabase, sealer: Sealer): Promise<void> {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
    await sealer.sealPending();
    const { rows } = await db.pool.query(
      'SELECT count(*)::int AS n FROM es_events e WHERE NOT EXISTS (SELECT 1 FROM es_seal s WHERE s.position = e.position)',
    );
    if (rows[0].n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('events were not sealed within 15 s');
}

/** Runs SQL as the superuser with the immutability triggers bypassed, as a tamperer would. */
async function tamper(db: TestDatabase, sql: string, params: unknown[] = []): Promise<void> {
  const client: PoolClient = await db.pool.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await client.query(sql, params);
  } finally {
    await client.query('SET session_replication_role = origin');
    client.release();
  }
}

describe('verify: the hash chain names the first position that was tampered with', () => {
  const cases: Array<[string, string, number, string]> = [
    ['an edited payload', `UPDATE es_events SET data = '{"text":"篡改"}' WHERE position = 5`, 5, 'CONTENT_HASH_MISMATCH'],
    [
      'an edited actor in metadata',
      `UPDATE es_events SET metadata = jsonb_set(metadata, '{actor,personId}', '"p-999"') WHERE position = 4`,
      4,
      'CONTENT_HASH_MISMATCH',
    ],
    [
      'an edited recorded time',
      `UPDATE es_events SET recorded_at = recorded_at - interval '1 day' WHERE position = 2`,
      2,
      'CONTENT_HASH_MISMATCH',
    ],
    ['a deleted event', `DELETE FROM es_events WHERE position = 6`, 6, 'MISSING_EVENT'],
    [
      'a deleted event and its seal entry',
      `DELETE FROM es_seal WHERE position = 6; DELETE FROM es_events WHERE position = 6`,
      7,
      'SEQ_GAP',
    ],
    [
      'two events of a stream swapped',
      `UPDATE es_events SET version = 99 WHERE stream_id = 'unit-B' AND version = 1;
      UPDATE es_events SET version = 1 WHERE stream_id = 'unit-B' AND version = 2;
      UPDATE es_events SET version = 2 WHERE stream_id = 'unit-B' AND version = 99`,
      4,
      'STREAM_GAP',
    ],
    [
      'contents of two events swapped',
      `UPDATE es_events e SET data = o.data FROM es_events o WHERE (e.position, o.position) IN ((7, 8), (8, 7))`,
      7,
      'CONTENT_HASH_MISMATCH',
    ],
    ['a rewritten seal link', `UPDATE es_seal SET chain_hash = '\\x00' WHERE seq = 3`, 3, 'CHAIN_HASH_MISMATCH'],
  ];

  it.each(cases)('flags %s', async (_label, sql, position, reason) => {
    const { db } = await sealedLog('sm3');
    try {
      expect(await verifyChain(db.pool, 'sm3')).toMatchObject({ ok: true, eventsChecked: 9 });
      await tamper(db, sql);
      expect(await verifyChain(db.pool, 'sm3')).toMatchObject({ ok: false, position, reason });
    } finally {
      await db.drop();
    }
  });

  it('flags an event inserted into the sealed range by hand', async () => {
    const { db } = await sealedLog('sm3');
    try {
      await tamper(
        db,
        `INSERT INTO es_events (position, stream_id, version, event_id, type, data, metadata, recorded_at, content_hash, tx_id)
         OVERRIDING SYSTEM VALUE
         SELECT 100, 'unit-Z', 1, $1, 'NoteTaken', '{"text":"插入"}', metadata, recorded_at, content_hash, tx_id
           FROM es_events WHERE position = 3`,
        [randomUUID()],
      );
      expect(await verifyChain(db.pool, 'sm3')).toMatchObject({ ok: false, position: 100, reason: 'UNSEALED_EVENT' });
    } finally {
      await db.drop();
    }
  });

  it('never seals an event appended by hand with a made-up hash: the sealer stops before it with an alarm', async () => {
    const { db, store } = await sealedLog('sm3');
    const alarms: SealHalt[] = [];
    const sealer = new Sealer(db.pool, 'sm3', { onMismatch: (halt) => alarms.push(halt) });
    try {
      await tamper(
        db,
        `INSERT INTO es_events (stream_id, version, event_id, type, data, metadata, recorded_at, content_hash, previous_hash)
         SELECT 'unit-A', 4, $1, 'NoteTaken', '{"text":"补录"}', '{}', now(), '\\xdeadbeef', content_hash
           FROM es_events WHERE stream_id = 'unit-A' AND version = 3`,
        [randomUUID()],
      );
      // An honest event committed after the forged one waits behind it: the seal is in commit order.
      await store.append({
        streamId: 'unit-B',
        expectedVersion: 3,
        previousHash: (await store.readStream('unit-B')).at(-1)!.contentHash,
        events: [{ type: 'NoteTaken', data: { text: '之后' } }],
        metadata,
      });
      for (let round = 0; round < 3; round++) await sealer.sealPending();
      expect(sealer.halt).toMatchObject({ position: 10, streamId: 'unit-A', version: 4 });
      expect(alarms).toHaveLength(1);
      expect(await store.lastSealedSeq()).toBe(9);
      expect(await store.readSealed(9, 10)).toEqual([]);
      expect(await verifyChain(db.pool, 'sm3')).toMatchObject({ ok: true, lastSeq: 9 });
    } finally {
      await sealer.stop();
      await db.drop();
    }
  });

  it('flags a cut-off head of the chain that a projection had already applied', async () => {
    const { db } = await sealedLog('sm3');
    try {
      await db.pool.query(`INSERT INTO es_checkpoints (name, seq) VALUES ('some-read-model@v1', 9)`);
      expect(await verifyChain(db.pool, 'sm3')).toMatchObject({ ok: true });
      await tamper(db, 'DELETE FROM es_seal WHERE seq = 9; DELETE FROM es_events WHERE position = 9');
      expect(await verifyChain(db.pool, 'sm3')).toMatchObject({ ok: false, seq: 9, reason: 'TAIL_MISSING' });
    } finally {
      await db.drop();
    }
  });

  it('flags an event the outbox announced that is gone from the log', async () => {
    const { db } = await sealedLog('sm3');
    try {
      await db.pool.query(`INSERT INTO es_outbox (position, topic, message_key, message) VALUES (9, 't', 'unit-C', '{}')`);
      expect(await verifyChain(db.pool, 'sm3')).toMatchObject({ ok: true });
      await tamper(db, 'DELETE FROM es_seal WHERE seq = 9; DELETE FROM es_events WHERE position = 9');
      expect(await verifyChain(db.pool, 'sm3')).toMatchObject({ ok: false, position: 9, reason: 'MISSING_EVENT' });
    } finally {
      await db.drop();
    }
  });

  it('checks a SHA-256 chain just as well', async () => {
    const { db } = await sealedLog('sha256');
    try {
      expect(await verifyChain(db.pool, 'sha256')).toMatchObject({ ok: true, eventsChecked: 9 });
      expect(await verifyChain(db.pool, 'sm3')).toMatchObject({ ok: false, position: 1, reason: 'CONTENT_HASH_MISMATCH' });
    } finally {
      await db.drop();
    }
  });
});
