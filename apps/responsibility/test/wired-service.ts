import { randomBytes, randomUUID } from 'node:crypto';
import { RegistryEventTypes as T, type IntegrationEnvelope } from '@app/contracts';
import { chinaDay } from '@app/domain';
import { connectInbox } from '@app/kit';
import { createKafka } from '@app/messaging';
import { RegistryView } from '@app/registry-view';
import { startTestApp, type TestApp } from '@app/testing';
import { ResponsibilityEnv } from '../src/responsibility.env';
import { ResponsibilityModule } from '../src/responsibility.module';

/**
 * The responsibility service as it runs, its registry view fed over the real broker from a topic of
 * the run's own: a district committee with its principal leader, two team members (the first with a
 * portfolio covering a department) and its paired commission.
 */

/** The people and units of one run, unique to it. */
export interface RegistryFixture {
  readonly unit: string;
  readonly commission: string;
  /** A department in the first member's portfolio. */
  readonly area: string;
  readonly leader: string;
  readonly member: string;
  readonly otherMember: string;
  readonly today: string;
  readonly year: number;
}

export interface WiredService {
  readonly app: TestApp<ResponsibilityEnv>;
  readonly registry: RegistryFixture;
  /** Uploads a small PDF for the unit as the token's holder; answers the reference to name. */
  upload(token: string): Promise<{ name: string; mediaType: string; size: number; sha256: string }>;
}

export async function startWiredService(): Promise<WiredService> {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const today = chinaDay(new Date());
  const registry: RegistryFixture = {
    unit: `RS-${run}`,
    commission: `RS-JW-${run}`,
    area: `RS-EDU-${run}`,
    leader: `S-LEAD-${run}`,
    member: `S-MEM-${run}`,
    otherMember: `S-MEM2-${run}`,
    today,
    year: Number(today.slice(0, 4)),
  };
  const topic = `registry.events.v1.t${run.toLowerCase()}`;
  const app = await startTestApp({
    name: 'responsibility',
    env: ResponsibilityEnv,
    module: (config) => ResponsibilityModule.forRoot(config),
  });
  try {
    await connectInbox(app.app, {
      groupId: `responsibility-test-${run}`,
      topics: [topic],
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 200,
    });
    await app.app.startAllMicroservices();
    await publish(topic, registry.unit, registryHistory(registry, run));
    await viewKnows(app.app.get(RegistryView), registry);
  } catch (error) {
    await app.close();
    throw error;
  }
  return {
    app,
    registry,
    async upload(token) {
      const form = new FormData();
      const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(512)]);
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), '廉政谈话记录.pdf');
      const response = await fetch(`${app.url}/evidence?unit=${registry.unit}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      if (response.status !== 201) throw new Error(`upload answered ${response.status}`);
      const { name, mediaType, size, sha256 } = (await response.json()) as Record<string, never>;
      return { name, mediaType, size, sha256 };
    },
  };
}

/** The registry as the view learns it, all on the unit's key so that one partition keeps the order. */
function registryHistory(r: RegistryFixture, run: string): IntegrationEnvelope[] {
  let sequence = 0;
  const envelope = (type: string, data: object): IntegrationEnvelope => ({
    envelopeVersion: 2,
    id: randomUUID(),
    type,
    version: 1,
    source: 'org-registry',
    streamId: `unit-${r.unit}`,
    streamVersion: ++sequence,
    position: 0,
    topicSequence: 0,
    payloadHash: '',
    eventHash: '',
    occurredAt: '2020-01-01T00:00:00+08:00',
    recordedAt: new Date().toISOString(),
    correlationId: `c-${run}`,
    actor: { personId: 'p-admin' },
    data,
  });
  const registered = (unitCode: string, name: string, kind: string, parentCode: string | null) =>
    envelope(T.UnitRegistered, {
      unitCode,
      name,
      kind,
      level: 'district',
      parentCode,
      jurisdictionCode: '410105',
      effectiveFrom: '2020-01-01',
    });
  const appointmentId = (n: number) => `00000000-0000-4000-8000-${run.toLowerCase()}${String(n).padStart(6, '0')}`;
  const appointed = (n: number, staffNumber: string, post: string) =>
    envelope(T.AppointmentMade, {
      appointmentId: appointmentId(n),
      unitCode: r.unit,
      staffNumber,
      post,
      acting: false,
      effectiveFrom: '2020-01-01',
    });
  return [
    registered(r.unit, '中共金水区委', 'party_committee', null),
    registered(r.commission, '金水区纪委', 'discipline_commission', r.unit),
    registered(r.area, '金水区教育局', 'government_department', r.unit),
    envelope(T.UnitPaired, {
      unitCode: r.unit,
      supervisorCode: r.commission,
      supervisorKind: 'discipline_commission',
      effectiveFrom: '2020-01-01',
    }),
    appointed(1, r.leader, 'principal_leader'),
    appointed(2, r.member, 'team_member'),
    appointed(3, r.otherMember, 'team_member'),
    envelope(T.PortfolioAssigned, {
      appointmentId: appointmentId(2),
      unitCode: r.unit,
      staffNumber: r.member,
      coveredUnitCodes: [r.area],
      effectiveFrom: '2020-01-01',
    }),
  ];
}

async function publish(topic: string, key: string, messages: readonly IntegrationEnvelope[]): Promise<void> {
  const producer = createKafka({ clientId: `responsibility-test-${key}` }).producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic, messages: messages.map((message) => ({ key, value: JSON.stringify(message) })) });
  } finally {
    await producer.disconnect();
  }
}

/** Until the view has the last fact published: the member's portfolio. */
async function viewKnows(view: RegistryView, r: RegistryFixture, timeoutMs = 30_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const team = await view.teamOn(r.unit, r.today).catch(() => []);
    if (team.some((member) => member.staffNumber === r.member && member.coveredUnitCodes.includes(r.area))) return;
  }
  throw new Error(`the registry view did not learn ${r.unit} within ${timeoutMs} ms`);
}
