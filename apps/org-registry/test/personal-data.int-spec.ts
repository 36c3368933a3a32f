import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { REGISTRY_TOPIC } from '@app/contracts';
import { ProjectionRunner } from '@app/eventstore';
import { deadLetterTopic } from '@app/messaging';
import { createLogger } from '@app/platform';
import { PG_CONNECTION, type TestApp } from '@app/testing';
import type { RegistryEnv } from '../src/registry.env';
import { readTopicsToEnd } from '../../../libs/messaging/src/testing/kafka-testing';
import { runCodes, startRegistry, type RegistryUnderTest } from './registry-test-app';

const { code } = runCodes();

/**
 * Issue #6: personal data planted in a person's contact and relation note is, after the person's
 * erasure, nowhere: not in any table of the service's database, not on the registry topic or its
 * dead letters, not in the service's log output; and the hash chain still verifies.
 */
describe('personal data and a permanent log', () => {
  let under: RegistryUnderTest;
  let registry: TestApp<RegistryEnv>;
  const logLines: string[] = [];
  const marker = `pii${randomBytes(6).toString('hex')}`;
  const staff = code('PII');
  const unit = code('PIIU');

  const streams = [process.stdout, process.stderr] as const;
  const writes = streams.map((stream) => stream.write.bind(stream));

  beforeAll(async () => {
    // Every level: whatever the service logs, at any level, is searched for the marker; and
    // what its other parts (the outbox relay, kafkajs) write to stdout and stderr.
    const logger = createLogger('org-registry', 'trace', { write: (line: string) => void logLines.push(line) });
    streams.forEach((stream, i) => {
      stream.write = (chunk: unknown, ...rest: never[]) => {
        logLines.push(String(chunk));
        return (writes[i] as (...args: unknown[]) => boolean)(chunk, ...rest);
      };
    });
    under = await startRegistry('p-admin', logger);
    registry = under.app;
  });
  afterAll(async () => {
    await registry?.close();
    streams.forEach((stream, i) => (stream.write = writes[i]));
  });

  it('leaves no trace of an erased person in tables, topics or logs, and the chain still verifies', async () => {
    const post = (...args: Parameters<RegistryUnderTest['post']>) => under.post(...args);
    const get = (...args: Parameters<RegistryUnderTest['get']>) => under.get(...args);
    expect(
      (
        await post('/units', {
          code: unit,
          name: '隐私单位',
          kind: 'party_committee',
          level: 'district',
          jurisdictionCode: '410105',
          effectiveFrom: '2020-01-01',
        })
      ).status,
    ).toBe(201);
    const registered = await post(
      '/people',
      {
        staffNumber: staff,
        name: '隐私人',
        gender: 'female',
        birthYear: 1977,
        contact: { phone: '0371-65550123', email: `${marker}@example.cn` },
      },
      { 'Idempotency-Key': randomUUID() },
    );
    expect(registered.status).toBe(201);
    expect(
      (await post(`/people/${staff}/profile`, { contact: { phone: '0371-65550124', email: `${marker}.new@example.cn` } })).status,
    ).toBe(200);
    const relation = await post(`/people/${staff}/relations`, {
      kind: 'kinship',
      unitCode: unit,
      kinship: 'spouse',
      effectiveFrom: '2021-01-01',
      note: `配偶 ${marker}`,
    });
    expect(relation.status).toBe(201);

    // The service folds the values back; auditors see them masked; the log holds only ciphertext.
    const before = await get(`/people/${staff}`);
    expect(before.body).toMatchObject({ gender: 'female', birthYear: 1977, contact: { email: `${marker}.new@example.cn` } });
    expect(before.body.relations[0].note).toBe(`配偶 ${marker}`);
    const auditor = registry.token(['auditor'], [], 'p-auditor');
    const auditStream = await get(`/audit/streams/person-${staff}`, auditor);
    expect(auditStream.status).toBe(200);
    expect(auditStream.body.events[0].data).toMatchObject({ name: '隐私人', contact: '[personal data]', birthYear: '[personal data]' });
    expect(auditStream.body.events[0].stored.data.contact).toMatchObject({ $personal: expect.stringMatching(/^sm4ctr-hmacsm3\.v1:/) });
    expect(JSON.stringify(auditStream.body)).not.toContain(marker);
    expect(JSON.stringify((await get('/audit/events?after=0&limit=1000', auditor)).body)).not.toContain(marker);

    // Only a registry administrator erases, on a legal basis, with a note.
    const erase = { legalBasis: 'pipl_art47_consent_withdrawn', note: '本人撤回同意，申请编号 2026-017' };
    expect((await post(`/people/${staff}/erase`, erase, {}, auditor)).status).toBe(403);
    expect((await post(`/people/${staff}/erase`, { ...erase, legalBasis: 'because' })).status).toBe(400);
    const erased = await post(`/people/${staff}/erase`, erase);
    expect(erased.status).toBe(200);
    expect(erased.body.events).toEqual(['PersonalDataErased']);
    expect((await post(`/people/${staff}/erase`, erase)).body.events).toEqual([]);

    const after = await get(`/people/${staff}`);
    expect(after.body).toMatchObject({
      name: '隐私人',
      gender: null,
      birthYear: null,
      contact: {},
      personalDataErased: { legalBasis: 'pipl_art47_consent_withdrawn' },
    });
    expect(after.body.relations[0]).not.toHaveProperty('note');
    const refused = await post(`/people/${staff}/profile`, { contact: { email: `${marker}.again@example.cn` } });
    expect([refused.status, refused.body.code]).toEqual([409, 'PERSON.PERSONAL_DATA_ERASED']);
    expect((await post(`/people/${staff}/profile`, { name: '隐私人乙' })).status).toBe(200);
    const audited = await get(`/audit/streams/person-${staff}`, auditor);
    expect(audited.body.events[0].data).toMatchObject({ contact: '[erased]', gender: '[erased]', birthYear: '[erased]' });
    const asRegistered = await get(`/audit/streams/person-${staff}/state?version=1`, auditor);
    expect(asRegistered.body.state).toMatchObject({ name: '隐私人', contact: '[erased]' });

    // A rebuild of the read model from the log ends the same way: the values are gone with the key.
    const database = new Client({ ...PG_CONNECTION, database: registry.config.PGDATABASE });
    await database.connect();
    try {
      // A rebuild replays the sealed log: wait until the rename is sealed (the sealer lags under load).
      await waitForSeal(database, `person-${staff}`);
      await database.query(`DELETE FROM es_checkpoints WHERE name LIKE 'registry-people@%'`);
      await registry.app.get(ProjectionRunner).catchUp();
      expect((await get(`/people/${staff}`)).body).toMatchObject({ name: '隐私人乙', gender: null, birthYear: null, contact: {} });

      // Every table, as a superuser, as text and (for bytea columns) as hex.
      await waitForOutbox(database, `person-${staff}`);
      const { rows: tables } = await database.query<{ name: string }>(
        `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
      );
      expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['es_events', 'es_outbox', 'es_idempotency', 'reg_people']));
      const hexMarker = Buffer.from(marker).toString('hex');
      const found: string[] = [];
      for (const { name } of tables) {
        const { rows } = await database.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${name} t WHERE t::text LIKE '%' || $1 || '%' OR t::text LIKE '%' || $2 || '%'`,
          [marker, hexMarker],
        );
        if (Number(rows[0].n) > 0) found.push(name);
      }
      expect(found).toEqual([]);
    } finally {
      await database.end();
    }

    // Every message on the registry topic and its dead letters.
    const messages = await readTopicsToEnd([REGISTRY_TOPIC, deadLetterTopic(REGISTRY_TOPIC)]);
    expect(messages.some((m) => m.includes(`person-${staff}`))).toBe(true);
    expect(messages.filter((m) => m.includes(marker))).toEqual([]);

    // The service's own log output, at every level.
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((line) => line.includes(marker))).toEqual([]);

    expect((await get('/audit/verify', auditor)).body).toMatchObject({ ok: true });
  }, 90_000);
});

async function waitForSeal(database: Client, streamId: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const { rows } = await database.query<{ n: string }>(
      'SELECT count(*) AS n FROM es_events e WHERE e.stream_id = $1 AND NOT EXISTS (SELECT 1 FROM es_seal s WHERE s.position = e.position)',
      [streamId],
    );
    if (Number(rows[0].n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the events of ${streamId} were not sealed`);
}

async function waitForOutbox(database: Client, streamId: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const { rows } = await database.query<{ n: string }>(
      'SELECT count(*) AS n FROM es_outbox WHERE message_key = $1 AND published_at IS NULL',
      [streamId],
    );
    if (Number(rows[0].n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the outbox of ${streamId} was not published`);
}
