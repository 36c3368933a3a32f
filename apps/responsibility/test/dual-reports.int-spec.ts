import { randomBytes, randomUUID } from 'node:crypto';
import type { IntegrationEnvelope } from '@app/contracts';
import { chinaDay } from '@app/domain';
import { commandContext, CommandPath } from '@app/kit';
import { RegistryView } from '@app/registry-view';
import { startTestApp, type TestApp } from '@app/testing';
import { canonicalContentHash } from '@app/signoffs';
import { documentStreamId, type DocumentCommand } from '../src/documents/document.commands';
import { documentDecider } from '../src/documents/document.decider';
import { ResponsibilityEnv } from '../src/responsibility.env';
import { RegistryFeed } from '../../../libs/registry-view/src/testing/registry-feed';
import { ResponsibilityModule } from '../src/responsibility.module';

/**
 * §8 dual reports wired into the responsibility service against the real PostgreSQL and Kafka: the
 * registry view (fed over the broker) names the recipients, the document's own stream says whether
 * the report is signed, a submission fulfils the report's obligation, and recipients acknowledge.
 */

const RUN = randomBytes(3).toString('hex').toUpperCase();
const code = (name: string) => `DR-${name}-${RUN}`;
const staff = (name: string) => `S-${name}-${RUN}`;
const TODAY = chinaDay(new Date());
const YEAR = Number(TODAY.slice(0, 4)) - 1;
const FROM = '2020-01-01';

const MAIN_SIGNER = { role: 'main_responsibility', staffNumber: staff('LEADER'), post: 'principal_leader' };
const SUPERVISORY_SIGNER = { role: 'supervisory_responsibility', staffNumber: staff('DJW'), post: 'commission_secretary' };

const feed = new RegistryFeed();
const unit = (name: string, title: string, kind: string, level: string, parent: string | null, jurisdictionCode: string) =>
  feed.unit(code(name), title, kind, level, parent && code(parent), FROM, jurisdictionCode);
const paired = (committee: string, commission: string) => feed.paired(code(committee), code(commission), FROM);
const person = (who: string, name: string) => feed.person(staff(who), name);
const appointed = (unitName: string, who: string, post: string) => feed.appointed(code(unitName), staff(who), post, FROM);

/** A city committee and commission above a district committee and its commission, with their leaders. */
const HISTORY: IntegrationEnvelope[] = [
  unit('CITY', '中共郑州市委', 'party_committee', 'city', null, '410100'),
  unit('CITY-JW', '中共郑州市纪委', 'discipline_commission', 'city', 'CITY', '410100'),
  paired('CITY', 'CITY-JW'),
  unit('DIST', '中共金水区委', 'party_committee', 'district', 'CITY', '410105'),
  unit('DIST-JW', '中共金水区纪委', 'discipline_commission', 'district', 'DIST', '410105'),
  paired('DIST', 'DIST-JW'),
  person('LEADER', '张三'),
  person('CITY', '李四'),
  person('STRANGER', '王五'),
  person('DJW', '赵六'),
  appointed('DIST-JW', 'DJW', 'commission_secretary'),
  appointed('DIST', 'LEADER', 'principal_leader'),
  appointed('CITY', 'CITY', 'principal_leader'),
];

