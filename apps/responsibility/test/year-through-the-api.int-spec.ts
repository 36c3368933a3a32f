import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chinaDay } from '@app/domain';
import { generateRegisteredKeyPair, sign, type RegisteredKeyPair } from '../../../libs/crypto/src/testing/signing';
import { RegistryFeed } from '../../../libs/registry-view/src/testing/registry-feed';
import { signAndSubmit, signArgs } from '../src/cli/sign';
import { signOffMessage } from '@app/signoffs';
import { startResponsibility, type ResponsibilityUnderTest } from './responsibility-test-app';

/**
 * A district committee's whole responsibility year through the HTTP API only, against the real
 * PostgreSQL and Kafka, with the registry fed over the broker: the year's list generated, amended,
 * handed in and signed off (Ed25519 by the principal leader, SM2 by the commission's secretary
 * with the sign CLI) until it is approved; tasks decomposed in a signed document and carried out
 * with evidence; a ten-things ledger filled; a responsibility letter signed with a department whose
 * items become the department's obligations; last year's dual reports submitted and acknowledged;
 * the year before left unreported, marked overdue by the scheduler; and the audit chain intact.
 */
describe('a year of a district committee, through the API', () => {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const CITY = `YC-${run}`;
  const CITY_JW = `YCJ-${run}`;
  const DIST = `YD-${run}`;
  const JW = `YJ-${run}`;
  const DEPT = `YE-${run}`;
  const LEADER = `YL-${run}`;
  const MEMBER = `YM-${run}`;
  const SECRETARY = `YS-${run}`;
  const HEAD = `YH-${run}`;
  const CITY_LEADER = `YCL-${run}`;
  const today = chinaDay(new Date());
  const year = Number(today.slice(0, 4));
  const feed = new RegistryFeed();
  const keys: Record<string, RegisteredKeyPair> = {
    [LEADER]: generateRegisteredKeyPair('ed25519'),
    [SECRETARY]: generateRegisteredKeyPair('sm2'),
    [HEAD]: generateRegisteredKeyPair('sm2'),
  };
  let app: ResponsibilityUnderTest;
  const auditor = () => app.token(['auditor'], [], 'YA-AUDITOR');
  const leader = () => app.token(['unit_officer'], [DIST], LEADER);
  const member = () => app.token(['unit_officer'], [DIST], MEMBER);
  const secretary = () => app.token(['commission_officer'], [JW], SECRETARY);
  const head = () => app.token(['unit_officer'], [DEPT], HEAD);
  const admin = () => app.token(['registry_admin'], [], 'YA-ADMIN');

  beforeAll(async () => {
    app = await startResponsibility();
    await feed.connect(app);
    const memberAppointment = randomUUID();
    await feed.publish(
      [
        feed.unit(CITY, '中共郑州市委', 'party_committee', 'city', null, '2020-01-01', '410100'),
        feed.unit(CITY_JW, '中共郑州市纪委', 'discipline_commission', 'city', CITY, '2020-01-01', '410100'),
        feed.paired(CITY, CITY_JW),
        feed.unit(DIST, '中共金水区委', 'party_committee', 'district', CITY),
        feed.unit(JW, '中共金水区纪委', 'discipline_commission', 'district', DIST),
        feed.unit(DEPT, '金水区教育局', 'government_department', 'district', DIST),
        feed.paired(DIST, JW),
        ...[
          [LEADER, '张伟'],
          [MEMBER, '王芳'],
          [SECRETARY, '李娜'],
          [HEAD, '刘洋'],
          [CITY_LEADER, '陈明'],
        ].map(([staff, name]) => feed.person(staff, name)),
        feed.appointed(CITY, CITY_LEADER, 'principal_leader'),
        feed.appointed(DIST, LEADER, 'principal_leader'),
        feed.appointed(DIST, MEMBER, 'team_member', '2020-01-01', memberAppointment),
        feed.portfolio(DIST, memberAppointment, MEMBER, [DEPT]),
        feed.appointed(JW, SECRETARY, 'commission_secretary'),
        feed.appointed(DEPT, HEAD, 'department_head'),
        ...Object.entries(keys).map(([staff, key]) => feed.key(staff, key.algorithm, key.publicKey, key.fingerprint)),
      ],
      DIST,
    );
    await feed.until(app, async (view) => (await view.keysValidOn(HEAD, today)).length === 1);
  });
  afterAll(() => app?.close());

  /** Signs version 1 of a document in the signer's name with their registered key, as a client would. */
  async function signOff(documentId: string, staff: string, role: string, token: string) {
    const version = await app.request('GET', `/documents/${documentId}/versions/1`, { token });
    expect(version.status).toBe(200);
    const { contentHash } = version.body as { contentHash: string };
    const opinion = '经审阅，同意。';
    const key = keys[staff];
    return app.request('POST', `/documents/${documentId}/versions/1/sign-offs`, {
      token,
      body: {
        role,
        signerStaffNumber: staff,
        opinion,
        algorithm: key.algorithm,
        keyFingerprint: key.fingerprint,
        contentHash,
        signature: sign(
          key.algorithm,
          key.privateKey,
          signOffMessage({ documentId, version: 1, contentHash, role, signerStaffNumber: staff, opinion }),
        ),
      },
    });
  }

  async function draft(kind: string, content: object, unitCode = DIST, token = leader(), extra: object = {}): Promise<string> {
    const documentId = randomUUID();
    const drafted = await app.request('POST', '/documents', { token, body: { documentId, kind, unitCode, year, content, ...extra } });
    expect([drafted.status, drafted.body.events, drafted.body.code]).toEqual([201, ['DocumentDrafted'], undefined]);
    return documentId;
  }

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let i = 0; i < 100; i++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('did not happen within 10 s');
  }

  test('the year’s list: generated from the seed’s duties, amended, handed in, signed by both responsibilities, approved', async () => {
    const generated = await app.request('POST', '/responsibility-lists', { token: leader(), body: { unitCode: DIST, year } });
    expect([generated.status, generated.body.events]).toEqual([201, ['ResponsibilityListGenerated']]);
    const list = await app.request('GET', `/responsibility-lists/${DIST}/${year}`, { token: leader() });
    expect(list.body.items.length).toBeGreaterThanOrEqual(20);
    const first = list.body.items[0] as { key: string };
    const amended = await app.request('POST', `/responsibility-lists/${DIST}/${year}/items/${first.key}`, {
      token: leader(),
      body: { requiredEvidence: '会议纪要、年度工作计划' },
    });
    expect([amended.status, amended.body.events]).toEqual([200, ['ResponsibilityListItemAmended']]);

    const submitted = await app.request('POST', `/responsibility-lists/${DIST}/${year}/submission`, { token: leader() });
    expect([submitted.status, submitted.body.events]).toEqual([201, ['ResponsibilityListSubmittedForSignOff']]);
    const { documentId } = submitted.body as { documentId: string };
    const retried = await app.request('POST', `/responsibility-lists/${DIST}/${year}/submission`, { token: leader() });
    expect([retried.status, retried.body.events, retried.body.documentId]).toEqual([201, [], documentId]);
    const locked = await app.request('POST', `/responsibility-lists/${DIST}/${year}/items/${first.key}`, {
      token: leader(),
      body: { weight: 3 },
    });
    expect([locked.status, locked.body.code]).toEqual([409, 'LIST.LOCKED']);

    // The division document carries the list as submitted; the principal leader signs, the secretary signs with the CLI.
    const division = await app.request('GET', `/documents/${documentId}/versions/1`, { token: leader() });
    expect(division.body).toMatchObject({ contentHash: submitted.body.contentHash });
    expect(division.body.content.body).toContain('会议纪要、年度工作计划');
    expect((await signOff(documentId, LEADER, 'main_responsibility', leader())).status).toBe(201);
    const keyFile = join(mkdtempSync(join(tmpdir(), 'year-')), 'secretary.key');
    writeFileSync(keyFile, keys[SECRETARY].privateKey);
    const reply = await signAndSubmit(
      signArgs([
        ...['--key', keyFile, '--doc', `${documentId}@1`, '--role', 'supervisory_responsibility', '--staff', SECRETARY],
        ...['--opinion', '同意，纪委将监督落实。', '--url', app.url, '--token', secretary()],
      ]),
    );
    expect(JSON.parse(reply)).toMatchObject({ events: ['DocumentVersionSigned', 'DocumentFullySigned'] });

    const approved = await eventually(
      () => app.request('GET', `/responsibility-lists/${DIST}/${year}`, { token: secretary() }),
      (answer) => answer.body.status === 'approved',
    );
    expect(approved.body).toMatchObject({ status: 'approved', contentHash: submitted.body.contentHash });

    const sheet = await fetch(`${app.url}/responsibility-lists/${DIST}/${year}/export.xlsx`, {
      headers: { authorization: `Bearer ${leader()}` },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await sheet.arrayBuffer()) as never);
    const cells = workbook.worksheets[0].getSheetValues().flat().map(String);
    expect(cells.some((cell) => cell.includes('中共金水区委'))).toBe(true);
    expect(cells).toContain('会议纪要、年度工作计划');
  });

  test('tasks: decomposed in a signed document, then claimed, performed with evidence, recorded and completed by the member', async () => {
    const decomposition = await draft('task_decomposition', {
      title: `${year}年度党风廉政建设任务分解`,
      body: '王芳同志负责分管的教育系统廉政谈话和警示教育。',
    });
    expect((await signOff(decomposition, LEADER, 'main_responsibility', leader())).status).toBe(201);
    const signed = await signOff(decomposition, SECRETARY, 'supervisory_responsibility', secretary());
    expect(signed.body.events).toEqual(['DocumentVersionSigned', 'DocumentFullySigned']);

    const assigned = await app.request('POST', '/tasks', {
      token: leader(),
      body: {
        unitCode: DIST,
        year,
        itemKey: 'talks.quarterly',
        areaCode: DEPT,
        title: '分管领域廉政谈话',
        assignee: MEMBER,
        due: `${year}-12-31`,
      },
    });
    expect(assigned.status).toBe(201);
    const taskId = assigned.body.taskId as string;
    expect((await app.request('POST', `/tasks/${taskId}/claim`, { token: member() })).status).toBe(200);
    const evidence = await upload(member());
    const entry = { day: today, text: '与教育局领导班子开展廉政谈话', attachments: [evidence] };
    expect((await app.request('POST', `/tasks/${taskId}/perform`, { token: member(), body: entry })).status).toBe(200);
    expect(
      (await app.request('POST', `/tasks/${taskId}/record`, { token: member(), body: { ...entry, text: '谈话记录已归档' } })).status,
    ).toBe(200);
    expect((await app.request('POST', `/tasks/${taskId}/complete`, { token: member() })).body.events).toEqual(['TaskCompleted']);
  });

  test('the ten things: a project’s ledger filled with evidence to 100 % and completed; the ledger workbook prints it', async () => {
    expect((await app.request('POST', '/ten-things', { token: leader(), body: { unitCode: DIST, year, number: 1 } })).status).toBe(201);
    const evidence = await upload(leader());
    const path = `/ten-things/${DIST}/${year}/1`;
    const line = (text: string, progress: number) => ({ day: today, text, doneBy: [LEADER], attachments: [evidence], progress });
    expect((await app.request('POST', `${path}/entries`, { token: leader(), body: line('主持召开党风廉政建设专题会议', 50) })).status).toBe(
      200,
    );
    expect(
      (await app.request('POST', `${path}/entries`, { token: leader(), body: line('听取班子成员履行一岗双责汇报', 100) })).status,
    ).toBe(200);
    expect((await app.request('POST', `${path}/complete`, { token: leader() })).body.events).toEqual(['TenThingsProjectCompleted']);
    const ledger = await fetch(`${app.url}/units/${DIST}/ten-things/ledger.xlsx?year=${year}`, {
      headers: { authorization: `Bearer ${secretary()}` },
    });
    expect(ledger.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await ledger.arrayBuffer()) as never);
    expect(workbook.worksheets[0].getSheetValues().flat().map(String)).toContain('听取班子成员履行一岗双责汇报');
  });

  test('a responsibility letter signed by the committee’s leader and the department head: its items are the department’s obligations', async () => {
    const letter = await draft(
      'responsibility_letter',
      { title: '党风廉政建设责任书', items: [{ text: '全年开展廉政风险排查', deadline: `${year}-12-31` }] },
      DIST,
      leader(),
      { counterpartyUnitCode: DEPT },
    );
    expect((await signOff(letter, LEADER, 'main_responsibility', leader())).status).toBe(201);
    const signed = await signOff(letter, HEAD, 'responsible_subject', head());
    expect(signed.body.events).toEqual(['DocumentVersionSigned', 'DocumentFullySigned', 'LetterTookEffect']);
    const items = await eventually(
      () => app.request('GET', `/letters/${letter}/items`, { token: head() }),
      (answer) => answer.body.items?.[0]?.tracking !== null,
    );
    expect(items.body.items[0].tracking).toMatchObject({ dueOn: `${year}-12-31`, status: 'pending' });
    const done = await app.request('POST', `/letters/${letter}/items/1/fulfilment`, {
      token: head(),
      body: { fulfilledOn: today, evidence: '已完成全系统廉政风险排查' },
    });
    expect(done.body.events).toEqual(['ObligationFulfilled']);
  });

  test('dual reports: last year’s submitted by the leader and the secretary and acknowledged; the year before left overdue', async () => {
    const last = year - 1;
    expect((await app.request('POST', '/dual-reports/obligations', { token: admin(), body: { unitCode: DIST, year: last } })).status).toBe(
      201,
    );
    expect(
      (await app.request('POST', '/dual-reports/obligations', { token: admin(), body: { unitCode: DIST, year: last - 1 } })).status,
    ).toBe(201);

    const mainReport = await draft(
      'main_responsibility_report',
      { title: `${last}年度履行主体责任情况报告`, body: '区委全年履行主体责任情况。' },
      DIST,
      leader(),
      {
        year: last,
      },
    );
    expect((await signOff(mainReport, LEADER, 'main_responsibility', leader())).body.events).toContain('DocumentFullySigned');
    const main = await app.request('POST', '/dual-reports', {
      token: app.token([], [], LEADER),
      body: { unitCode: DIST, year: last, kind: 'main', documentId: mainReport, documentVersion: 1 },
    });
    expect([main.status, main.body.events]).toEqual([201, ['DualReportSubmitted']]);
    const acknowledged = await app.request('POST', `/dual-reports/${DIST}/${last}/main/acknowledgements`, {
      token: app.token([], [], CITY_LEADER),
      body: { submissionNo: 1, recipientUnitCode: CITY },
    });
    expect(acknowledged.body.events).toEqual(['DualReportAcknowledged']);

    const supervisoryReport = await draft(
      'supervisory_responsibility_report',
      { title: `${last}年度履行监督责任情况报告`, body: '区纪委全年履行监督责任情况。' },
      JW,
      secretary(),
      { year: last },
    );
    expect((await signOff(supervisoryReport, SECRETARY, 'supervisory_responsibility', secretary())).body.events).toContain(
      'DocumentFullySigned',
    );
    const supervisory = await app.request('POST', '/dual-reports', {
      token: app.token([], [], SECRETARY),
      body: { unitCode: JW, year: last, kind: 'supervisory', documentId: supervisoryReport, documentVersion: 1 },
    });
    expect([supervisory.status, supervisory.body.events]).toEqual([201, ['DualReportSubmitted']]);
    const report = await app.request('GET', `/dual-reports/${JW}/${last}/supervisory`, { token: admin() });
    expect(report.body.current.recipients.map((recipient: { unitCode: string }) => recipient.unitCode)).toEqual([DIST, CITY_JW]);

    const pass = await app.request('POST', '/obligations/scheduler/run', { token: admin() });
    expect(pass.status).toBe(200);
    const overdue = await app.request('GET', `/obligations?unit=${DIST}&status=overdue`, { token: leader() });
    expect(overdue.body.map((item: { subject: string }) => item.subject)).toContain(`dual_report:${DIST}:${last - 1}:main`);
    const all = await app.request('GET', `/obligations?unit=${DIST}`, { token: leader() });
    expect(all.body.find((item: { subject: string }) => item.subject === `dual_report:${DIST}:${last}:main`)).toMatchObject({
      status: 'fulfilled',
    });
  });

  test('the auditor replays it: the list’s stream tells its story and the whole chain verifies', async () => {
    const stream = await app.request('GET', `/audit/streams/responsibility-list-${DIST}-${year}`, { token: auditor() });
    expect(stream.body.events.map((event: { type: string }) => event.type)).toEqual([
      'ResponsibilityListGenerated',
      'ResponsibilityListItemAmended',
      'ResponsibilityListSubmittedForSignOff',
      'ResponsibilityListApproved',
    ]);
    const verified = await eventually(
      () => app.request('GET', '/audit/verify', { token: auditor() }),
      (answer) => answer.status === 200,
    );
    expect(verified.body).toMatchObject({ ok: true });
  });

  async function upload(token: string) {
    const form = new FormData();
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(256)]);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), '谈话记录.pdf');
    const response = await fetch(`${app.url}/evidence?unit=${DIST}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status).toBe(201);
    const { name, mediaType, size, sha256 } = (await response.json()) as Record<string, never>;
    return { name, mediaType, size, sha256 };
  }
});
