import { randomUUID } from 'node:crypto';
import type { TestApp } from '@app/testing';
import type { ResponsibilityEnv } from '../src/responsibility.env';
import { startWiredService, type RegistryFixture, type WiredService } from './wired-service';

/**
 * Tasks through the running service, its registry view fed over the real broker: assign → claim →
 * perform and record with uploaded evidence → complete, against the real PostgreSQL.
 */

describe('tasks: assigned along portfolios, carried out and recorded by their assignee only', () => {
  let service: WiredService;
  let app: TestApp<ResponsibilityEnv>;
  let r: RegistryFixture;
  let leader: string;
  let member: string;
  let otherMember: string;
  let commission: string;

  beforeAll(async () => {
    service = await startWiredService();
    ({ app, registry: r } = service);
    leader = app.token(['unit_officer'], [r.unit], r.leader);
    member = app.token(['unit_officer'], [r.unit], r.member);
    // A team member in their own name: no office role, so not the unit's list keeper.
    otherMember = app.token([], [], r.otherMember);
    commission = app.token(['commission_officer'], [r.commission], `S-JW-${r.unit}`);
  });
  afterAll(() => app?.close());

  const assignment = (overrides: object = {}) => ({
    unitCode: r.unit,
    year: r.year,
    itemKey: 'talks.quarterly',
    areaCode: r.area,
    title: '分管领域廉政谈话',
    assignee: r.member,
    due: `${r.year}-12-31`,
    ...overrides,
  });

  async function assign(overrides: object = {}, token = leader): Promise<string> {
    const assigned = await app.request('POST', '/tasks', { token, body: assignment(overrides) });
    expect(assigned.status).toBe(201);
    return assigned.body.taskId as string;
  }

  test('assign → claim → perform and record with uploaded evidence → complete; the task and the unit’s list read it back', async () => {
    const taskId = await assign();
    const claimed = await app.request('POST', `/tasks/${taskId}/claim`, { token: member });
    expect([claimed.status, claimed.body.events]).toEqual([200, ['TaskClaimed']]);

    const evidence = await service.upload(member);
    const performed = await app.request('POST', `/tasks/${taskId}/perform`, {
      token: member,
      body: { day: r.today, text: '与分管科室负责人开展廉政谈话', attachments: [evidence] },
    });
    expect([performed.status, performed.body.events]).toEqual([200, ['TaskPerformed']]);
    const recorded = await app.request('POST', `/tasks/${taskId}/record`, {
      token: member,
      body: { day: r.today, text: '谈话记录已整理归档', attachments: [evidence] },
    });
    expect([recorded.status, recorded.body.events]).toEqual([200, ['TaskRecorded']]);
    const completed = await app.request('POST', `/tasks/${taskId}/complete`, { token: member });
    expect([completed.status, completed.body.events, completed.headers.get('etag')]).toEqual([200, ['TaskCompleted'], '"5"']);

    const read = await app.request('GET', `/tasks/${taskId}`, { token: leader });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"5"');
    expect(read.body).toMatchObject({
      taskId,
      unitCode: r.unit,
      assignee: r.member,
      status: 'completed',
      completedOn: r.today,
      performed: [{ entryId: performed.body.entryId, day: r.today, attachments: [evidence], late: false }],
      recorded: [{ entryId: recorded.body.entryId, attachments: [evidence] }],
      version: 5,
    });
    const list = await app.request('GET', `/units/${r.unit}/tasks?year=${r.year}`, { token: commission });
    expect(list.status).toBe(200);
    expect(list.body.tasks.map((task: { taskId: string }) => task.taskId)).toContain(taskId);
  });

  test('an assignment retried with the same Idempotency-Key replays the same task instead of assigning twice', async () => {
    const headers = { 'idempotency-key': `assign-${r.unit}` };
    const first = await app.request('POST', '/tasks', { token: leader, body: assignment(), headers });
    const again = await app.request('POST', '/tasks', { token: leader, body: assignment(), headers });
    expect([first.status, again.status, again.body.replayed]).toEqual([201, 201, true]);
    expect(again.body.taskId).toBe(first.body.taskId);
    expect((await app.request('GET', `/tasks/${first.body.taskId}`, { token: leader })).body.version).toBe(1);
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
    const outside = await app.request('POST', '/tasks', { token: leader, body: assignment({ assignee: r.otherMember }) });
    expect([outside.status, outside.body.code]).toEqual([422, 'TASK.OUTSIDE_PORTFOLIO']);
    const stranger = await app.request('POST', '/tasks', { token: leader, body: assignment({ assignee: `S-NOBODY-${r.unit}` }) });
    expect([stranger.status, stranger.body.code]).toEqual([422, 'TASK.ASSIGNEE_NOT_TEAM_MEMBER']);
    const byMember = await app.request('POST', '/tasks', { token: otherMember, body: assignment() });
    expect([byMember.status, byMember.body.code]).toEqual([403, 'TASK.NOT_PERMITTED']);

    const taskId = await assign();
    await app.request('POST', `/tasks/${taskId}/claim`, { token: member });
    const unknown = { name: 'x.pdf', mediaType: 'application/pdf', size: 10, sha256: 'f'.repeat(64) };
    const notUploaded = await app.request('POST', `/tasks/${taskId}/perform`, {
      token: member,
      body: { day: r.today, text: '谈话', attachments: [unknown] },
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
    expect((await app.request('GET', `/units/${r.unit}/tasks?year=${r.year}`, { token: outsider })).status).toBe(403);
  });
});
