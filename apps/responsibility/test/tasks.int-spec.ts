import { randomBytes, randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { RegistryEventTypes as T, RESPONSIBILITY_TOPIC, type IntegrationEnvelope } from '@app/contracts';
import { chinaDay } from '@app/domain';
import { composeFeatures, connectInbox, ServiceKitModule } from '@app/kit';
import { createKafka } from '@app/messaging';
import { REGISTRY_VIEW_ENTITIES, REGISTRY_VIEW_MIGRATIONS, RegistryView, RegistryViewModule } from '@app/registry-view';
import { startTestApp, type TestApp } from '@app/testing';
import { EVIDENCE_FEATURE } from '../src/evidence/evidence.feature';
import { ResponsibilityActors } from '../src/responsibility-actors';
import { ResponsibilityEnv } from '../src/responsibility.env';
import { RESPONSIBILITY_SERVICE } from '../src/responsibility.module';
import { RESPONSIBILITY_TOPICS } from '../src/responsibility.topics';
import { TASKS_FEATURE } from '../src/tasks/tasks.feature';

/**
 * Tasks through the running service: the registry view fed over the real broker (a district
 * committee, its principal leader, two team members, one with a portfolio, its paired commission),
 * then assign → claim → perform and record with uploaded evidence → complete, against the real
 * PostgreSQL. The module here is ResponsibilityModule with the tasks feature added, until the
 * service module lists it.
 */

const FEATURES = composeFeatures([EVIDENCE_FEATURE, TASKS_FEATURE]);

@Module({})
class ResponsibilityWithTasks {
  static forRoot(config: ResponsibilityEnv) {
    return {
      module: ResponsibilityWithTasks,
      imports: [
        ServiceKitModule.forService({
          eventSourcing: {
            source: RESPONSIBILITY_SERVICE,
            hashAlgorithm: config.EVENT_HASH_ALGORITHM,
            entities: [...REGISTRY_VIEW_ENTITIES, ...FEATURES.entities],
            migrations: [...REGISTRY_VIEW_MIGRATIONS, ...FEATURES.migrations],
            projections: FEATURES.projections,
            topics: RESPONSIBILITY_TOPICS,
            streamFolders: FEATURES.streamFolders,
          },
          commands: { topic: RESPONSIBILITY_TOPIC, toIntegration: () => null },
        }),
        RegistryViewModule,
      ],
      controllers: FEATURES.controllers,
      providers: [ResponsibilityActors, ...FEATURES.providers],
    };
  }
}

const RUN = randomBytes(3).toString('hex').toUpperCase();
const TOPIC = `registry.events.v1.t${RUN.toLowerCase()}`;
const UNIT = `TK-${RUN}`;
const COMMISSION = `TK-JW-${RUN}`;
const AREA = `TK-EDU-${RUN}`;
const LEADER = `S-LEAD-${RUN}`;
const MEMBER = `S-MEM-${RUN}`;
const OTHER_MEMBER = `S-MEM2-${RUN}`;
const TODAY = chinaDay(new Date());
const YEAR = Number(TODAY.slice(0, 4));
const appointmentId = (n: number) => `00000000-0000-4000-8000-${RUN.toLowerCase()}${String(n).padStart(6, '0')}`;

let sequence = 0;
function envelope(streamId: string, type: string, data: object): IntegrationEnvelope {
  sequence += 1;
  return {
    envelopeVersion: 2,
    id: randomUUID(),
    type,
    version: 1,
    source: 'org-registry',
    streamId,
    streamVersion: sequence,
    position: 0,
    topicSequence: 0,
    payloadHash: '',
    eventHash: '',
    occurredAt: '2020-01-01T00:00:00+08:00',
    recordedAt: new Date().toISOString(),
    correlationId: `c-${RUN}`,
    actor: { personId: 'p-admin' },
    data,
  };
}

const registered = (unitCode: string, name: string, kind: string, parentCode: string | null) =>
  envelope(`unit-${unitCode}`, T.UnitRegistered, {
    unitCode,
    name,
    kind,
    level: 'district',
    parentCode,
    jurisdictionCode: '410105',
    effectiveFrom: '2020-01-01',
  });
const appointed = (n: number, staffNumber: string, post: string) =>
  envelope(`unit-${UNIT}`, T.AppointmentMade, {
    appointmentId: appointmentId(n),
    unitCode: UNIT,
    staffNumber,
    post,
    acting: false,
    effectiveFrom: '2020-01-01',
  });

/** The registry as the view learns it: all on the unit's key, so one partition keeps them in order. */
const REGISTRY: IntegrationEnvelope[] = [
  registered(UNIT, '中共金水区委', 'party_committee', null),
  registered(COMMISSION, '金水区纪委', 'discipline_commission', UNIT),
  registered(AREA, '金水区教育局', 'government_department', UNIT),
  envelope(`unit-${UNIT}`, T.UnitPaired, {
    unitCode: UNIT,
    supervisorCode: COMMISSION,
    supervisorKind: 'discipline_commission',
    effectiveFrom: '2020-01-01',
  }),
  appointed(1, LEADER, 'principal_leader'),
  appointed(2, MEMBER, 'team_member'),
  appointed(3, OTHER_MEMBER, 'team_member'),
  envelope(`unit-${UNIT}`, T.PortfolioAssigned, {
    appointmentId: appointmentId(2),
    unitCode: UNIT,
    staffNumber: MEMBER,
    coveredUnitCodes: [AREA],
    effectiveFrom: '2020-01-01',
  }),
];

async function publish(messages: readonly IntegrationEnvelope[]): Promise<void> {
  const producer = createKafka({ clientId: `tasks-test-${RUN}` }).producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    await producer.send({ topic: TOPIC, messages: messages.map((m) => ({ key: UNIT, value: JSON.stringify(m) })) });
  } finally {
    await producer.disconnect();
  }
}

