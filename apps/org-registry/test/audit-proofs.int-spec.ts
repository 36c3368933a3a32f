import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import {
  checkpointId,
  checkpointMessage,
  checkpointTopic,
  eventLeaf,
  verifyBundle,
  type BundleManifest,
  type CheckpointSignedMessage,
  type ServiceKeyPublishedMessage,
} from '@app/audit-bundle';
import { main as exportBundleCli } from '../../../libs/audit-bundle/src/cli/export-bundle';
import { parsePublicKey, verifyConsistency, verifyInclusion, verifySignature } from '@app/crypto';
import { createKafka } from '@app/messaging';
import { chainHash, rowContentHash } from '@app/eventstore';
import { PG_CONNECTION, startTestApp } from '@app/testing';
import { RegistryEnv } from '../src/registry.env';
import { RegistryModule } from '../src/registry.module';
import { runCodes, startRegistry, type RegistryUnderTest } from './registry-test-app';

/**
 * Proof for outside auditors over HTTP: signed checkpoints, proofs, the export bundle, and
 * `/audit/verify` catching what a database superuser does to the head of the log, through the
 * checkpoint witnessed outside the database.
 */

const { code } = runCodes();

async function registerUnits(t: RegistryUnderTest, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const response = await t.post('/units', {
      code: code(name),
      name: `${name}单位`,
      kind: 'party_committee',
      level: 'district',
      jurisdictionCode: '410105',
      effectiveFrom: '2020-01-01',
    });
    expect(response.status).toBe(201);
  }
}

/**
 * Signs a checkpoint once at least `events` are sealed: sealing follows commits a moment later
 * (the sealer of this process may hold the sealing lock when the request asks).
 */