describe('dual reports: recipients from the registry on the day, a signed document, the obligation fulfilled, acknowledgements', () => {
  let app: TestApp<ResponsibilityEnv>;
  let leader: string;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp({ name: 'responsibility', env: ResponsibilityEnv, module: (config) => ResponsibilityModule.forRoot(config) });
    leader = app.token([], [], staff('LEADER'));
    admin = app.token(['registry_admin'], [], 'S-DR-ADMIN');
    await feed.connect(app);
    await feed.publish(HISTORY);
    const view = app.app.get(RegistryView);
    for (let attempt = 0; attempt < 150; attempt++) {
      const leaders = await view.principalLeaderOn(code('CITY'), TODAY).catch(() => undefined);
      const posts = await view.postsHeldOn(staff('STRANGER'), TODAY).catch(() => undefined);
      if (leaders && posts) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the registry view did not catch up');
  });
  afterAll(() => app?.close());

  /** A report document of the unit on YEAR, drafted and (unless `signed` is false) signed by its principal leader. */
  async function reportDocument(unitCode: string, kind: string, signed = true, year = YEAR, signer = MAIN_SIGNER): Promise<string> {
    const documentId = randomUUID();
    const content = { title: `${year}年度履行党风廉政建设主体责任情况报告`, body: '一年来，区委认真履行党风廉政建设主体责任。' };
    const contentHash = canonicalContentHash(content);
    const path = app.app.get(CommandPath);
    const context = commandContext({ personId: signer.staffNumber, roles: [], units: [] });
    const send = (command: Omit<DocumentCommand, 'metadata'>) =>
      path.execute({ decider: documentDecider }, documentStreamId(documentId), command as never, context);
    await send({ type: 'DraftDocument', data: { documentId, kind, unitCode, year, content, contentHash } });
    if (signed) {
      await send({
        type: 'SignDocumentVersion',
        data: {
          documentId,
          version: 1,
          contentHash,
          role: signer.role,
          signerStaffNumber: signer.staffNumber,
          opinion: '经审阅，同意报送。',
          algorithm: 'sm2',
          keyFingerprint: 'f'.repeat(64),
          signature: 'ab'.repeat(64),
          facts: {
            key: { staffNumber: signer.staffNumber, algorithm: 'sm2', fingerprint: 'f'.repeat(64), validFrom: FROM },
            signatureValid: true,
            signerPosts: [{ unitCode, post: signer.post }],
            pairedCommissionCode: code('DIST-JW'),
          },
        },
      });
    }
    return documentId;
  }

  const obligation = async (unitCode: string, subject: string) => {
    const list = await app.request('GET', `/obligations?unit=${unitCode}`, { token: admin });
    return (list.body as { subject: string; status: string; dueOn: string }[]).find((item) => item.subject === subject);
  };

  test('the year’s obligations are opened for the committee and its commission, due 31 January under dual_report.due', async () => {
    const year = YEAR - 2;
    const opened = await app.request('POST', '/dual-reports/obligations', { token: admin, body: { unitCode: code('DIST'), year } });
    expect(opened.status).toBe(201);
    expect(opened.body.obligations.map((answer: { events: string[] }) => answer.events)).toEqual([
      ['ObligationOpened'],
      ['ObligationOpened'],
    ]);
    const again = await app.request('POST', '/dual-reports/obligations', { token: admin, body: { unitCode: code('DIST'), year } });
    expect(again.body.obligations.map((answer: { events: string[] }) => answer.events)).toEqual([[], []]);
    expect(await obligation(code('DIST'), `dual_report:${code('DIST')}:${year}:main`)).toMatchObject({
      status: 'pending',
      dueOn: `${year + 1}-01-31`,
    });
    expect(await obligation(code('DIST-JW'), `dual_report:${code('DIST-JW')}:${year}:supervisory`)).toMatchObject({
      status: 'pending',
      dueOn: `${year + 1}-01-31`,
    });
    const commission = await app.request('POST', '/dual-reports/obligations', { token: admin, body: { unitCode: code('DIST-JW'), year } });
    expect([commission.status, commission.body.code]).toEqual([422, 'DUAL_REPORT.NOT_A_COMMITTEE']);
    const byOfficer = await app.request('POST', '/dual-reports/obligations', {
      token: app.token(['unit_officer'], [code('DIST')], 'S-DR-OFFICER'),
      body: { unitCode: code('DIST'), year },
    });
    expect(byOfficer.status).toBe(403);
  });

  test('a main report goes to the higher committee and commission of the day, fulfils its obligation, and is acknowledged by each', async () => {
    expect(
      (await app.request('POST', '/dual-reports/obligations', { token: admin, body: { unitCode: code('DIST'), year: YEAR } })).status,
    ).toBe(201);
    const unsigned = await reportDocument(code('DIST'), 'main_responsibility_report', false);
    const refused = await app.request('POST', '/dual-reports', {
      token: leader,
      body: { unitCode: code('DIST'), year: YEAR, kind: 'main', documentId: unsigned, documentVersion: 1 },
    });
    expect([refused.status, refused.body.code]).toEqual([409, 'DUAL_REPORT.DOCUMENT_NOT_SIGNED']);

    const documentId = await reportDocument(code('DIST'), 'main_responsibility_report');
    const body = { unitCode: code('DIST'), year: YEAR, kind: 'main', documentId, documentVersion: 1 };
    const stranger = await app.request('POST', '/dual-reports', { token: app.token([], [], staff('STRANGER')), body });
    expect([stranger.status, stranger.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const submitted = await app.request('POST', '/dual-reports', { token: leader, body });
    expect([submitted.status, submitted.body.events]).toEqual([201, ['DualReportSubmitted']]);

    const path = `/dual-reports/${code('DIST')}/${YEAR}/main`;
    const report = await app.request('GET', path, { token: admin });
    expect(report.body).toMatchObject({
      status: 'submitted',
      current: {
        submissionNo: 1,
        recipients: [
          { role: 'higher_party_committee', unitCode: code('CITY'), name: '中共郑州市委' },
          { role: 'higher_commission', unitCode: code('CITY-JW'), name: '中共郑州市纪委' },
        ],
        acknowledgedBy: [],
      },
    });
    expect(await obligation(code('DIST'), `dual_report:${code('DIST')}:${YEAR}:main`)).toMatchObject({ status: 'fulfilled' });

    const acknowledge = (token: string, recipientUnitCode: string) =>
      app.request('POST', `${path}/acknowledgements`, { token, body: { submissionNo: 1, recipientUnitCode } });
    const notStaff = await acknowledge(app.token([], [], staff('STRANGER')), code('CITY'));
    expect([notStaff.status, notStaff.body.code]).toEqual([403, 'DUAL_REPORT.NOT_RECIPIENT_STAFF']);
    // The city committee's principal leader by the post held that day; the commission's officer by the token.
    const byPost = await acknowledge(app.token([], [], staff('CITY')), code('CITY'));
    expect([byPost.status, byPost.body.events]).toEqual([200, ['DualReportAcknowledged']]);
    const byToken = await acknowledge(app.token(['commission_officer'], [code('CITY-JW')], 'S-CJW-OFFICER'), code('CITY-JW'));
    expect([byToken.status, byToken.body.events]).toEqual([200, ['DualReportAcknowledged', 'DualReportFullyAcknowledged']]);
    // A recipient reads the report it received.
    const asRecipient = await app.request('GET', path, { token: app.token(['commission_officer'], [code('CITY-JW')], 'S-CJW-OFFICER') });
    expect(asRecipient.body.current.acknowledgedBy).toEqual([code('CITY'), code('CITY-JW')]);

    const again = await app.request('POST', '/dual-reports', { token: leader, body });
    expect([again.status, again.body.code]).toEqual([409, 'DUAL_REPORT.ALREADY_SUBMITTED']);

    // A replacement is explicit, with another signed document and a reason; recipients acknowledge it afresh.
    const replacement = await reportDocument(code('DIST'), 'main_responsibility_report');
    const resubmit = (extra: object) =>
      app.request('POST', `${path}/resubmissions`, { token: leader, body: { documentId: replacement, documentVersion: 1, ...extra } });
    expect((await resubmit({})).status).toBe(400);
    const resubmitted = await resubmit({ reason: '补充第四季度整改情况' });
    expect([resubmitted.status, resubmitted.body.events]).toEqual([201, ['DualReportResubmitted']]);
    expect((await app.request('GET', path, { token: admin })).body.current).toMatchObject({ submissionNo: 2, acknowledgedBy: [] });
    const stale = await acknowledge(app.token([], [], staff('CITY')), code('CITY'));
    expect([stale.status, stale.body.code]).toEqual([409, 'DUAL_REPORT.SUBMISSION_SUPERSEDED']);
  });

  test('a supervisory report goes to the committee of the same level and the higher commission', async () => {
    const documentId = await reportDocument(code('DIST-JW'), 'supervisory_responsibility_report', true, YEAR, SUPERVISORY_SIGNER);
    const submitted = await app.request('POST', '/dual-reports', {
      token: app.token([], [], staff('DJW')),
      body: { unitCode: code('DIST-JW'), year: YEAR, kind: 'supervisory', documentId, documentVersion: 1 },
    });
    expect([submitted.status, submitted.body.events]).toEqual([201, ['DualReportSubmitted']]);
    const report = await app.request('GET', `/dual-reports/${code('DIST-JW')}/${YEAR}/supervisory`, { token: admin });
    expect(report.body.current.recipients).toEqual([
      { role: 'same_level_party_committee', unitCode: code('DIST'), name: '中共金水区委' },
      { role: 'higher_commission', unitCode: code('CITY-JW'), name: '中共郑州市纪委' },
    ]);
  });

  test('refused: a document of another kind or year, a document that does not exist, a report not submitted, a reader with no access', async () => {
    // The year before: a report stream of its own, untouched by the other tests.
    const year = YEAR - 1;
    const body = { unitCode: code('DIST'), year, kind: 'main', documentId: '', documentVersion: 1 };
    const otherKind = await reportDocument(code('DIST'), 'responsibility_division', false, year);
    const wrongKind = await app.request('POST', '/dual-reports', { token: leader, body: { ...body, documentId: otherKind } });
    expect([wrongKind.status, wrongKind.body.code]).toEqual([422, 'DUAL_REPORT.WRONG_DOCUMENT']);
    const otherYear = await reportDocument(code('DIST'), 'main_responsibility_report', true, YEAR);
    const wrongYear = await app.request('POST', '/dual-reports', { token: leader, body: { ...body, documentId: otherYear } });
    expect([wrongYear.status, wrongYear.body.code]).toEqual([422, 'DUAL_REPORT.WRONG_DOCUMENT']);
    const missing = await app.request('POST', '/dual-reports', { token: leader, body: { ...body, documentId: randomUUID() } });
    expect([missing.status, missing.body.code]).toEqual([404, 'DUAL_REPORT.DOCUMENT_NOT_FOUND']);
    const none = await app.request('GET', `/dual-reports/${code('DIST-JW')}/${year}/supervisory`, { token: admin });
    expect([none.status, none.body.code]).toEqual([404, 'DUAL_REPORT.NOT_SUBMITTED']);
    const outsider = await app.request('GET', `/dual-reports/${code('DIST')}/${year}/main`, {
      token: app.token(['unit_officer'], ['ELSEWHERE'], 'S-OUT'),
    });
    expect([outsider.status, outsider.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    expect((await app.request('GET', `/dual-reports/${code('DIST')}/${year}/main`, { token: admin })).status).toBe(404);
  });
});