/** Until the view has the last fact published: the member's portfolio. */
async function viewCaughtUp(view: RegistryView, timeoutMs = 30_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const team = await view.teamOn(UNIT, TODAY).catch(() => []);
    if (team.some((member) => member.staffNumber === MEMBER && member.coveredUnitCodes.includes(AREA))) return;
  }
  throw new Error(`the registry view did not learn ${UNIT} within ${timeoutMs} ms`);
}

describe('tasks: assigned along portfolios, carried out and recorded by their assignee only', () => {
  let app: TestApp<ResponsibilityEnv>;
  let leader: string;
  let member: string;
  let otherMember: string;
  let commission: string;

  beforeAll(async () => {
    app = await startTestApp({
      name: 'responsibility',
      env: ResponsibilityEnv,
      module: (config) => ResponsibilityWithTasks.forRoot(config),
    });
    leader = app.token(['unit_officer'], [UNIT], LEADER);
    member = app.token(['unit_officer'], [UNIT], MEMBER);
    // A team member in their own name: no office role, so not the unit's list keeper.
    otherMember = app.token([], [], OTHER_MEMBER);
    commission = app.token(['commission_officer'], [COMMISSION], `S-JW-${RUN}`);
    await connectInbox(app.app, {
      groupId: `tasks-test-${RUN}`,
      topics: [TOPIC],
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 200,
    });
    await app.app.startAllMicroservices();
    await publish(REGISTRY);
    await viewCaughtUp(app.app.get(RegistryView));
  });
  afterAll(() => app?.close());

  const assignment = (overrides: object = {}) => ({
    unitCode: UNIT,
    year: YEAR,
    itemKey: 'talks.quarterly',
    areaCode: AREA,
    title: '分管领域廉政谈话',
    assignee: MEMBER,
    due: `${YEAR}-12-31`,
    ...overrides,
  });

  async function assign(overrides: object = {}, token = leader): Promise<string> {
    const assigned = await app.request('POST', '/tasks', { token, body: assignment(overrides) });
    expect(assigned.status).toBe(201);
    return assigned.body.taskId as string;
  }

  async function upload(token: string): Promise<{ name: string; mediaType: string; size: number; sha256: string }> {
    const form = new FormData();
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(512)]);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), '廉政谈话记录.pdf');
    const response = await fetch(`${app.url}/evidence?unit=${UNIT}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status).toBe(201);
    const { name, mediaType, size, sha256 } = (await response.json()) as Record<string, never>;
    return { name, mediaType, size, sha256 };
  }

  test('assign → claim → perform and record with uploaded evidence → complete; the task and the unit’s list read it back', async () => {
    const taskId = await assign();
    const claimed = await app.request('POST', `/tasks/${taskId}/claim`, { token: member });
    expect([claimed.status, claimed.body.events]).toEqual([200, ['TaskClaimed']]);

    const evidence = await upload(member);
    const performed = await app.request('POST', `/tasks/${taskId}/perform`, {
      token: member,
      body: { day: TODAY, text: '与分管科室负责人开展廉政谈话', attachments: [evidence] },
    });
    expect([performed.status, performed.body.events]).toEqual([200, ['TaskPerformed']]);
    const recorded = await app.request('POST', `/tasks/${taskId}/record`, {
      token: member,
      body: { day: TODAY, text: '谈话记录已整理归档', attachments: [evidence] },
    });
    expect([recorded.status, recorded.body.events]).toEqual([200, ['TaskRecorded']]);
    const completed = await app.request('POST', `/tasks/${taskId}/complete`, { token: member });
    expect([completed.status, completed.body.events, completed.headers.get('etag')]).toEqual([200, ['TaskCompleted'], '"5"']);

    const read = await app.request('GET', `/tasks/${taskId}`, { token: leader });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"5"');
    expect(read.body).toMatchObject({
      taskId,
      unitCode: UNIT,
      assignee: MEMBER,
      status: 'completed',
      completedOn: TODAY,
      performed: [{ entryId: performed.body.entryId, day: TODAY, attachments: [evidence], late: false }],
      recorded: [{ entryId: recorded.body.entryId, attachments: [evidence] }],
      version: 5,
    });
    const list = await app.request('GET', `/units/${UNIT}/tasks?year=${YEAR}`, { token: commission });
    expect(list.status).toBe(200);
    expect(list.body.tasks.map((task: { taskId: string }) => task.taskId)).toContain(taskId);
  });

  test('only the assignee acts on a task: another team member gets 403, a commission officer gets 403 and records nothing', async () => {
    const taskId = await assign();
    const byOther = await app.request('POST', `/tasks/${taskId}/claim`, { token: otherMember });
    expect([byOther.status, byOther.body.code]).toEqual([403, 'TASK.NOT_ASSIGNEE']);
    const byCommission = await app.request('POST', `/tasks/${taskId}/claim`, { token: commission });
    expect([byCommission.status, byCommission.body.code]).toEqual([403, 'COMMISSION.READ_ONLY']);
    const assignedByCommission = await app.request('POST', '/tasks', { token: commission, body: assignment() });
    expect([assignedByCommission.status, assignedByCommission.body.code]).toEqual([403, 'COMMISSION.READ_ONLY']);
    expect((await app.request('GET', `/tasks/${taskId}`, { token: leader })).body).toMatchObject({ status: 'assigned', version: 1 });
  });

  test('a task goes to a team member whose portfolio covers the area; evidence must be uploaded before it is named', async () => {
    const outside = await app.request('POST', '/tasks', { token: leader, body: assignment({ assignee: OTHER_MEMBER }) });
    expect([outside.status, outside.body.code]).toEqual([422, 'TASK.OUTSIDE_PORTFOLIO']);
    const stranger = await app.request('POST', '/tasks', { token: leader, body: assignment({ assignee: `S-NOBODY-${RUN}` }) });
    expect([stranger.status, stranger.body.code]).toEqual([422, 'TASK.ASSIGNEE_NOT_TEAM_MEMBER']);
    const byMember = await app.request('POST', '/tasks', { token: otherMember, body: assignment() });
    expect([byMember.status, byMember.body.code]).toEqual([403, 'TASK.NOT_PERMITTED']);

    const taskId = await assign();
    await app.request('POST', `/tasks/${taskId}/claim`, { token: member });
    const unknown = { name: 'x.pdf', mediaType: 'application/pdf', size: 10, sha256: 'f'.repeat(64) };
    const notUploaded = await app.request('POST', `/tasks/${taskId}/perform`, {
      token: member,
      body: { day: TODAY, text: '谈话', attachments: [unknown] },
    });
    expect([notUploaded.status, notUploaded.body.code, notUploaded.body.errors[0].field]).toEqual([
      400,
      'EVIDENCE.NOT_UPLOADED',
      'attachments[0].sha256',
    ]);
    const early = await app.request('POST', `/tasks/${taskId}/complete`, { token: member });
    expect([early.status, early.body.code]).toEqual([409, 'TASK.NOTHING_PERFORMED']);
  });

  test('a malformed day is 400 naming the field; an unknown task is 404; another unit’s officer may not read', async () => {
    const badDue = await app.request('POST', '/tasks', { token: leader, body: assignment({ due: '2025-02-30' }) });
    expect(badDue.status).toBe(400);
    expect(badDue.body.errors.map((error: { field: string }) => error.field)).toContain('due');
    const taskId = await assign();
    const badDay = await app.request('POST', `/tasks/${taskId}/perform`, { token: member, body: { day: '12/03/2025', text: '谈话' } });
    expect(badDay.status).toBe(400);
    expect(badDay.body.errors.map((error: { field: string }) => error.field)).toContain('day');
    const missing = await app.request('POST', `/tasks/${randomUUID()}/claim`, { token: member });
    expect([missing.status, missing.body.code]).toEqual([404, 'TASK.NOT_FOUND']);
    const outsider = app.token(['unit_officer'], ['OTHER-UNIT'], 'S-OUT');
    expect((await app.request('GET', `/tasks/${taskId}`, { token: outsider })).status).toBe(403);
    expect((await app.request('GET', `/units/${UNIT}/tasks?year=${YEAR}`, { token: outsider })).status).toBe(403);
  });
});