async function checkpointCovering(t: RegistryUnderTest, token: string, events: number) {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
    const response = await t.app.request('POST', '/audit/checkpoints', { token });
    expect(response.status).toBe(200);
    if (response.body.checkpoint.body.logSize >= events) return response.body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${events} events were not sealed within 15 s`);
}

/** As the superuser, triggers off: what a database administrator can do that the service role cannot. */
async function asSuperuser(t: RegistryUnderTest, work: (client: Client) => Promise<void>): Promise<void> {
  const client = new Client({ ...PG_CONNECTION, database: t.app.config.PGDATABASE });
  await client.connect();
  try {
    await client.query('SET session_replication_role = replica');
    await work(client);
  } finally {
    await client.end();
  }
}

describe('proof for outside auditors (registry)', () => {
  let t: RegistryUnderTest;
  let auditor: string;
  beforeAll(async () => {
    t = await startRegistry();
    auditor = t.app.token(['auditor']);
    await registerUnits(t, ['PA', 'PB', 'PC']);
  });
  afterAll(() => t?.app.close());

  it('signs checkpoints on demand, publishes its key, and proves inclusion and consistency', async () => {
    const keys = await t.get('/audit/keys', auditor);
    expect(keys.body).toMatchObject({
      service: 'org-registry',
      keys: [{ algorithm: 'sm2', fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) }],
    });
    const first = await checkpointCovering(t, auditor, 3);
    expect(first).toMatchObject({ created: true, checkpoint: { body: { service: 'org-registry', hashAlgorithm: 'sm3' } } });
    expect(await t.app.request('POST', '/audit/checkpoints', { token: auditor })).toMatchObject({ body: { created: false } });
    await registerUnits(t, ['PD']);
    const second = (await checkpointCovering(t, auditor, 4)).checkpoint;
    const from = first.checkpoint;
    expect(second.body.number).toBe(from.body.number + 1);

    const inclusion = await t.get(`/audit/proofs/inclusion?seq=2&checkpoint=${second.body.number}`, auditor);
    expect(inclusion.status).toBe(200);
    const leaf = eventLeaf('sm3', 2, inclusion.body.position, inclusion.body.contentHash);
    const hex = (values: string[]) => values.map((v) => Buffer.from(v, 'hex'));
    expect(verifyInclusion('sm3', leaf, 1, second.body.logSize, hex(inclusion.body.proof), Buffer.from(second.body.rootHash, 'hex'))).toBe(
      true,
    );

    const consistency = await t.get(`/audit/proofs/consistency?from=${from.body.number}&to=${second.body.number}`, auditor);
    expect(consistency.status).toBe(200);
    const roots = [from, second].map((c: { body: { rootHash: string } }) => Buffer.from(c.body.rootHash, 'hex'));
    expect(verifyConsistency('sm3', from.body.logSize, second.body.logSize, roots[0], roots[1], hex(consistency.body.proof))).toBe(true);

    expect(
      (await t.get(`/audit/proofs/inclusion?seq=${second.body.logSize + 1}&checkpoint=${second.body.number}`, auditor)).body,
    ).toMatchObject({
      code: 'AUDIT.NOT_IN_CHECKPOINT',
    });
    expect((await t.get('/audit/checkpoints/9999', auditor)).status).toBe(404);
    expect((await t.get('/audit/keys', t.app.token(['unit_officer']))).status).toBe(403);
    expect((await t.get('/audit/verify', auditor)).body).toMatchObject({
      ok: true,
      checkpointsMatched: expect.arrayContaining([second.body.number]),
    });
  });

  it('announces each checkpoint on <service>.checkpoints.v1 through the outbox, signed', async () => {
    const before = (await t.app.request('POST', '/audit/checkpoints', { token: auditor })).body.checkpoint.body.logSize;
    await registerUnits(t, ['PK']);
    const { checkpoint } = await checkpointCovering(t, auditor, before + 1);
    const id = checkpointId(checkpoint.body);
    const consumer = createKafka({ clientId: `audit-proofs-${randomUUID()}` }).consumer({
      groupId: `audit-proofs-${randomUUID()}`,
      maxWaitTimeInMs: 200,
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: checkpointTopic('org-registry'), fromBeginning: true });
      const message = await Promise.race([
        new Promise<CheckpointSignedMessage & { topicSequence: number }>((resolve) => {
          void consumer.run({
            eachMessage: async ({ message }) => {
              const value = JSON.parse(message.value!.toString());
              if (value.id === id) resolve(value);
            },
          });
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`checkpoint ${id} was not published within 30 s`)), 30_000);
        }),
      ]);
      expect(message).toMatchObject({
        type: 'audit.CheckpointSigned',
        source: 'org-registry',
        checkpoint,
        topicSequence: expect.any(Number),
      });
      const key = parsePublicKey(message.publicKey.algorithm, message.publicKey.publicKey);
      expect(key.fingerprint).toBe((await t.get('/audit/keys', auditor)).body.keys[0].fingerprint);
      expect(verifySignature(key, checkpointMessage(message.checkpoint.body), message.checkpoint.signature)).toBe(true);
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
    }
  });

  it('announces its checkpoint key once on <service>.checkpoints.v1, ahead of the first checkpoint it signed, and records it', async () => {
    await checkpointCovering(t, auditor, 1);
    const fingerprint = (await t.get('/audit/keys', auditor)).body.keys[0].fingerprint as string;
    const consumer = createKafka({ clientId: `audit-keys-${randomUUID()}` }).consumer({
      groupId: `audit-keys-${randomUUID()}`,
      maxWaitTimeInMs: 200,
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: checkpointTopic('org-registry'), fromBeginning: true });
      // The topic is shared by every registry a test starts: this one's messages carry its key.
      const seen = await Promise.race([
        new Promise<Array<ServiceKeyPublishedMessage | CheckpointSignedMessage>>((resolve) => {
          const mine: Array<ServiceKeyPublishedMessage | CheckpointSignedMessage> = [];
          void consumer.run({
            eachMessage: async ({ message }) => {
              const value = JSON.parse(message.value!.toString()) as ServiceKeyPublishedMessage | CheckpointSignedMessage;
              const ours =
                value.type === 'audit.ServiceKeyPublished'
                  ? value.id === fingerprint
                  : value.checkpoint.body.keyFingerprint === fingerprint;
              if (!ours) return;
              mine.push(value);
              if (mine.some((m) => m.type === 'audit.ServiceKeyPublished') && mine.some((m) => m.type === 'audit.CheckpointSigned')) {
                resolve(mine);
              }
            },
          });
        }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`key ${fingerprint} was not published within 30 s`)), 30_000);
        }),
      ]);
      const key = seen.find((m): m is ServiceKeyPublishedMessage => m.type === 'audit.ServiceKeyPublished')!;
      expect(key).toMatchObject({ source: 'org-registry', publicKey: { algorithm: 'sm2', fingerprint } });
      expect(parsePublicKey(key.publicKey.algorithm, key.publicKey.publicKey).fingerprint).toBe(fingerprint);
      expect(seen.filter((m) => m.type === 'audit.ServiceKeyPublished')).toHaveLength(1);
      // Ahead of the checkpoint it first signed (same topic and key, so the same partition).
      const first = seen.findIndex((m) => m.type === 'audit.CheckpointSigned' && m.checkpoint.body.number === key.firstCheckpoint);
      expect(seen.indexOf(key)).toBeLessThan(first === -1 ? Infinity : first);
      await asSuperuser(t, async (client) => {
        const { rows } = await client.query('SELECT fingerprint, first_checkpoint FROM es_service_keys');
        expect(rows).toEqual([{ fingerprint, first_checkpoint: String(key.firstCheckpoint) }]);
      });
    } finally {
      clearTimeout(timer);
      await consumer.disconnect();
    }
  });

  it('exports a bundle as a tar stream that the offline verifier accepts', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'registry-bundle-'));
    try {
      const response = await fetch(`${t.app.url}/audit/export?from=2`, { headers: { authorization: `Bearer ${auditor}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/x-tar');
      writeFileSync(join(directory, 'bundle.tar'), Buffer.from(await response.arrayBuffer()));
      execFileSync('tar', ['-xf', 'bundle.tar'], { cwd: directory });
      const report = verifyBundle(join(directory, 'bundle'));
      expect(report.failures).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.checked.events).toBe(4);
      expect(report.checked.inclusionProofs).toBe(report.checked.events);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
  it('the export command streams a bundle into a directory with progress, by range or by unit, and verify-bundle accepts it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'registry-export-cli-'));
    const output: string[] = [];
    const err = (text: string) => void output.push(text);
    const fingerprint = (await t.get('/audit/keys', auditor)).body.keys[0].fingerprint as string;
    try {
      const base = ['--service-url', t.app.url, '--token', auditor];
      expect(await exportBundleCli([...base, '--from', '1', '--out', join(directory, 'range')], err)).toBe(0);
      const range = JSON.parse(readFileSync(join(directory, 'range/manifest.json'), 'utf8')) as BundleManifest;
      expect(range.eventCount).toBeGreaterThanOrEqual(3);
      expect(output.join('')).toContain(`events written: ${range.eventCount} / ${range.eventCount}`);
      expect(verifyBundle(join(directory, 'range'), { pinnedServiceKeys: [fingerprint] })).toMatchObject({ ok: true, failures: [] });

      output.length = 0;
      expect(await exportBundleCli([...base, '--unit', code('PB'), '--out', join(directory, 'unit')], err)).toBe(0);
      const unit = JSON.parse(readFileSync(join(directory, 'unit/manifest.json'), 'utf8')) as BundleManifest;
      expect(unit.unit).toMatchObject({
        code: code('PB'),
        streams: expect.arrayContaining([{ streamId: `unit-${code('PB')}`, version: 1 }]),
      });
      expect(unit.unit!.streams.reduce((sum, stream) => sum + stream.version, 0)).toBe(unit.eventCount);
      expect(output.join('')).toContain(`events written: ${unit.eventCount} / ${unit.eventCount}`);
      const report = verifyBundle(join(directory, 'unit'), { pinnedServiceKeys: [fingerprint] });
      expect(report.failures).toEqual([]);
      expect(report.checked.inclusionProofs).toBe(unit.eventCount);

      // Both selections: the service answers 422 and the command says so.
      const both = await t.get(`/audit/export?from=1&unit=${code('PB')}`, auditor);
      expect(both).toMatchObject({ status: 422, body: { code: 'AUDIT.AMBIGUOUS_SELECTION' } });
      expect(await exportBundleCli([...base, '--from', '1', '--unit', code('PB'), '--out', join(directory, 'both')], err)).toBe(2);
      output.length = 0;
      expect(
        await exportBundleCli(['--service-url', t.app.url, '--token', t.app.token(['unit_officer']), '--out', join(directory, 'x')], err),
      ).toBe(1);
      expect(output.join('')).toContain('answered 403');
      expect(await exportBundleCli([...base, '--out', join(directory, 'range')], err)).toBe(1);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('a superuser tampering with the head of the log, witnesses in the database and all', () => {
  it('rewrites the head with recomputed hashes: /audit/verify fails on the witnessed checkpoint', async () => {
    const t = await startRegistry();
    try {
      const auditor = t.app.token(['auditor']);
      await registerUnits(t, ['RW1', 'RW2']);
      const { checkpoint } = await checkpointCovering(t, auditor, 2);
      const head = checkpoint.body.logSize;
      await asSuperuser(t, async (client) => {
        const { rows } = await client.query(`SELECT e.* FROM es_events e JOIN es_seal s ON s.position = e.position WHERE s.seq = $1`, [
          head,
        ]);
        const row = rows[0];
        const data = { ...row.data, name: '篡改后的单位' };
        const hash = rowContentHash('sm3', { ...row, data }, row.previous_hash?.toString('hex') ?? null);
        const { rows: before } = await client.query('SELECT chain_hash FROM es_seal WHERE seq = $1', [head - 1]);
        const link = chainHash('sm3', before[0]?.chain_hash.toString('hex') ?? null, head, Number(row.position), hash);
        await client.query('UPDATE es_events SET data = $1, content_hash = $2 WHERE position = $3', [
          data,
          Buffer.from(hash, 'hex'),
          row.position,
        ]);
        await client.query('UPDATE es_seal SET chain_hash = $1 WHERE seq = $2', [Buffer.from(link, 'hex'), head]);
        await client.query('DELETE FROM es_log_checkpoints');
      });
      expect((await t.get('/audit/verify', auditor)).body).toMatchObject({ ok: false, seq: head, reason: 'CHECKPOINT_MISMATCH' });
    } finally {
      await t.app.close();
    }
  });

  it('cuts the head off with its checkpoints, outbox rows and read-model positions: /audit/verify fails on the witnessed checkpoint', async () => {
    const t = await startRegistry();
    try {
      const auditor = t.app.token(['auditor']);
      await registerUnits(t, ['CUT1', 'CUT2', 'CUT3']);
      const { checkpoint } = await checkpointCovering(t, auditor, 3);
      const head = checkpoint.body.logSize;
      await asSuperuser(t, async (client) => {
        const { rows } = await client.query('SELECT position FROM es_seal WHERE seq >= $1', [head - 1]);
        const positions = rows.map((r: { position: string }) => r.position);
        await client.query('DELETE FROM es_seal WHERE seq >= $1', [head - 1]);
        await client.query('DELETE FROM es_events WHERE position = ANY($1::bigint[])', [positions]);
        await client.query('DELETE FROM es_outbox WHERE position = ANY($1::bigint[])', [positions]);
        await client.query('UPDATE es_checkpoints SET seq = LEAST(seq, $1)', [head - 2]);
        await client.query('DELETE FROM es_log_checkpoints');
      });
      expect((await t.get('/audit/verify', auditor)).body).toMatchObject({ ok: false, seq: head - 1, reason: 'TAIL_MISSING' });
    } finally {
      await t.app.close();
    }
  });
});

describe('several witness directories (AUDIT_WITNESS_DIRS)', () => {
  it('writes each checkpoint to every directory, reports copies that disagree, and catches a cut head with one directory deleted', async () => {
    const extra = mkdtempSync(join(tmpdir(), 'registry-witnesses-'));
    const [second, third] = [join(extra, 'second'), join(extra, 'third')];
    const app = await startTestApp({
      name: 'org-registry',
      env: RegistryEnv,
      module: (config) => RegistryModule.forRoot(config),
      vars: { AUDIT_WITNESS_DIRS: `${second},${third}` },
    });
    const t: RegistryUnderTest = {
      app,
      admin: app.token(['registry_admin', 'auditor']),
      post: (path, body) => app.request('POST', path, { token: t.admin, body }),
      get: (path, token = t.admin) => app.request('GET', path, { token }),
    };
    try {
      const first = app.config.AUDIT_WITNESS_DIR!;
      const auditor = app.token(['auditor']);
      await registerUnits(t, ['W1']);
      const one = (await checkpointCovering(t, auditor, 1)).checkpoint;
      await registerUnits(t, ['W2', 'W3']);
      const two = (await checkpointCovering(t, auditor, one.body.logSize + 2)).checkpoint;
      const files = (directory: string) => readdirSync(directory).filter((name) => name.endsWith('.json'));
      for (const directory of [first, second, third]) expect(files(directory)).toHaveLength(two.body.number);
      expect((await t.get('/audit/verify', auditor)).body).toMatchObject({ ok: true, witnessDisagreements: [] });

      // An older copy changed in one directory: verify names it (the log itself still checks out).
      const older = join(third, files(third)[0]);
      const copy = JSON.parse(readFileSync(older, 'utf8'));
      writeFileSync(older, JSON.stringify({ ...copy, body: { ...copy.body, signedAt: '2020-01-01T00:00:00.000Z' } }));
      expect((await t.get('/audit/verify', auditor)).body).toMatchObject({
        ok: true,
        witnessDisagreements: [{ directory: third, checkpoint: copy.body.number, problem: 'different' }],
      });

      // One directory deleted, then the head cut off with every witness inside the database.
      rmSync(first, { recursive: true, force: true });
      const head = two.body.logSize;
      await asSuperuser(t, async (client) => {
        const { rows } = await client.query('SELECT position FROM es_seal WHERE seq >= $1', [head - 1]);
        const positions = rows.map((r: { position: string }) => r.position);
        await client.query('DELETE FROM es_seal WHERE seq >= $1', [head - 1]);
        await client.query('DELETE FROM es_events WHERE position = ANY($1::bigint[])', [positions]);
        await client.query('DELETE FROM es_outbox WHERE position = ANY($1::bigint[])', [positions]);
        await client.query('UPDATE es_checkpoints SET seq = LEAST(seq, $1)', [head - 2]);
        await client.query('DELETE FROM es_log_checkpoints');
      });
      const verdict = (await t.get('/audit/verify', auditor)).body;
      expect(verdict).toMatchObject({ ok: false, seq: head - 1, reason: 'TAIL_MISSING' });
      expect(verdict.witnessDisagreements).toContainEqual(
        expect.objectContaining({ directory: first, checkpoint: null, problem: 'missing' }),
      );
      expect(existsSync(first)).toBe(false);
    } finally {
      await app.close();
      rmSync(extra, { recursive: true, force: true });
    }
  });
});
