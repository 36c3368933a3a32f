import { randomBytes, randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import type { IntegrationEnvelope, ResponsibilityReviewConcludedV1 } from '@app/contracts';
import { chinaDay } from '@app/domain';
import { EventStore } from '@app/eventstore';
import { createKafka } from '@app/messaging';
import type { RegistryFeed } from '../../../libs/registry-view/src/testing/registry-feed';
import { signOffMessage } from '@app/signoffs';
import { generateRegisteredKeyPair, sign } from '../../../libs/crypto/src/testing/signing';
import { AccountabilityJobs } from '../src/accountability/accountability-jobs';
import { bulletinContentHash } from '../src/bulletins/bulletin.events';
import { ReturnJobs } from '../src/returns/return-jobs';
import { startWiredCases, type CasesRegistry, type CasesUnderTest } from './cases-test-app';

jest.setTimeout(90_000);

/**
 * Issue #11, accountability and returns: a concluded case (its events appended the way the inquiries
 * record them) → a decision and a sanction with its impact period → a one-case-two-investigations
 * review concluded in responsibility tracking, delivered over the real broker (twice) → one matter,
 * decided → the quarterly return shows them, is signed off (the secretary's own signature over the
 * figures, registered keys from the registry feed), submitted and downloaded as XLSX.
 */
describe('accountability, sanctions and quarterly returns', () => {
  const reviewTopic = `responsibility.events.v1.test-${randomBytes(4).toString('hex')}`;
  let app: CasesUnderTest;
  let r: CasesRegistry;
  let feed: RegistryFeed;
  let officer: string;
  const secretaryKey = generateRegisteredKeyPair('sm2');
  const revokedKey = generateRegisteredKeyPair('ed25519');
  const officerKey = generateRegisteredKeyPair('ed25519');
  const caseId = randomUUID();
  const today = chinaDay(new Date());
  const thisQuarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;

  beforeAll(async () => {
    const wired = await startWiredCases({ topics: [reviewTopic] });
    app = wired.app;
    r = wired.registry;
    feed = wired.feed;
    officer = app.token(['commission_officer'], [r.commission], r.officer);
    await feed.publish(
      [
        feed.key(r.secretary, 'sm2', secretaryKey.publicKey, secretaryKey.fingerprint),
        feed.key(r.secretary, 'ed25519', revokedKey.publicKey, revokedKey.fingerprint),
        feed.keyRevoked(r.secretary, revokedKey.fingerprint, '2021-01-01'),
        feed.key(r.officer, 'ed25519', officerKey.publicKey, officerKey.fingerprint),
      ],
      r.city,
    );
    await feed.until(app, async (view) => (await view.keyByFingerprint(officerKey.fingerprint)) !== undefined);
    // The case, as the inquiries record it in this service's log.
    const store = app.app.get(EventStore);
    await store.append({
      streamId: `case-${caseId}`,
      expectedVersion: 0,
      previousHash: null,
      events: [
        {
          type: 'CaseOpened',
          data: {
            caseId,
            commission: r.commission,
            subjects: [{ staffNumber: r.chief, unitCode: r.department }],
            openedOn: '2026-07-06',
            clueId: null,
            preliminaryCheckId: null,
          },
        },
        {
          type: 'CaseConcluded',
          data: {
            caseId,
            commission: r.commission,
            concludedOn: '2026-08-14',
            findings: [{ unitCode: r.department, staffNumbers: [r.chief], periodFrom: '2024-01-01', periodTo: '2025-12-31' }],
          },
        },
      ],
      metadata: { actor: { personId: r.officer }, correlationId: `seed-${caseId}`, unitId: r.commission },
    });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const post = (path: string, body: unknown, token = officer) => app.request('POST', path, { token, body });
  const get = (path: string, token = officer) => app.request('GET', path, { token });

  async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
    for (const started = Date.now(); ; await new Promise((resolve) => setTimeout(resolve, 200))) {
      const value = await probe();
      if (ok(value) || Date.now() - started > timeoutMs) return value;
    }
  }

  let decisionId: string;

  interface ToSign {
    readonly documentId: string;
    readonly version: number;
    readonly contentHash: string;
    readonly role: string;
  }
  /** A sign-off body as a client makes it: the statement's fixed lines from the GET …-hash route, signed with the key. */
  const signedBody = (toSign: ToSign, signer: string, key: typeof secretaryKey, opinion = '同意签发。', signedOpinion = opinion) => ({
    version: toSign.version,
    contentHash: toSign.contentHash,
    signerStaffNumber: signer,
    opinion,
    algorithm: key.algorithm,
    keyFingerprint: key.fingerprint,
    signature: sign(
      key.algorithm,
      key.privateKey,
      signOffMessage({
        documentId: toSign.documentId,
        version: toSign.version,
        contentHash: toSign.contentHash,
        role: toSign.role,
        signerStaffNumber: signer,
        opinion: signedOpinion,
      }),
    ),
  });

  it('decides on the concluded case, imposes a sanction with its impact period, and refuses bad input with clear codes', async () => {
    const decision = {
      commission: r.commission,
      caseId,
      target: { kind: 'cadre', unitCode: r.department, staffNumber: r.chief },
      measures: ['disciplinary_sanction', 'circulated_criticism'],
      typical: true,
      decidedOn: '2026-08-20',
    };
    expect(
      (await post('/accountability-decisions', { ...decision, target: { ...decision.target, staffNumber: 'S-NOBODY' } })).body.code,
    ).toBe('REGISTRY.NOT_CAUGHT_UP');
    expect((await post('/accountability-decisions', { ...decision, measures: ['reorganisation'] })).body.code).toBe(
      'ACCOUNTABILITY.INVALID_MEASURE',
    );
    expect((await post('/accountability-decisions', { ...decision, caseId: randomUUID() })).status).toBe(404);
    expect(
      (await post('/accountability-decisions', decision, app.token(['commission_officer'], [r.cityCommission], r.stranger))).status,
    ).toBe(403);

    const decided = await post('/accountability-decisions', decision);
    expect(decided.status).toBe(201);
    decisionId = decided.body.decisionId as string;
    expect(
      (
        await post(`/accountability-decisions/${decisionId}/sanctions`, {
          kind: 'party',
          type: 'no_such_sanction',
          effectiveOn: '2026-08-25',
        })
      ).body,
    ).toMatchObject({ status: 422, code: 'SANCTION.UNKNOWN_TYPE' });
    const sanctioned = await post(`/accountability-decisions/${decisionId}/sanctions`, {
      kind: 'party',
      type: 'serious_warning',
      effectiveOn: '2026-08-25',
    });
    expect(sanctioned.status).toBe(200);

    const view = await get(`/accountability-decisions/${decisionId}`);
    expect(view.body).toMatchObject({
      caseId,
      measures: ['circulated_criticism', 'disciplinary_sanction'],
      formalitiesDueOn: '2026-09-20',
      appealUntil: '2026-09-20',
      form: 2,
      sanctions: [
        { kind: 'party', type: 'serious_warning', effectiveOn: '2026-08-25', impactEndsOn: '2027-08-24', impactMonths: 12, form: 2 },
      ],
    });
    const sanctions = await get(`/sanctions?commission=${r.commission}`);
    expect(sanctions.body.items).toEqual([expect.objectContaining({ decisionId, staffNumber: r.chief, impactEndsOn: '2027-08-24' })]);

    // Formalities were due on 2026-09-20 and never recorded: overdue, once.
    const jobs = app.app.get(AccountabilityJobs);
    expect((await jobs.runNow()).acted).toBe(1);
    expect((await jobs.runNow()).acted).toBe(0);
    expect((await get(`/accountability-decisions/${decisionId}`)).body.formalitiesOverdue).toBe(true);
    expect((await post(`/accountability-decisions/${decisionId}/appeal`, { on: today })).body.code).toBe(
      'ACCOUNTABILITY.APPEAL_WINDOW_CLOSED',
    );
  });

  it('opens one matter per failure of a review delivered over Kafka, however often it arrives, and decides on it', async () => {
    const reviewId = randomUUID();
    const data: ResponsibilityReviewConcludedV1['data'] = {
      reviewId,
      caseId,
      unitCode: r.department,
      periodFrom: '2024-01-01',
      periodTo: '2025-12-31',
      concludedOn: today,
      failures: [{ responsibility: 'main', subject: 'principal_leader', unitCode: r.department, staffNumber: r.chief }],
      escalatedToUnitCode: null,
    };
    const envelope = (id: string): IntegrationEnvelope => ({
      envelopeVersion: 2,
      id,
      type: 'responsibility.ResponsibilityReviewConcluded',
      version: 1,
      source: 'responsibility',
      streamId: `review-${reviewId}`,
      streamVersion: 3,
      position: 0,
      topicSequence: 0,
      payloadHash: '',
      eventHash: '',
      occurredAt: new Date().toISOString(),
      recordedAt: new Date().toISOString(),
      correlationId: `review-${reviewId}`,
      actor: { personId: 'service:responsibility' },
      data,
    });
    const first = envelope(randomUUID());
    const again = envelope(randomUUID());
    const producer = createKafka({ clientId: `review-feed-${reviewId.slice(0, 8)}` }).producer({
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    try {
      // The same message redelivered, and the same review published again under another id.
      await producer.send({
        topic: reviewTopic,
        messages: [first, first, again].map((m) => ({ key: m.streamId, value: JSON.stringify(m) })),
      });
    } finally {
      await producer.disconnect();
    }
    const dataSource = app.app.get(DataSource);
    const inbox = await until(
      async () =>
        (
          await dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM msg_inbox WHERE message_id = ANY($1)', [
            [first.id, again.id],
          ])
        )[0]?.n ?? 0,
      (n) => n === 2,
    );
    expect(inbox).toBe(2);
    const matters = await until(
      async () => (await get(`/accountability-matters?commission=${r.commission}`)).body.items as { matterId: string; reviewId: string }[],
      (items) => items.length > 0,
    );
    expect(matters).toEqual([
      expect.objectContaining({ reviewId, caseId, unitCode: r.department, staffNumber: r.chief, decisionId: null }),
    ]);
    const opened = await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM es_events WHERE stream_id = $1`, [
      `accountability-review-${reviewId}`,
    ]);
    expect(opened[0].n).toBe(1);

    const matterId = matters[0].matterId;
    const wrong = await post('/accountability-decisions', {
      commission: r.commission,
      matterId,
      target: { kind: 'organisation', unitCode: r.department },
      measures: ['inspection'],
      decidedOn: today,
    });
    expect(wrong.body.code).toBe('ACCOUNTABILITY.NOT_THE_MATTER_SUBJECT');
    const onMatter = await post('/accountability-decisions', {
      commission: r.commission,
      matterId,
      target: { kind: 'cadre', unitCode: r.department, staffNumber: r.chief },
      measures: ['admonishment'],
      decidedOn: today,
    });
    expect(onMatter.status).toBe(201);
    expect((await get(`/accountability-matters/${matterId}`)).body.decisionId).toBe(onMatter.body.decisionId);
  });

  it('refuses a decision once the case is closed', async () => {
    expect((await post('/accountability-decisions/closed-cases', { caseId, commission: r.commission })).status).toBe(200);
    const late = await post('/accountability-decisions', {
      commission: r.commission,
      caseId,
      target: { kind: 'organisation', unitCode: r.department },
      measures: ['inspection'],
      decidedOn: today,
    });
    expect(late.body).toMatchObject({ status: 409, code: 'ACCOUNTABILITY.CASE_CLOSED' });
  });

  it('compiles the quarterly return, records it overdue once, takes the sign-off and submission, and downloads it as XLSX', async () => {
    const q3 = await get(`/returns/${r.commission}/2026-Q3`);
    expect(q3.status).toBe(200);
    expect(q3.body).toMatchObject({
      quarter: '2026-Q3',
      from: '2026-07-01',
      to: '2026-09-30',
      dueOn: '2026-10-10',
      status: 'pending',
      figures: {
        cases: { opened: 1, concluded: 1 },
        decisions: { total: 1, organisations: 0, cadres: 1 },
        sanctions: { total: 1, byType: { 'party.serious_warning': 1 } },
        forms: { first: 0, second: 1, third: 0, fourth: 0 },
        typicalCases: 1,
      },
    });
    const current = await get(`/returns/${r.commission}/${thisQuarter}`);
    expect(current.body.figures).toMatchObject({ matters: { opened: 1, decided: 1 }, forms: { first: 1 } });
    expect((await get(`/returns/${r.commission}/2026-Q5`)).status).toBe(400);

    const jobs = app.app.get(ReturnJobs);
    expect((await jobs.runNow()).acted).toBe(1);
    expect((await jobs.runNow()).acted).toBe(0);

    expect((await post(`/returns/${r.commission}/2026-Q3/submission`, {})).body.code).toBe('RETURN.NOT_SIGNED_OFF');
    const secretary = app.token([], [], r.secretary);
    const base = `/returns/${r.commission}/2026-Q3`;
    const toSign = await get(`${base}/sign-off-hash`, secretary);
    expect(toSign.status).toBe(200);
    expect(toSign.body).toMatchObject({
      version: 1,
      role: 'accountability_return_signoff',
      statementFormat: 'signoff/v1',
      signerStaffNumber: r.secretary,
      figures: q3.body.figures,
    });
    const first = toSign.body as ToSign;
    const before = (await get(base)).body.version as number;

    // Refused with their codes, nothing written: not the secretary, a signer other than the caller
    // (with a valid key of their own), a signature over another opinion, a revoked key, an ill-formed body.
    expect((await post(`${base}/sign-off`, signedBody(first, r.secretary, secretaryKey))).body.code).toBe('RETURN.NOT_SECRETARY');
    expect(await post(`${base}/sign-off`, signedBody(first, r.officer, officerKey), secretary)).toMatchObject({
      status: 403,
      body: { code: 'SIGNOFF.SIGNER_NOT_ENTITLED' },
    });
    expect(await post(`${base}/sign-off`, signedBody(first, r.secretary, secretaryKey, '同意签发。', '同意。'), secretary)).toMatchObject({
      status: 422,
      body: { code: 'SIGNOFF.BAD_SIGNATURE' },
    });
    expect(await post(`${base}/sign-off`, signedBody(first, r.secretary, revokedKey), secretary)).toMatchObject({
      status: 403,
      body: { code: 'SIGNOFF.KEY_NOT_VALID' },
    });
    expect((await post(`${base}/sign-off`, {}, secretary)).status).toBe(400);
    expect(
      (await post(`/returns/${r.commission}/${thisQuarter}/sign-off`, signedBody(first, r.secretary, secretaryKey), secretary)).body.code,
    ).toBe('RETURN.QUARTER_NOT_OVER');

    // The figures change after the hash was taken (another case opened in the quarter): the stale hash is refused.
    const lateCaseId = randomUUID();
    await app.app.get(EventStore).append({
      streamId: `case-${lateCaseId}`,
      expectedVersion: 0,
      previousHash: null,
      events: [
        {
          type: 'CaseOpened',
          data: {
            caseId: lateCaseId,
            commission: r.commission,
            subjects: [{ staffNumber: r.chief, unitCode: r.department }],
            openedOn: '2026-09-01',
            clueId: null,
            preliminaryCheckId: null,
          },
        },
      ],
      metadata: { actor: { personId: r.officer }, correlationId: `seed-${lateCaseId}`, unitId: r.commission },
    });
    const changed = await until(
      () => get(`${base}/sign-off-hash`, secretary),
      (response) => response.body.contentHash !== first.contentHash,
    );
    expect(changed.body).toMatchObject({ version: 1, figures: { cases: { opened: 2, concluded: 1 } } });
    expect(await post(`${base}/sign-off`, signedBody(first, r.secretary, secretaryKey), secretary)).toMatchObject({
      status: 409,
      body: { code: 'RETURN.FIGURES_CHANGED' },
    });
    expect((await get(base)).body).toMatchObject({ status: 'pending', version: before });

    const recompiled = changed.body as ToSign;
    expect((await post(`${base}/sign-off`, signedBody(recompiled, r.secretary, secretaryKey), secretary)).status).toBe(200);
    const signedVersion = (await get(base)).body.version as number;
    expect(signedVersion).toBe(before + 1);
    // The same sign-off again records nothing.
    expect((await post(`${base}/sign-off`, signedBody(recompiled, r.secretary, secretaryKey), secretary)).status).toBe(200);
    expect((await get(base)).body.version).toBe(signedVersion);
    const submitted = await post(`/returns/${r.commission}/2026-Q3/submission`, {});
    expect(submitted.status).toBe(200);
    expect((await get(`/returns/${r.commission}/2026-Q3`)).body).toMatchObject({
      status: 'submitted',
      signedBy: r.secretary,
      signedFiguresCurrent: true,
      submittedTo: r.cityCommission,
      late: true,
      overdue: true,
    });

    const file = await fetch(`${app.url}/returns/${r.commission}/2026-Q3/export.xlsx`, { headers: { authorization: `Bearer ${officer}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await file.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('季度报表')!;
    expect(sheet.getCell('A1').value).toBe('2026年第3季度责任追究情况统计表');
    const rows = Array.from(sheet.getSheetValues(), (row) => (Array.isArray(row) ? Array.from(row, String) : []));
    expect(rows.find((row) => row[3] === '严重警告' && row[2] === '党纪处分')?.[4]).toBe('1');
    expect(rows.find((row) => row[3] === '典型案例')?.[4]).toBe('1');
    expect(sheet.getCell('A2').text).toContain(`签发人：${r.secretary}`);
    expect(workbook.getWorksheet('问责明细')!.getRow(4).getCell(4).value).toBe(r.department);
  });

  it('compiles the two months’ typical cases into a bulletin, reviewed, signed and published', async () => {
    const base = `/bulletins/${r.commission}/2026-B4`;
    expect((await post(`${base}/compilation`, {})).status).toBe(200);
    const reviewer = app.token(['commission_officer'], [r.commission], r.otherOfficer);
    expect((await post(`${base}/review`, { opinion: '同意通报' })).body.code).toBe('BULLETIN.SELF_REVIEW');
    expect((await post(`${base}/review`, { opinion: '同意通报' }, reviewer)).status).toBe(200);
    expect((await post(`${base}/publication`, {})).body.code).toBe('BULLETIN.NOT_SIGNED');
    const secretary = app.token([], [], r.secretary);
    const toSign = await get(`${base}/signature-hash`, secretary);
    expect(toSign.body).toMatchObject({
      version: 1,
      role: 'typical_case_bulletin_signoff',
      statementFormat: 'signoff/v1',
      signerStaffNumber: r.secretary,
      cases: [expect.objectContaining({ decisionId })],
    });
    const compiled = toSign.body as ToSign;
    const before = (await get(base)).body.version as number;
    expect(await post(`${base}/signature`, signedBody(compiled, r.officer, officerKey), secretary)).toMatchObject({
      status: 403,
      body: { code: 'SIGNOFF.SIGNER_NOT_ENTITLED' },
    });
    expect(
      await post(`${base}/signature`, signedBody(compiled, r.secretary, secretaryKey, '同意通报。', '同意。'), secretary),
    ).toMatchObject({
      status: 422,
      body: { code: 'SIGNOFF.BAD_SIGNATURE' },
    });
    const otherContent = { ...compiled, contentHash: bulletinContentHash({ commission: r.commission, period: '2026-B4', cases: [] }) };
    expect(await post(`${base}/signature`, signedBody(otherContent, r.secretary, secretaryKey), secretary)).toMatchObject({
      status: 409,
      body: { code: 'BULLETIN.CONTENT_CHANGED' },
    });
    expect((await get(base)).body).toMatchObject({ status: 'reviewed', version: before });
    expect((await post(`${base}/signature`, signedBody(compiled, r.secretary, secretaryKey, '同意通报。'), secretary)).status).toBe(200);
    expect((await post(`${base}/publication`, {})).status).toBe(200);
    const bulletin = await get(base);
    expect(bulletin.body).toMatchObject({
      status: 'published',
      from: '2026-07-01',
      to: '2026-08-31',
      bulletin: { cases: [expect.objectContaining({ decisionId, unitCode: r.department, sanctions: ['党纪处分：严重警告'] })] },
    });
  });
});
