import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { CASES_TOPIC } from '@app/contracts';
import { EventStore } from '@app/eventstore';
import { deadLetterTopic } from '@app/messaging';
import { createLogger, createServiceApp, loadConfig } from '@app/platform';
import { PG_CONNECTION } from '@app/testing';
import { readTopicsToEnd } from '../../../libs/messaging/src/testing/kafka-testing';
import { CasesEnv } from '../src/cases.env';
import { CasesModule } from '../src/cases.module';
import { petitionKey, startCases, startWiredCases, type CasesRegistry, type CasesUnderTest } from './cases-test-app';

const RECEIVED_ON = '2026-03-02';

/**
 * Issue #11, whistleblower protection: a petition's reporter, contact and content are sealed before
 * they are stored, read only by its assigned officers and approving secretary with every attempt
 * recorded, and found nowhere else — not in any table, not on the topic, not in the logs, metrics
 * or error responses.
 */
describe('petitions with whistleblower protection', () => {
  const logs: string[] = [];
  let app: CasesUnderTest;
  let r: CasesRegistry;
  let database: Client;
  let token: (staffNumber: string, units?: string[]) => string;

  beforeAll(async () => {
    const wired = await startWiredCases({ logger: createLogger('cases', 'info', { write: (line: string) => void logs.push(line) }) });
    app = wired.app;
    r = wired.registry;
    token = (staffNumber, units = [r.commission]) => app.token(['commission_officer'], units, staffNumber);
    database = new Client({ ...PG_CONNECTION, database: app.config.PGDATABASE });
    await database.connect();
  }, 120_000);
  afterAll(async () => {
    await database?.end();
    await app?.close();
  });

  const petition = (overrides: Record<string, unknown> = {}) => ({
    receivingCommission: r.commission,
    channel: 'web',
    named: true,
    reporterName: '张某',
    reporterContact: '电话 0371-0000000',
    content: '反映教育局违规发放津补贴问题',
    reportedPersons: [r.chief],
    reportedUnits: [r.department],
    receivedOn: RECEIVED_ON,
    ...overrides,
  });

  async function register(overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await app.request('POST', '/petitions', { token: token(r.office), body: petition(overrides) });
    expect(response.status).toBe(201);
    return response.body.petitionId as string;
  }

  const view = (petitionId: string, as = token(r.office)) => app.request('GET', `/petitions/${petitionId}`, { token: as });
  const readProtected = (petitionId: string, as: string, reason = '初核需要联系举报人') =>
    app.request('GET', `/petitions/${petitionId}/protected?reason=${encodeURIComponent(reason)}`, { token: as });
  const screen = (petitionId: string, body: Record<string, unknown>) =>
    app.request('POST', `/petitions/${petitionId}/screening`, { token: token(r.office), body });

  it('the marker planted in the reporter, contact and content is found nowhere but in the sealed values', async () => {
    const marker = `MARKER${randomBytes(8).toString('hex')}`;
    const control = `CONTROL${randomBytes(8).toString('hex')}`;
    const petitionId = await register({
      reporterName: `张${marker}`,
      reporterContact: `电话 ${marker}`,
      content: `反映${marker}违规问题`,
    });

    const registered = await view(petitionId);
    expect(registered.status).toBe(200);
    expect(registered.body).toMatchObject({ status: 'registered', named: true, acceptanceNoticeDueOn: '2026-03-23' });
    expect(JSON.stringify(registered.body)).not.toContain(marker);

    expect(
      (await app.request('POST', `/petitions/${petitionId}/officers`, { token: token(r.office), body: { officers: [r.officer] } })).status,
    ).toBe(200);
    const read = await readProtected(petitionId, token(r.officer), `核查 ${control}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      petitionId,
      named: true,
      reporter: { name: `张${marker}`, contact: `电话 ${marker}` },
      content: `反映${marker}违规问题`,
    });
    const bySecretary = await readProtected(petitionId, token(r.secretary));
    expect(bySecretary.status).toBe(200);
    expect((await screen(petitionId, { outcome: 'accepted' })).status).toBe(200);

    const accessLog = (await view(petitionId)).body.accessLog;
    expect(accessLog).toEqual([
      expect.objectContaining({ by: r.officer, granted: true, as: 'assigned_officer', reason: `核查 ${control}` }),
      expect.objectContaining({ by: r.secretary, granted: true, as: 'approving_secretary' }),
    ]);

    // Bad input carrying the marker in its values: refused, and nothing of it echoed. (An unknown
    // field's name is echoed by the platform's validation: a name the client chose, not a value.)
    const refusals = [
      await app.request('POST', '/petitions', { token: token(r.office), body: { ...petition({ content: marker }), note: marker } }),
      await app.request('POST', '/petitions', { token: token(r.office), body: petition({ channel: marker, content: marker }) }),
      await app.request('POST', '/petitions', { token: token(r.office), body: petition({ content: `${marker}${'长'.repeat(20_001)}` }) }),
      await app.request('POST', '/petitions', { token: token(r.office), body: petition({ reporterName: undefined, content: marker }) }),
      await app.request('POST', '/petitions', {
        token: token(r.office),
        body: petition({ reportedUnits: ['CS-NOWHERE'], content: marker }),
      }),
      await app.request('POST', '/petitions', { token: token(r.stranger, [r.cityCommission]), body: petition({ content: marker }) }),
      await rawPost(`{"content": "${marker}", "named": tru`),
    ];
    expect(refusals.map((response) => response.status)).toEqual([400, 400, 400, 400, 409, 403, 400]);
    for (const response of refusals) expect(JSON.stringify(response.body)).not.toContain(marker);

    // Every table, every column, as text.
    await published(`petition-${petitionId}`);
    expect(await tablesContaining(control)).not.toEqual([]);
    expect(await tablesContaining(petitionId)).toEqual(expect.arrayContaining(['public.es_events', 'public.case_petitions']));
    expect(await tablesContaining(marker)).toEqual([]);
    const key = await database.query('SELECT key IS NOT NULL AS kept FROM es_subject_keys WHERE subject = $1', [`petition:${petitionId}`]);
    expect(key.rows).toEqual([{ kept: true }]);

    // The topic (and its dead letters) from the beginning.
    const messages = await readTopicsToEnd([CASES_TOPIC, deadLetterTopic(CASES_TOPIC)]);
    expect(messages.filter((message) => message.includes(petitionId)).length).toBeGreaterThanOrEqual(2);
    expect(messages.filter((message) => message.includes(marker))).toEqual([]);

    // The service's log lines and its metrics.
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.filter((line) => line.includes(marker))).toEqual([]);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toContain('http_request');
    expect(metrics).not.toContain(marker);
  }, 120_000);

  it('an officer not assigned is refused, and the refused attempt is in the stream', async () => {
    const petitionId = await register();
    expect(
      (await app.request('POST', `/petitions/${petitionId}/officers`, { token: token(r.office), body: { officers: [r.officer] } })).status,
    ).toBe(200);

    const refused = await readProtected(petitionId, token(r.otherOfficer), '想看看');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('PETITION.NOT_ASSIGNED');
    expect(JSON.stringify(refused.body)).not.toContain('张某');
    const outsider = await readProtected(petitionId, token(r.stranger, [r.cityCommission]), '了解情况');
    expect(outsider.status).toBe(403);

    const { rows } = await database.query<{ type: string; data: { by: string; ground: string; reason: string } }>(
      `SELECT type, data FROM es_events WHERE stream_id = $1 AND type = 'PetitionProtectedReadDenied' ORDER BY version`,
      [`petition-${petitionId}`],
    );
    expect(rows.map((row) => row.data)).toEqual([
      expect.objectContaining({ by: r.otherOfficer, ground: 'not_assigned', reason: '想看看' }),
      expect.objectContaining({ by: r.stranger, ground: 'not_assigned', reason: '了解情况' }),
    ]);
    expect((await view(petitionId)).body.accessLog).toEqual([
      expect.objectContaining({ by: r.otherOfficer, granted: false, ground: 'not_assigned' }),
      expect.objectContaining({ by: r.stranger, granted: false, ground: 'not_assigned' }),
    ]);
    // Someone with no part in it does not even see the petition.
    expect((await view(petitionId, token(r.stranger, [r.cityCommission]))).status).toBe(403);
    // The reported person never does.
    expect((await view(petitionId, app.token(['unit_officer'], [r.department], r.chief))).status).toBe(403);
  });

  it('a petition about the commission’s own secretary goes to the higher commission as a stub, within 5 working days', async () => {
    const petitionId = await register({ reportedPersons: [r.secretary], reportedUnits: [] });
    expect((await view(petitionId)).body).toMatchObject({ concernsOwnLeader: true });

    const bySecretary = await readProtected(petitionId, token(r.secretary));
    expect(bySecretary.status).toBe(403);
    expect(bySecretary.body.code).toBe('PETITION.READER_REPORTED_ON');
    const accepted = await screen(petitionId, { outcome: 'accepted' });
    expect(accepted.status).toBe(409);
    expect(accepted.body.code).toBe('PETITION.MUST_GO_HIGHER');

    expect((await screen(petitionId, { outcome: 'forwarded' })).status).toBe(200);
    const stub = (await view(petitionId)).body;
    expect(stub).toMatchObject({ status: 'forwarded', forwardedTo: r.cityCommission, forwardDueOn: '2026-03-09', receivedOn: RECEIVED_ON });
    expect(stub).not.toHaveProperty('reportedPersons');
    expect(stub).not.toHaveProperty('channel');
    const afterwards = await readProtected(petitionId, token(r.officer));
    expect(afterwards.status).toBe(409);
    expect(afterwards.body.code).toBe('PETITION.FORWARDED');

    // The forward destroyed the petition's own data key in its transaction: the sealed values are unreadable here.
    const key = await database.query<{ erased: boolean; basis: string }>(
      'SELECT key IS NULL AS erased, legal_basis AS basis FROM es_subject_keys WHERE subject = $1',
      [`petition:${petitionId}`],
    );
    expect(key.rows).toEqual([{ erased: true, basis: expect.stringContaining(r.cityCommission) }]);
    const audit = await app.request('GET', `/audit/streams/petition-${petitionId}`, { token: app.token(['auditor']) });
    expect(JSON.stringify(audit.body)).toContain('[erased]');
  });

  it('transfers to a commission directly below, never to one above; links repeats; refuses without a reason', async () => {
    const first = await register();
    const transferred = await screen(first, { outcome: 'transferred', to: r.townshipCommission });
    expect(transferred.status).toBe(200);
    expect((await view(first)).body).toMatchObject({
      status: 'transferred',
      screening: { outcome: 'transferred', to: r.townshipCommission },
    });
    expect((await view(first)).body).not.toHaveProperty('acceptanceNoticeDueOn');

    const second = await register({ named: false, reporterName: undefined, reporterContact: undefined });
    const upwards = await screen(second, { outcome: 'transferred', to: r.cityCommission });
    expect(upwards.status).toBe(422);
    expect(upwards.body.code).toBe('PETITION.NOT_LOWER_COMMISSION');
    const noReason = await screen(second, { outcome: 'not_accepted' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe('PETITION.REASON_REQUIRED');
    expect((await screen(second, { outcome: 'repeat', repeatOf: first })).status).toBe(200);
    expect((await view(second)).body).toMatchObject({ status: 'repeat', screening: { repeatOf: first } });
  });

  it('a retried registration with the same Idempotency-Key is the same petition, sealed once; other values under that key are refused', async () => {
    const key = `petition-${randomBytes(6).toString('hex')}`;
    const send = (body: Record<string, unknown>) =>
      app.request('POST', '/petitions', { token: token(r.office), body, headers: { 'Idempotency-Key': key } });
    const first = await send(petition());
    const retried = await send(petition());
    expect(first.status).toBe(201);
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ petitionId: first.body.petitionId, replayed: true });
    const { rows } = await database.query<{ n: string }>('SELECT count(*) AS n FROM es_events WHERE stream_id = $1', [
      `petition-${first.body.petitionId}`,
    ]);
    expect(Number(rows[0].n)).toBe(1);
    const changed = await send(petition({ content: '另一份举报内容' }));
    expect(changed.body.code).toBe('REQUEST.IDEMPOTENCY_KEY_REUSED');
    expect(JSON.stringify(changed.body)).not.toContain('另一份举报内容');
  });

  it('a unit the registry view has not seen is 409 REGISTRY.NOT_CAUGHT_UP and nothing is written', async () => {
    const before = await eventCount();
    const response = await app.request('POST', '/petitions', { token: token(r.office), body: petition({ reportedUnits: ['CS-UNSEEN'] }) });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('REGISTRY.NOT_CAUGHT_UP');
    expect(await eventCount()).toBe(before);
  });

  it('after rotation a petition sealed under the old key still reads; new ones are sealed under the new key; a key dropped is a clear error', async () => {
    const old = await register();
    const rotated = loadConfig(CasesEnv, {
      ...configVars(app.config),
      PETITION_KEYS: `${app.config.PETITION_KEYS},${petitionKey('k2')}`,
      PETITION_ACTIVE_KEY: 'k2',
    });
    const second = await createServiceApp({
      name: 'cases',
      module: CasesModule.forRoot(rotated),
      config: rotated,
      logger: createLogger('cases', 'silent'),
    });
    await second.listen(0, '127.0.0.1');
    const withoutOld = loadConfig(CasesEnv, { ...configVars(app.config), PETITION_KEYS: petitionKey('k2'), PETITION_ACTIVE_KEY: 'k2' });
    const third = await createServiceApp({
      name: 'cases',
      module: CasesModule.forRoot(withoutOld),
      config: withoutOld,
      logger: createLogger('cases', 'silent'),
    });
    await third.listen(0, '127.0.0.1');
    try {
      const secondUrl = (await second.getUrl()).replace('[::1]', '127.0.0.1');
      const assign = await app.request('POST', `/petitions/${old}/officers`, { token: token(r.office), body: { officers: [r.officer] } });
      expect(assign.status).toBe(200);
      const opened = await fetch(`${secondUrl}/petitions/${old}/protected?reason=${encodeURIComponent('轮换后核对')}`, {
        headers: { authorization: `Bearer ${token(r.officer)}` },
      });
      expect(opened.status).toBe(200);
      expect(await opened.json()).toMatchObject({ reporter: { name: '张某' }, content: '反映教育局违规发放津补贴问题' });

      const created = await fetch(`${secondUrl}/petitions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token(r.office)}`, 'content-type': 'application/json' },
        body: JSON.stringify(petition()),
      });
      expect(created.status).toBe(201);
      const { petitionId } = (await created.json()) as { petitionId: string };
      // The stored form seals the values once more under the petition's own key: read them as the service does.
      const store = app.app.get(EventStore);
      const kids = await Promise.all(
        [old, petitionId].map(async (id) => {
          const [registered] = await store.readStream(`petition-${id}`, { toVersion: 1 });
          return (registered.data as { content: { kid: string } }).content.kid;
        }),
      );
      expect(kids).toEqual(['k1', 'k2']);

      const thirdUrl = (await third.getUrl()).replace('[::1]', '127.0.0.1');
      const lost = await fetch(`${thirdUrl}/petitions/${old}/protected?reason=${encodeURIComponent('密钥缺失')}`, {
        headers: { authorization: `Bearer ${token(r.officer)}` },
      });
      expect(lost.status).toBe(500);
      const problem = (await lost.json()) as { code: string; detail: string };
      expect(problem.code).toBe('PETITION.KEY_UNAVAILABLE');
      expect(problem.detail).toContain('k1');
      expect(problem.detail).not.toContain(app.config.PETITION_KEYS.split(':')[1]);
    } finally {
      await second.close();
      await third.close();
    }
  }, 60_000);

  async function rawPost(body: string) {
    const response = await fetch(`${app.url}/petitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token(r.office)}`, 'content-type': 'application/json' },
      body,
    });
    return { status: response.status, body: await response.text() };
  }

  async function eventCount(): Promise<number> {
    const { rows } = await database.query<{ n: string }>('SELECT count(*) AS n FROM es_events');
    return Number(rows[0].n);
  }

  /** Until the outbox of the stream has gone to Kafka. */
  async function published(streamId: string): Promise<void> {
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

  /** Every table of the service's database whose rows, as text (all columns), contain `text`. */
  async function tablesContaining(text: string): Promise<string[]> {
    const { rows: tables } = await database.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.length).toBeGreaterThan(5);
    const found: string[] = [];
    for (const { schema, name } of tables) {
      const { rows } = await database.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${schema}"."${name}" t WHERE strpos(t::text, $1) > 0`,
        [text],
      );
      if (Number(rows[0].n) > 0) found.push(`${schema}.${name}`);
    }
    return found;
  }
});

/** The test app's configuration as environment variables, to boot a second instance on the same database. */
function configVars(config: CasesEnv): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: config.NODE_ENV,
    PGDATABASE: config.PGDATABASE,
    PGUSER: config.PGUSER,
    PGPASSWORD: config.PGPASSWORD ?? '',
    JWT_ISSUER: config.JWT_ISSUER ?? '',
    JWT_AUDIENCE: config.JWT_AUDIENCE ?? '',
    LOG_LEVEL: 'silent',
  };
}

describe('petition key configuration', () => {
  it.each([
    ['an active key id that is not listed', { PETITION_ACTIVE_KEY: 'k9' }, /PETITION_ACTIVE_KEY/],
    ['a key that is not 32 hex digits', { PETITION_KEYS: 'k1:0123' }, /PETITION_KEYS/],
    ['no key at all', { PETITION_KEYS: '' }, /PETITION_KEYS/],
  ])('%s stops the service at boot, naming the variable', async (_case, vars, message) => {
    await expect(startCases({ vars })).rejects.toThrow(message);
  });
});
