import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PoolClient } from 'pg';
import {
  checkpointMessage,
  directorySink,
  eventLeaf,
  verifyBundle,
  type BundleCheckpoints,
  type BundleKeys,
  type BundleManifest,
  type BundleFailureReason,
} from '@app/audit-bundle';
import { main } from '../../audit-bundle/src/cli/verify-bundle';
import { loadSigningKey, newSigningKeyFile, verifyConsistency, verifyInclusion, type SignatureAlgorithm } from '@app/crypto';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import {
  chainHash,
  EventStore,
  exportBundle,
  LogCheckpoints,
  LogDivergedError,
  rowContentHash,
  Sealer,
  verifyChain,
  WitnessDirectory,
  type HashAlgorithm,
} from '.';

const metadata = { actor: { personId: 'p-001' }, correlationId: 'corr' };

interface Log {
  readonly db: TestDatabase;
  readonly store: EventStore;
  readonly sealer: Sealer;
  readonly checkpoints: LogCheckpoints;
  readonly directory: string;
  append(stream: string, count: number, unitId?: string): Promise<void>;
  seal(): Promise<void>;
  close(): Promise<void>;
}

async function sealedLog(hashAlgorithm: HashAlgorithm = 'sm3', signatureAlgorithm: SignatureAlgorithm = 'sm2'): Promise<Log> {
  const db = await createTestDatabase('audit_proofs_test');
  const directory = mkdtempSync(join(tmpdir(), 'audit-proofs-'));
  const store = new EventStore(db.pool, { source: 'test', hashAlgorithm });
  const sealer = new Sealer(db.pool, hashAlgorithm);
  const key = loadSigningKey(newSigningKeyFile(signatureAlgorithm));
  const checkpoints = new LogCheckpoints(db.pool, {
    service: 'test',
    hashAlgorithm,
    key,
    witness: new WitnessDirectory(join(directory, 'witness')),
  });
  const log: Log = {
    db,
    store,
    sealer,
    checkpoints,
    directory,
    async append(stream, count, unitId) {
      for (let i = 0; i < count; i++) {
        const events = await store.readStream(stream);
        await store.append({
          streamId: stream,
          expectedVersion: events.length,
          previousHash: events.at(-1)?.contentHash ?? null,
          events: [{ type: 'NoteTaken', data: { text: `${stream} 第${events.length + 1}条` } }],
          metadata: unitId ? { ...metadata, unitId } : metadata,
        });
      }
    },
    async seal() {
      for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
        await sealer.sealPending();
        const { rows } = await db.pool.query(
          'SELECT count(*)::int AS n FROM es_events e WHERE NOT EXISTS (SELECT 1 FROM es_seal s WHERE s.position = e.position)',
        );
        if (rows[0].n === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('events were not sealed within 15 s');
    },
    async close() {
      await sealer.stop();
      await db.drop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
  for (const stream of ['unit-A', 'unit-B', 'unit-C']) await log.append(stream, 3);
  await log.seal();
  return log;
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

describe('signed checkpoints and proofs', () => {
  test.each<[HashAlgorithm, SignatureAlgorithm]>([
    ['sm3', 'sm2'],
    ['sha256', 'ed25519'],
  ])(
    'a %s log checkpointed with %s: stored, witnessed, signed, linked, with inclusion and consistency proofs',
    async (hashAlgorithm, signing) => {
      const log = await sealedLog(hashAlgorithm, signing);
      try {
        const first = await log.checkpoints.create();
        expect(first.created).toBe(true);
        expect(first.checkpoint.body).toMatchObject({ number: 1, logSize: 9, previous: null, hashAlgorithm, signatureAlgorithm: signing });
        expect(log.checkpoints.signedByService(first.checkpoint)).toBe(true);
        expect(log.checkpoints.witness.latest()).toMatchObject({ body: first.checkpoint.body, signature: first.checkpoint.signature });
        expect(await log.checkpoints.create()).toMatchObject({ created: false, checkpoint: { body: { number: 1 } } });

        await log.append('unit-D', 4);
        await log.seal();
        const second = (await log.checkpoints.create()).checkpoint;
        expect(second.body).toMatchObject({ number: 2, logSize: 13 });
        expect(second.body.previous).not.toBeNull();

        const inclusion = await log.checkpoints.inclusionProof(5, second);
        const leaf = eventLeaf(hashAlgorithm, 5, inclusion.position, inclusion.contentHash);
        const root = Buffer.from(second.body.rootHash, 'hex');
        const proof = inclusion.proof.map((p) => Buffer.from(p, 'hex'));
        expect(verifyInclusion(hashAlgorithm, leaf, 4, 13, proof, root)).toBe(true);
        const consistency = await log.checkpoints.consistencyProof(first.checkpoint, second);
        expect(
          verifyConsistency(
            hashAlgorithm,
            9,
            13,
            Buffer.from(first.checkpoint.body.rootHash, 'hex'),
            root,
            consistency.proof.map((p) => Buffer.from(p, 'hex')),
          ),
        ).toBe(true);
        expect(
          await verifyChain(log.db.pool, hashAlgorithm, undefined, { checkpoints: [first.checkpoint.body, second.body] }),
        ).toMatchObject({
          ok: true,
          checkpointsMatched: [1, 2],
        });
      } finally {
        await log.close();
      }
    },
  );

  test('a forged signature or another key is not the service’s', async () => {
    const log = await sealedLog();
    try {
      const { checkpoint } = await log.checkpoints.create();
      const forged = { ...checkpoint, signature: checkpoint.signature.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
      expect(log.checkpoints.signedByService(forged)).toBe(false);
      const other = loadSigningKey(newSigningKeyFile('sm2'));
      expect(log.checkpoints.signedByService({ ...checkpoint, signature: other.sign(checkpointMessage(checkpoint.body)) })).toBe(false);
    } finally {
      await log.close();
    }
  });

  test('the database rewritten by a superuser with recomputed hashes: verify fails on the witnessed root, and the service refuses to sign on', async () => {
    const log = await sealedLog();
    try {
      const { checkpoint } = await log.checkpoints.create();
      // Event 9 (unit-C v3) rewritten, its content hash and its seal link recomputed as a tamperer with the code would.
      const { rows } = await log.db.pool.query(
        `SELECT e.*, s.seq FROM es_events e JOIN es_seal s ON s.position = e.position WHERE s.seq = 9`,
      );
      const row = rows[0];
      const forgedData = { text: '篡改后的内容' };
      const hash = rowContentHash('sm3', { ...row, data: forgedData }, row.previous_hash.toString('hex'));
      const { rows: link } = await log.db.pool.query('SELECT chain_hash FROM es_seal WHERE seq = 8');
      const chain = chainHash('sm3', link[0].chain_hash.toString('hex'), 9, Number(row.position), hash);
      await tamper(log.db, 'UPDATE es_events SET data = $1, content_hash = $2 WHERE position = $3', [
        forgedData,
        Buffer.from(hash, 'hex'),
        row.position,
      ]);
      await tamper(log.db, 'UPDATE es_seal SET chain_hash = $1 WHERE seq = 9', [Buffer.from(chain, 'hex')]);
      // The chain alone no longer tells …
      expect(await verifyChain(log.db.pool, 'sm3')).toMatchObject({ ok: true });
      // … the witnessed checkpoint does.
      const witnessed = log.checkpoints.witness.latest()!;
      expect(await verifyChain(log.db.pool, 'sm3', undefined, { checkpoints: [witnessed.body] })).toMatchObject({
        ok: false,
        seq: 9,
        reason: 'CHECKPOINT_MISMATCH',
      });
      // A service restarted on the rewritten log will not sign it.
      const restarted = new LogCheckpoints(log.db.pool, {
        service: 'test',
        hashAlgorithm: 'sm3',
        key: loadSigningKey(newSigningKeyFile('sm2')),
        witness: log.checkpoints.witness,
      });
      await expect(restarted.create()).rejects.toThrow(LogDivergedError);
      expect(checkpoint.body.logSize).toBe(9);
    } finally {
      await log.close();
    }
  });

  test('the head cut off with every witness inside the database: verify fails on the witnessed checkpoint', async () => {
    const log = await sealedLog();
    try {
      await log.checkpoints.create();
      await log.db.pool.query(`INSERT INTO es_checkpoints (name, seq) VALUES ('some-read-model@v1', 9)`);
      await tamper(
        log.db,
        `DELETE FROM es_seal WHERE seq >= 8; DELETE FROM es_events WHERE position IN (8, 9);
         DELETE FROM es_log_checkpoints; UPDATE es_checkpoints SET seq = 7; DELETE FROM es_outbox`,
      );
      expect(await verifyChain(log.db.pool, 'sm3')).toMatchObject({ ok: true, lastSeq: 7 });
      const witnessed = log.checkpoints.witness.latest()!;
      expect(await verifyChain(log.db.pool, 'sm3', undefined, { checkpoints: [witnessed.body] })).toMatchObject({
        ok: false,
        seq: 8,
        reason: 'TAIL_MISSING',
      });
    } finally {
      await log.close();
    }
  });
});

describe('export bundles and the offline verifier', () => {
  let log: Log;
  let pristine: string;
  beforeAll(async () => {
    log = await sealedLog();
    await log.checkpoints.create();
    await log.append('unit-A', 2);
    await log.append('unit-E', 5);
    await log.seal();
    pristine = join(log.directory, 'pristine');
    const manifest = await exportBundle(
      { pool: log.db.pool, checkpoints: log.checkpoints, service: 'test', hashAlgorithm: 'sm3' },
      { from: 4 },
      directorySink(pristine),
    );
    expect(manifest).toMatchObject({ fromSeq: 4, toSeq: 16, eventCount: 13, anchorCheckpoint: 2 });
  });
  afterAll(() => log.close());

  const copy = (name: string) => {
    const target = join(log.directory, name);
    cpSync(pristine, target, { recursive: true });
    return target;
  };
  const lines = (dir: string) => readFileSync(join(dir, 'events/000001.ndjson'), 'utf8').split('\n').filter(Boolean);
  const writeLines = (dir: string, values: string[]) => writeFileSync(join(dir, 'events/000001.ndjson'), `${values.join('\n')}\n`);
  const editJson = <T>(dir: string, file: string, edit: (value: T) => T) =>
    writeFileSync(join(dir, file), JSON.stringify(edit(JSON.parse(readFileSync(join(dir, file), 'utf8')) as T)));

  test('the untouched bundle verifies: every hash, link, proof and signature', () => {
    const report = verifyBundle(pristine);
    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({
      ok: true,
      checked: { events: 13, contentHashes: 13, chainLinks: 13, inclusionProofs: 13, checkpoints: 2, consistencyProofs: 1 },
    });
  });

  const tampering: Array<[string, (dir: string) => void, BundleFailureReason, Record<string, unknown>]> = [
    [
      'a flipped byte in an event',
      (dir) =>
        writeLines(
          dir,
          lines(dir).map((line, i) => (i === 2 ? line.replace('第3条', '第8条') : line)),
        ),
      'CONTENT_HASH_MISMATCH',
      { file: 'events/000001.ndjson', line: 3, seq: 6 },
    ],
    [
      'a dropped event',
      (dir) =>
        writeLines(
          dir,
          lines(dir).filter((_, i) => i !== 4),
        ),
      'SEQ_OUT_OF_ORDER',
      { line: 5, seq: 9 },
    ],
    [
      'two events reordered',
      (dir) => {
        const all = lines(dir);
        [all[6], all[7]] = [all[7], all[6]];
        writeLines(dir, all);
      },
      'SEQ_OUT_OF_ORDER',
      { line: 7, seq: 11 },
    ],
    [
      'a forged event inserted, hashes recomputed by the forger',
      (dir) => {
        const all = lines(dir);
        const forged = { ...JSON.parse(all[3]), eventId: '00000000-0000-4000-8000-000000000000' };
        writeLines(dir, [...all.slice(0, 4), JSON.stringify(forged), ...all.slice(4)]);
      },
      'SEQ_OUT_OF_ORDER',
      { line: 5 },
    ],
    ['the tail truncated', (dir) => writeLines(dir, lines(dir).slice(0, 10)), 'EVENT_COUNT_MISMATCH', { seq: 14 }],
    [
      'the anchor checkpoint replaced by an earlier one',
      (dir) =>
        editJson<BundleCheckpoints>(dir, 'checkpoints.json', (value) => ({
          checkpoints: value.checkpoints.map((c, i, all) =>
            i === all.length - 1 ? { ...all[0], body: { ...all[0].body, number: 2 } } : c,
          ),
        })),
      'CHECKPOINT_SIGNATURE_INVALID',
      { file: 'checkpoints.json' },
    ],
    [
      'a checkpoint root replaced',
      (dir) =>
        editJson<BundleCheckpoints>(dir, 'checkpoints.json', (value) => ({
          checkpoints: value.checkpoints.map((c) => ({ ...c, body: { ...c.body, rootHash: 'ab'.repeat(32) } })),
        })),
      'CHECKPOINT_SIGNATURE_INVALID',
      { file: 'checkpoints.json' },
    ],
    [
      'a forged checkpoint signature',
      (dir) =>
        editJson<BundleCheckpoints>(dir, 'checkpoints.json', (value) => ({
          checkpoints: value.checkpoints.map((c) => ({
            ...c,
            signature: c.signature.slice(0, 127) + (c.signature.endsWith('0') ? '1' : '0'),
          })),
        })),
      'CHECKPOINT_SIGNATURE_INVALID',
      { file: 'checkpoints.json' },
    ],
    [
      'the service key swapped for another',
      (dir) =>
        editJson<BundleKeys>(dir, 'keys.json', (value) => {
          const other = loadSigningKey(newSigningKeyFile('sm2'));
          return { ...value, service: [{ algorithm: 'sm2', publicKey: other.publicKey, fingerprint: value.service[0].fingerprint }] };
        }),
      'SERVICE_KEY_INVALID',
      { file: 'keys.json' },
    ],
    [
      'the service key swapped for another, fingerprint and all',
      (dir) =>
        editJson<BundleKeys>(dir, 'keys.json', (value) => {
          const other = loadSigningKey(newSigningKeyFile('sm2'));
          return { ...value, service: [{ algorithm: 'sm2', publicKey: other.publicKey, fingerprint: other.fingerprint }] };
        }),
      'CHECKPOINT_SIGNATURE_INVALID',
      { file: 'checkpoints.json' },
    ],
    [
      'a broken inclusion proof',
      (dir) =>
        writeLines(
          dir,
          lines(dir).map((line, i) => {
            if (i !== 8) return line;
            const event = JSON.parse(line);
            event.inclusion[1] = 'cd'.repeat(32);
            return JSON.stringify(event);
          }),
        ),
      'INCLUSION_PROOF_INVALID',
      { line: 9, seq: 12 },
    ],
    [
      'a broken consistency proof',
      (dir) =>
        editJson<BundleCheckpoints>(dir, 'checkpoints.json', (value) => ({
          checkpoints: value.checkpoints.map((c, i) => (i === 0 ? { ...c, consistencyToAnchor: [...c.consistencyToAnchor].reverse() } : c)),
        })),
      'CONSISTENCY_PROOF_INVALID',
      { file: 'checkpoints.json' },
    ],
    [
      'the range in the manifest moved',
      (dir) => editJson<BundleManifest>(dir, 'manifest.json', (value) => ({ ...value, fromSeq: 5 })),
      'SEQ_OUT_OF_ORDER',
      { line: 1, seq: 4 },
    ],
  ];

  test('the command names each failure and exits 1; with the pinned service key it passes, with another key it fails', () => {
    const output: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => output.push(String(chunk)) > 0);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const fingerprint = (JSON.parse(readFileSync(join(pristine, 'keys.json'), 'utf8')) as BundleKeys).service[0].fingerprint;
      expect(main([pristine])).toBe(0);
      expect(main(['--service-key', fingerprint, pristine])).toBe(0);
      expect(output.join('')).toContain('OK: the bundle verifies, signed by a pinned service key');
      output.length = 0;
      expect(main(['--service-key', 'ab'.repeat(32), pristine])).toBe(1);
      expect(output.join('')).toContain('SERVICE_KEY_NOT_PINNED at checkpoints.json');
      const dir = copy('cli-tampered');
      writeLines(
        dir,
        lines(dir).map((line, i) => (i === 2 ? line.replace('第3条', '第8条') : line)),
      );
      output.length = 0;
      expect(main([dir])).toBe(1);
      expect(output.join('')).toMatch(/CONTENT_HASH_MISMATCH at events\/000001\.ndjson, line 3, seq 6, position 6, event [0-9a-f-]{36}: /);
      expect(main([])).toBe(2);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  test.each(tampering)('catches %s', (label, change, reason, where) => {
    const dir = copy(label.replace(/\W+/g, '-'));
    change(dir);
    const report = verifyBundle(dir);
    expect(report.ok).toBe(false);
    expect(report.failures).toContainEqual(expect.objectContaining({ reason, ...where }));
  });
});

describe('unit bundles (?unit=)', () => {
  let log: Log;
  let pristine: string;
  let otherUnit: string;
  beforeAll(async () => {
    // Seal entries 1–9 name no unit. Then: case-1 (U1: v1 without a unit, v2–v3 with U1), note-2 (U2), case-1 again, note-3 (U1).
    log = await sealedLog();
    await log.append('case-1', 1);
    await log.append('case-1', 2, 'U1');
    await log.append('note-2', 2, 'U2');
    await log.append('case-1', 1, 'U1');
    await log.append('note-3', 2, 'U1');
    await log.seal();
    const source = { pool: log.db.pool, checkpoints: log.checkpoints, service: 'test', hashAlgorithm: 'sm3' as const };
    pristine = join(log.directory, 'unit-pristine');
    let planned = -1;
    const manifest = await exportBundle(source, { unit: 'U1' }, directorySink(pristine), {
      onPlanned: (total) => (planned = total),
    });
    expect(planned).toBe(6);
    expect(manifest).toMatchObject({
      fromSeq: 1,
      toSeq: 17,
      eventCount: 6,
      unit: {
        code: 'U1',
        streams: [
          { streamId: 'case-1', version: 4 },
          { streamId: 'note-3', version: 2 },
        ],
      },
    });
    // The same anchor (the log did not grow), so its events carry valid proofs to it.
    otherUnit = join(log.directory, 'unit-other');
    expect(await exportBundle(source, { unit: 'U2' }, directorySink(otherUnit))).toMatchObject({
      anchorCheckpoint: manifest.anchorCheckpoint,
      eventCount: 2,
    });
    expect(await exportBundle(source, { unit: 'U9' }, directorySink(join(log.directory, 'unit-empty')))).toMatchObject({
      eventCount: 0,
      unit: { code: 'U9', streams: [] },
    });
  });
  afterAll(() => log.close());

  const copy = (name: string) => {
    const target = join(log.directory, name);
    cpSync(pristine, target, { recursive: true });
    return target;
  };
  const lines = (dir: string) => readFileSync(join(dir, 'events/000001.ndjson'), 'utf8').split('\n').filter(Boolean);
  const writeLines = (dir: string, values: string[]) => writeFileSync(join(dir, 'events/000001.ndjson'), `${values.join('\n')}\n`);
  const bumpCount = (dir: string, by: number) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BundleManifest;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, eventCount: manifest.eventCount + by }));
  };

  test('the untouched unit bundle verifies, as does the empty one', () => {
    const report = verifyBundle(pristine);
    expect(report.failures).toEqual([]);
    expect(report.checked).toMatchObject({ events: 6, contentHashes: 6, chainLinks: 6, inclusionProofs: 6 });
    expect(verifyBundle(otherUnit).ok).toBe(true);
    expect(verifyBundle(join(log.directory, 'unit-empty')).failures).toEqual([]);
  });

  test('an event of a listed stream dropped (manifest count adjusted): STREAM_INCOMPLETE names the stream and version', () => {
    const dir = copy('unit-dropped');
    writeLines(
      dir,
      lines(dir).filter((line) => !(JSON.parse(line).streamId === 'case-1' && JSON.parse(line).version === 4)),
    );
    bumpCount(dir, -1);
    const report = verifyBundle(dir);
    expect(report.failures).toEqual([
      expect.objectContaining({ reason: 'STREAM_INCOMPLETE', file: 'manifest.json', detail: expect.stringContaining('case-1') }),
    ]);
  });

  test('the first event of a stream dropped: STREAM_INCOMPLETE', () => {
    const dir = copy('unit-first-dropped');
    writeLines(
      dir,
      lines(dir).filter((line) => !(JSON.parse(line).streamId === 'case-1' && JSON.parse(line).version === 1)),
    );
    bumpCount(dir, -1);
    expect(verifyBundle(dir).failures).toContainEqual(
      expect.objectContaining({ reason: 'STREAM_INCOMPLETE', detail: expect.stringContaining('version(s) 1 missing') }),
    );
  });

  test('a genuine event of another unit slipped in (valid proof, count adjusted): NOT_OF_UNIT names it', () => {
    const dir = copy('unit-foreign');
    const foreign = readFileSync(join(otherUnit, 'events/000001.ndjson'), 'utf8').split('\n').filter(Boolean)[0];
    const seq = (JSON.parse(foreign) as { seq: number }).seq;
    const all = [...lines(dir), foreign].sort((a, b) => JSON.parse(a).seq - JSON.parse(b).seq);
    writeLines(dir, all);
    bumpCount(dir, 1);
    const report = verifyBundle(dir);
    expect(report.failures).toEqual([expect.objectContaining({ reason: 'NOT_OF_UNIT', seq, detail: expect.stringContaining('note-2') })]);
  });

  test('a stream of another unit listed in the manifest with its events: NOT_OF_UNIT', () => {
    const dir = copy('unit-foreign-stream');
    const foreign = readFileSync(join(otherUnit, 'events/000001.ndjson'), 'utf8').split('\n').filter(Boolean);
    writeLines(
      dir,
      [...lines(dir), ...foreign].sort((a, b) => JSON.parse(a).seq - JSON.parse(b).seq),
    );
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BundleManifest;
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        ...manifest,
        eventCount: manifest.eventCount + 2,
        unit: { ...manifest.unit, streams: [...manifest.unit!.streams, { streamId: 'note-2', version: 2 }] },
      }),
    );
    expect(verifyBundle(dir).failures).toEqual([
      expect.objectContaining({ reason: 'NOT_OF_UNIT', detail: 'no event of note-2 names unit U1' }),
    ]);
  });

  test('a unit event moved out of seal order: SEQ_OUT_OF_ORDER', () => {
    const dir = copy('unit-reordered');
    const all = lines(dir);
    [all[1], all[2]] = [all[2], all[1]];
    writeLines(dir, all);
    expect(verifyBundle(dir).failures).toContainEqual(expect.objectContaining({ reason: 'SEQ_OUT_OF_ORDER' }));
  });
});
