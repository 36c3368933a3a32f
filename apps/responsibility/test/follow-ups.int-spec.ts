import type { TestApp } from '@app/testing';
import type { ResponsibilityEnv } from '../src/responsibility.env';
import { startWiredService, type RegistryFixture, type WiredService } from './wired-service';

/**
 * Follow-up notices (督办) through the running service, its registry view fed over the real broker:
 * the paired commission asks about one of the unit's records, the unit answers with evidence, the
 * commission comments and closes, against the real PostgreSQL.
 */

describe('follow-up notices: issued and closed by the paired commission only, answered by the unit', () => {
  let service: WiredService;
  let app: TestApp<ResponsibilityEnv>;
  let r: RegistryFixture;
  let office: string;
  let commission: string;
  let otherCommission: string;
  let record: { streamId: string };

  beforeAll(async () => {
    service = await startWiredService();
    ({ app, registry: r } = service);
    office = app.token(['unit_officer'], [r.unit], `S-OFF-${r.unit}`);
    commission = app.token(['commission_officer'], [r.commission], `S-JW-${r.unit}`);
    otherCommission = app.token(['commission_officer'], ['ELSEWHERE-JW'], `S-JW2-${r.unit}`);
    const opened = await app.request('POST', '/ten-things', { token: office, body: { unitCode: r.unit, year: r.year, number: 4 } });
    expect(opened.status).toBe(201);
    record = { streamId: opened.body.streamId as string };
  });
  afterAll(() => app?.close());

  const notice = (overrides: object = {}) => ({
    unitCode: r.unit,
    record,
    text: '台账佐证材料不全，请补充谈话记录',
    deadline: r.today,
    ...overrides,
  });
  async function issue(): Promise<string> {
    const issued = await app.request('POST', '/follow-ups', { token: commission, body: notice() });
    expect(issued.status).toBe(201);
    return issued.body.noticeId as string;
  }

  test('issue → the unit answers with evidence → a comment → closed as resolved; the notice and the unit’s list read it back', async () => {
    const noticeId = await issue();
    const evidence = await service.upload(office);
    const answered = await app.request('POST', `/follow-ups/${noticeId}/answers`, {
      token: office,
      body: { text: '已补充谈话记录，见附件', attachments: [evidence] },
    });
    expect([answered.status, answered.body.events]).toEqual([200, ['FollowUpAnswered']]);
    const commented = await app.request('POST', `/follow-ups/${noticeId}/comments`, { token: commission, body: { text: '已收悉' } });
    expect([commented.status, commented.body.events]).toEqual([200, ['FollowUpCommented']]);
    const closed = await app.request('POST', `/follow-ups/${noticeId}/close`, {
      token: commission,
      body: { outcome: 'resolved', remark: '整改到位' },
    });
    expect([closed.status, closed.body.events]).toEqual([200, ['FollowUpClosed']]);

    const read = await app.request('GET', `/follow-ups/${noticeId}`, { token: office });
    expect([read.status, read.headers.get('etag')]).toEqual([200, '"4"']);
    expect(read.body).toMatchObject({
      noticeId,
      unitCode: r.unit,
      commissionCode: r.commission,
      record,
      status: 'closed',
      issuedBy: `S-JW-${r.unit}`,
      comments: [{ text: '已收悉', by: `S-JW-${r.unit}` }],
      answers: [{ answerId: answered.body.answerId, attachments: [evidence], late: false, by: `S-OFF-${r.unit}` }],
      closing: { outcome: 'resolved', remark: '整改到位' },
      version: 4,
    });
    const list = await app.request('GET', `/units/${r.unit}/follow-ups?year=${r.year}`, { token: commission });
    expect(list.body.notices.map((n: { noticeId: string }) => n.noticeId)).toContain(noticeId);
  });

  test('only the paired commission issues, comments and closes; the commission does not answer; a resolved close needs an answer', async () => {
    const byOther = await app.request('POST', '/follow-ups', { token: otherCommission, body: notice() });
    expect([byOther.status, byOther.body.code]).toEqual([403, 'FOLLOW_UP.NOT_PAIRED_COMMISSION']);
    const byUnit = await app.request('POST', '/follow-ups', { token: office, body: notice() });
    expect([byUnit.status, byUnit.body.code]).toEqual([403, 'FOLLOW_UP.NOT_PAIRED_COMMISSION']);
    const noticeId = await issue();
    const answeredByCommission = await app.request('POST', `/follow-ups/${noticeId}/answers`, {
      token: commission,
      body: { text: '代答' },
    });
    expect([answeredByCommission.status, answeredByCommission.body.code]).toEqual([403, 'FOLLOW_UP.NOT_UNIT_MEMBER']);
    const commentByUnit = await app.request('POST', `/follow-ups/${noticeId}/comments`, { token: office, body: { text: '说明' } });
    expect([commentByUnit.status, commentByUnit.body.code]).toEqual([403, 'FOLLOW_UP.NOT_PAIRED_COMMISSION']);
    const unanswered = await app.request('POST', `/follow-ups/${noticeId}/close`, { token: commission, body: { outcome: 'resolved' } });
    expect([unanswered.status, unanswered.body.code]).toEqual([409, 'FOLLOW_UP.NOT_ANSWERED']);
    const withdrawn = await app.request('POST', `/follow-ups/${noticeId}/close`, { token: commission, body: { outcome: 'withdrawn' } });
    expect(withdrawn.status).toBe(200);
    const afterClose = await app.request('POST', `/follow-ups/${noticeId}/answers`, { token: office, body: { text: '补充' } });
    expect([afterClose.status, afterClose.body.code]).toEqual([409, 'FOLLOW_UP.CLOSED']);
  });

  test('a notice names a record of the unit; a malformed deadline is 400 naming the field; an unknown notice is 404', async () => {
    const elsewhere = await app.request('POST', '/follow-ups', {
      token: commission,
      body: notice({ record: { streamId: `ten-things-OTHER-UNIT-${r.year}-4` } }),
    });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([422, 'FOLLOW_UP.RECORD_NOT_OF_UNIT']);
    const badDeadline = await app.request('POST', '/follow-ups', { token: commission, body: notice({ deadline: '2025-6-1' }) });
    expect(badDeadline.status).toBe(400);
    expect(badDeadline.body.errors.map((error: { field: string }) => error.field)).toContain('deadline');
    const missing = await app.request('GET', '/follow-ups/00000000-0000-4000-8000-000000000000', { token: office });
    expect([missing.status, missing.body.code]).toEqual([404, 'FOLLOW_UP.NOT_FOUND']);
  });
});
