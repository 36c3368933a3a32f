import { randomBytes, randomUUID } from 'node:crypto';
import { addCalendarDays } from '@app/deadlines';
import { chinaDay } from '@app/domain';
import { generateRegisteredKeyPair, sign, type RegisteredKeyPair } from '../../../libs/crypto/src/testing/signing';
import { RegistryFeed } from '../../../libs/registry-view/src/testing/registry-feed';
import { canonicalContentHash, signOffMessage } from '@app/signoffs';
import { LetterItemsTracker } from '../src/letters/letter-items.reaction';
import { startResponsibility, type ResponsibilityUnderTest } from './responsibility-test-app';

/**
 * A responsibility letter (责任书) between a district committee (its principal leader signs, Ed25519)
 * and one of its departments (the department head signs, SM2): once both have signed, each item is
 * the department's obligation, due on the item's deadline, reported done by the department.
 */
describe('responsibility letters: a signed letter’s items become the recipient’s tracked obligations', () => {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const DIST = `LQ-${run}`;
  const DEPT = `LD-${run}`;
  const OTHER = `LO-${run}`;
  const LEADER = `LL-${run}`;
  const HEAD = `LH-${run}`;
  const feed = new RegistryFeed();
  const keys: Record<string, RegisteredKeyPair> = {
    [LEADER]: generateRegisteredKeyPair('ed25519'),
    [HEAD]: generateRegisteredKeyPair('sm2'),
  };
  const today = chinaDay(new Date());
  let app: ResponsibilityUnderTest;
  const officer = (staff: string, unit: string) => app.token(['unit_officer'], [unit], staff);

  beforeAll(async () => {
    app = await startResponsibility();
    await feed.connect(app);
    await feed.publish(
      [
        feed.unit(DIST, '中共测试区委员会', 'party_committee', 'district', null),
        feed.unit(DEPT, '测试区教育局', 'government_department', 'district', DIST),
        feed.unit(OTHER, '测试区卫健委', 'government_department', 'district', DIST),
        feed.person(LEADER, '张伟'),
        feed.person(HEAD, '刘洋'),
        feed.appointed(DIST, LEADER, 'principal_leader'),
        feed.appointed(DEPT, HEAD, 'department_head'),
        ...[LEADER, HEAD].map((staff) => feed.key(staff, keys[staff].algorithm, keys[staff].publicKey, keys[staff].fingerprint)),
      ],
      DIST,
    );
    await feed.until(app, async (view) => (await view.keysValidOn(HEAD, today)).length === 1);
  });
  afterAll(() => app?.close());

  const overdueDeadline = addCalendarDays(today, -10);
  const laterDeadline = addCalendarDays(today, 60);
  const content = {
    title: '党风廉政建设责任书',
    body: '为落实全面从严治党主体责任，区委与区教育局签订本责任书。',
    items: [
      { text: '开展全系统廉政风险点排查，建立风险防控台账', deadline: overdueDeadline },
      { text: '组织党员干部警示教育不少于两次', deadline: laterDeadline },
    ],
  };

  async function signedLetter(): Promise<string> {
    const documentId = randomUUID();
    const drafted = await app.request('POST', '/documents', {
      token: officer(LEADER, DIST),
      body: {
        documentId,
        kind: 'responsibility_letter',
        unitCode: DIST,
        year: Number(today.slice(0, 4)),
        counterpartyUnitCode: DEPT,
        content,
      },
    });
    expect([drafted.status, drafted.body.events]).toEqual([201, ['DocumentDrafted']]);
    const main = await signOff(documentId, LEADER, 'main_responsibility', DIST);
    expect([main.status, main.body.events]).toEqual([201, ['DocumentVersionSigned']]);
    const subject = await signOff(documentId, HEAD, 'responsible_subject', DEPT);
    expect([subject.status, subject.body.events]).toEqual([201, ['DocumentVersionSigned', 'DocumentFullySigned', 'LetterTookEffect']]);
    return documentId;
  }

  function signOff(documentId: string, staff: string, role: string, unit: string) {
    const opinion = '同意，按责任书抓好落实。';
    const contentHash = canonicalContentHash(content);
    const key = keys[staff];
    const statement = signOffMessage({ documentId, version: 1, contentHash, role, signerStaffNumber: staff, opinion });
    return app.request('POST', `/documents/${documentId}/versions/1/sign-offs`, {
      token: officer(staff, unit),
      body: {
        role,
        signerStaffNumber: staff,
        opinion,
        algorithm: key.algorithm,
        keyFingerprint: key.fingerprint,
        contentHash,
        signature: sign(key.algorithm, key.privateKey, statement),
      },
    });
  }

  async function trackedItems(documentId: string, token = officer(LEADER, DIST)) {
    for (let i = 0; i < 100; i++) {
      const items = await app.request('GET', `/letters/${documentId}/items`, { token });
      if (items.status !== 200 || items.body.items.every((item: { tracking: unknown }) => item.tracking !== null)) return items;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the items of letter ${documentId} were not tracked within 10 s`);
  }

  test('once both parties signed, each item is the department’s obligation due on its deadline, coloured as of today', async () => {
    const documentId = await signedLetter();
    const items = await trackedItems(documentId);
    expect(items.status).toBe(200);
    expect(items.body).toMatchObject({ documentId, issuerUnitCode: DIST, recipientUnitCode: DEPT, status: 'fully_signed', version: 1 });
    expect(items.body.items).toMatchObject([
      {
        itemNo: 1,
        text: content.items[0].text,
        deadline: overdueDeadline,
        tracking: { dueOn: overdueDeadline, status: 'pending', colour: 'overdue' },
      },
      { itemNo: 2, deadline: laterDeadline, tracking: { dueOn: laterDeadline, status: 'pending', colour: 'on_track' } },
    ]);
    // The department sees them among its obligations, under the letter's subject, and the scheduler marks the late one.
    const obligations = await app.request('GET', `/obligations?unit=${DEPT}`, { token: officer(HEAD, DEPT) });
    expect(obligations.body.map((o: { subject: string }) => o.subject).sort()).toEqual([
      `letter:${documentId}:1`,
      `letter:${documentId}:2`,
    ]);
    const pass = await app.request('POST', '/obligations/scheduler/run', { token: app.token(['registry_admin'], [], 'admin') });
    expect(pass.body.markedOverdue).toBeGreaterThanOrEqual(1);
    // The department can read the letter's items too; another department cannot.
    expect((await app.request('GET', `/letters/${documentId}/items`, { token: officer(HEAD, DEPT) })).status).toBe(200);
    const stranger = await app.request('GET', `/letters/${documentId}/items`, { token: officer('LX-1', OTHER) });
    expect([stranger.status, stranger.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
  });

  test('the department reports an item done (late after the deadline); only it may; a repeat records nothing', async () => {
    const documentId = await signedLetter();
    await trackedItems(documentId);
    const report = (
      itemNo: number | string,
      token: string,
      body: object = { fulfilledOn: today, evidence: '已完成风险点排查，形成台账' },
    ) => app.request('POST', `/letters/${documentId}/items/${itemNo}/fulfilment`, { token, body });

    const byIssuer = await report(1, officer(LEADER, DIST));
    expect([byIssuer.status, byIssuer.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const done = await report(1, officer(HEAD, DEPT));
    expect([done.status, done.body.events]).toEqual([200, ['ObligationFulfilled']]);
    const again = await report(1, officer(HEAD, DEPT));
    expect([again.status, again.body.events]).toEqual([200, []]);
    const early = await report(2, officer(HEAD, DEPT), { fulfilledOn: today, evidence: '已组织两次警示教育' });
    expect(early.status).toBe(200);

    const items = await trackedItems(documentId);
    expect(items.body.items.map((item: { tracking: { colour: string } }) => item.tracking.colour)).toEqual(['done_late', 'done']);

    const missing = await report(9, officer(HEAD, DEPT));
    expect([missing.status, missing.body.code]).toEqual([404, 'LETTER.ITEM_NOT_TRACKED']);
    expect((await report(0, officer(HEAD, DEPT))).status).toBe(400);
    expect((await report('x', officer(HEAD, DEPT))).status).toBe(400);
    const future = await report(2, officer(HEAD, DEPT), { fulfilledOn: addCalendarDays(today, 3), evidence: '预先填报' });
    expect(future.status).toBe(200); // already fulfilled: a repeat records nothing, whatever it says
    expect((await report(1, officer(HEAD, DEPT), { fulfilledOn: '2025-02-30', evidence: 'x' })).status).toBe(400);
  });

  test('items are taken up once however often the tracker catches up, and a document that is not a letter has no items', async () => {
    const documentId = await signedLetter();
    await trackedItems(documentId);
    await app.app.get(LetterItemsTracker).catchUp();
    const obligations = await app.request('GET', `/obligations?unit=${DEPT}`, { token: officer(HEAD, DEPT) });
    const ofLetter = obligations.body.filter((o: { subject: string }) => o.subject.startsWith(`letter:${documentId}:`));
    expect(ofLetter.map((o: { version: number }) => o.version)).toEqual([1, 1]);

    const decomposition = randomUUID();
    const drafted = await app.request('POST', '/documents', {
      token: officer(LEADER, DIST),
      body: {
        documentId: decomposition,
        kind: 'main_responsibility_report',
        unitCode: DIST,
        year: 2025,
        content: { title: '2025年度履行主体责任情况报告', body: '区委全年履行主体责任情况如下。' },
      },
    });
    expect(drafted.body).toMatchObject({ events: ['DocumentDrafted'] });
    const notALetter = await app.request('GET', `/letters/${decomposition}/items`, { token: officer(LEADER, DIST) });
    expect([notALetter.status, notALetter.body.code]).toEqual([404, 'LETTER.NOT_A_LETTER']);
    expect((await app.request('GET', `/letters/${randomUUID()}/items`, { token: officer(LEADER, DIST) })).status).toBe(404);
  });
});
