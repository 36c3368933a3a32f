import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  CASES_TOPIC,
  CasesEventTypes,
  RegistryEventTypes,
  RESPONSIBILITY_TOPIC,
  ResponsibilityEventTypes,
  type IntegrationEnvelope,
} from '@app/contracts';
import { chinaDay } from '@app/domain';
import { connectInbox } from '@app/kit';
import { createKafka } from '@app/messaging';
import type { INestApplication } from '@nestjs/common';
import { canonicalContentHash, signOffMessage } from '@app/signoffs';
import { generateRegisteredKeyPair, sign } from '../libs/crypto/src/testing/signing';
import { RegistryFeed } from '../libs/registry-view/src/testing/registry-feed';
import { reviewIdOf } from '../apps/responsibility/src/reviews/review.command-handlers';
import { startResponsibility, type ResponsibilityUnderTest } from '../apps/responsibility/test/responsibility-test-app';
import { checkIdOf, inquiryIdOf } from '../apps/cases/src/inquiries/clue-disposals.reactor';
import { REPLY_SIGN_OFF_ROLE } from '../apps/cases/src/inquiries/inquiry.events';
import {
  casesRegistryHistory,
  newCasesRegistry,
  startCases,
  type CasesRegistry,
  type CasesUnderTest,
} from '../apps/cases/test/cases-test-app';

jest.setTimeout(120_000);

type Response = { status: number; body: Record<string, unknown> };

/**
 * Issue #11, end to end: a petition followed through both services over the real broker — petition,
 * clue, letter inquiry with a signed reply, preliminary check, case and its conclusion in case
 * handling; `cases.CaseConcluded` on `cases.events.v1` opens, in responsibility tracking, the review
 * of the unit with the principal leader who held the post during the period (not today's); its
 * conclusion, `responsibility.ResponsibilityReviewConcluded` on `responsibility.events.v1`, opens an
 * accountability matter back in case handling; decisions on the matter (with a sanction) and on the
 * case; the quarterly return counts them. Both services read the same registry history, published
 * once on a topic of the run's own.
 */
describe('a petition through case handling and responsibility tracking into the quarterly return', () => {
  const today = chinaDay(new Date());
  const quarter = `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  // The conduct found (P), and the district's principal leaders: the one of P, replaced after it.
  const periodFrom = '2025-01-01';
  const periodTo = '2025-06-30';
  const run = randomBytes(3).toString('hex').toUpperCase();
  const formerLeader = `S-OLDLEAD-${run}`;
  const leader = `S-NEWLEAD-${run}`;
  const leaderKey = generateRegisteredKeyPair('sm2');
  const feed = new RegistryFeed();
  // Each service reads the other's real topic from its end, in a consumer group of the run's own.
  const casesGroup = `cases-e2e-${randomUUID().slice(0, 8)}`;
  const reviewsGroup = `resp-e2e-${randomUUID().slice(0, 8)}`;
  let r: CasesRegistry;
  let cases: CasesUnderTest;
  let responsibility: ResponsibilityUnderTest;

  beforeAll(async () => {
    r = newCasesRegistry();
    cases = await startCases();
    responsibility = await startResponsibility();
    const inbox = { fromBeginning: false, sessionTimeout: 10_000, heartbeatInterval: 1000, maxWaitTimeInMs: 100 };
    // Another run's message on the shared topic fails here (unknown case or unit): retried briefly, then set aside.
    const backoff = { initialMs: 50, maxMs: 200 };
    await connectInbox(cases.app, { groupId: casesGroup, topics: [RESPONSIBILITY_TOPIC], backoff, ...inbox });
    await connectInbox(responsibility.app, { groupId: reviewsGroup, topics: [CASES_TOPIC], backoff, ...inbox });
    await feed.connect(cases);
    await feed.connect(responsibility);

    const formerAppointment = randomUUID();
    await feed.publish(
      [
        ...casesRegistryHistory(feed, r),
        feed.person(formerLeader, '原区委书记'),
        feed.person(leader, '现任区委书记'),
        feed.appointed(r.district, formerLeader, 'principal_leader', '2020-01-01', formerAppointment),
        feed.envelope(`unit-${r.district}`, RegistryEventTypes.AppointmentEnded, {
          appointmentId: formerAppointment,
          unitCode: r.district,
          staffNumber: formerLeader,
          post: 'principal_leader',
          effectiveTo: '2025-12-31',
          reason: 'transferred',
        }),
        feed.appointed(r.district, leader, 'principal_leader', '2026-01-01'),
        feed.key(leader, 'sm2', leaderKey.publicKey, leaderKey.fingerprint),
      ],
      r.city,
    );
    for (const app of [cases, responsibility]) {
      await feed.until(app, async (view) => (await view.principalLeaderOn(r.district, today))?.staffNumber === leader);
    }
    await feed.until(cases, async (view) => (await view.keyByFingerprint(leaderKey.fingerprint)) !== undefined);
    await Promise.all([
      untilReading(cases, casesGroup, RESPONSIBILITY_TOPIC, () =>
        envelope('responsibility', ResponsibilityEventTypes.ResponsibilityReviewConcluded, `review-${randomUUID()}`, {
          reviewId: randomUUID(),
          caseId: randomUUID(),
          unitCode: r.district,
          periodFrom,
          periodTo,
          concludedOn: today,
          failures: [],
          escalatedToUnitCode: null,
        }),
      ),
      untilReading(responsibility, reviewsGroup, CASES_TOPIC, () =>
        envelope('cases', CasesEventTypes.CaseConcluded, `case-${randomUUID()}`, {
          caseId: randomUUID(),
          handlingCommissionCode: r.commission,
          concludedOn: today,
          findings: [],
        }),
      ),
    ]);
  }, 120_000);
  afterAll(async () => {
    try {
      await responsibility?.close();
    } finally {
      await cases?.close();
    }
  });

  function envelope(source: string, type: string, streamId: string, data: object): IntegrationEnvelope {
    return {
      envelopeVersion: 2,
      id: randomUUID(),
      type,
      version: 1,
      source,
      streamId,
      streamVersion: 1,
      position: 0,
      topicSequence: 0,
      payloadHash: '',
      eventHash: '',
      occurredAt: new Date().toISOString(),
      recordedAt: new Date().toISOString(),
      correlationId: `e2e-${run}`,
      actor: { personId: `service:${source}` },
      data,
    };
  }

  /**
   * A group that starts at the end of a topic reads only what comes after it joined: a message that
   * changes nothing (a review without failures, a case without findings) is produced until the
   * group has recorded one in its inbox.
   */
  async function untilReading(
    app: { readonly app: INestApplication },
    group: string,
    topic: string,
    probe: () => IntegrationEnvelope,
  ): Promise<void> {
    const producer = createKafka({ clientId: `${group}-probe` }).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      for (let attempt = 0; attempt < 30; attempt++) {
        const message = probe();
        await producer.send({
          topic,
          messages: [
            {
              key: message.streamId,
              value: JSON.stringify(message),
              headers: { 'x-message-id': message.id, 'x-message-type': message.type },
            },
          ],
        });
        for (let i = 0; i < 10; i++) {
          const rows: unknown[] = await app.app
            .get(DataSource)
            .query('SELECT 1 FROM msg_inbox WHERE consumer = $1 AND message_id = $2', [group, message.id]);
          if (rows.length > 0) return;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } finally {
      await producer.disconnect();
    }
    throw new Error(`${group} did not start reading ${topic}`);
  }

  async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
    for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((resolve) => setTimeout(resolve, 100))) {
      const value = await probe();
      if (ok(value)) return value;
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('follows the petition to a case, its review with the leader of the period, a matter, decisions with a sanction, and the return', async () => {
    const officer = cases.token(['commission_officer'], [r.commission], r.officer);
    const get = (path: string, token = officer) => cases.request('GET', path, { token }) as Promise<Response>;
    const post = (path: string, body: unknown, token = officer) => cases.request('POST', path, { token, body }) as Promise<Response>;
    const until200 = (path: string) =>
      until(
        () => get(path),
        (response) => response.status === 200,
        path,
      );

    // The petition, accepted; a clue from it, reviewed, the inquiry proposed and approved by the secretary.
    const petition = await post('/petitions', {
      receivingCommission: r.commission,
      channel: 'letter',
      named: false,
      content: '反映金水区教育局局长违规发放津补贴问题',
      reportedPersons: [r.chief],
      reportedUnits: [r.department],
      receivedOn: today,
    });
    expect(petition.status).toBe(201);
    const petitionId = petition.body.petitionId as string;
    expect((await post(`/petitions/${petitionId}/screening`, { outcome: 'accepted' })).status).toBe(200);

    const subjects = [{ staffNumber: r.chief, unitCode: r.department }];
    const clue = await post('/clues', { commission: r.commission, registeredOn: today, source: 'petition', petitionId, subjects });
    expect(clue.status).toBe(201);
    const clueId = clue.body.clueId as string;
    expect((await post(`/clues/${clueId}/review`, { reviewedOn: today, participants: [r.officer, r.otherOfficer] })).status).toBe(200);
    expect((await post(`/clues/${clueId}/proposal`, { method: 'inquiry' })).status).toBe(200);
    expect((await post(`/clues/${clueId}/approvals`, {}, cases.token([], [], r.secretary))).status).toBe(200);

    // The clue-disposals reaction opens the letter inquiry; the letter; the reply signed by today's leader of the district.
    const inquiryId = inquiryIdOf(clueId, r.chief);
    expect((await until200(`/inquiries/${inquiryId}`)).body).toMatchObject({ status: 'opened', clueId, respondent: subjects[0] });
    expect((await post(`/inquiries/${inquiryId}/letter`, { sentOn: today })).status).toBe(200);
    const content = { title: '关于有关问题的说明', body: '本人对函询反映的问题作如下说明：津补贴发放情况已如实报告。' };
    const toSign = await get(
      `/inquiries/${inquiryId}/reply-hash?title=${encodeURIComponent(content.title)}&body=${encodeURIComponent(content.body)}`,
      cases.token([], [], leader),
    );
    expect(toSign.body).toMatchObject({ version: 1, contentHash: canonicalContentHash(content), signerStaffNumber: leader });
    const opinion = '经审核，说明情况属实。';
    const signature = sign(
      'sm2',
      leaderKey.privateKey,
      signOffMessage({
        documentId: inquiryId,
        version: 1,
        contentHash: toSign.body.contentHash as string,
        role: REPLY_SIGN_OFF_ROLE,
        signerStaffNumber: leader,
        opinion,
      }),
    );
    const respondent = cases.token(['unit_officer'], [r.department], r.chief);
    const reply = {
      version: 1,
      content,
      signerStaffNumber: leader,
      opinion,
      algorithm: leaderKey.algorithm,
      keyFingerprint: leaderKey.fingerprint,
      signature,
    };
    expect((await post(`/inquiries/${inquiryId}/reply`, reply, respondent)).status).toBe(200);
    expect((await get(`/inquiries/${inquiryId}`)).body).toMatchObject({ status: 'replied', replies: [{ signerStaffNumber: leader }] });

    // Escalated to a preliminary check, which opens the case; the case concluded with a finding at the department for P.
    expect((await post(`/inquiries/${inquiryId}/outcome`, { outcome: 'escalate', reason: '说明不清，转初步核实' })).status).toBe(200);
    const checkId = checkIdOf({ inquiryId });
    expect((await until200(`/preliminary-checks/${checkId}`)).body).toMatchObject({ status: 'open', clueId, inquiryId });
    expect(
      (await post(`/preliminary-checks/${checkId}/conclusion`, { decision: 'open_case', reason: '问题基本属实，立案审查' })).status,
    ).toBe(200);
    const caseId = (await get(`/preliminary-checks/${checkId}`)).body.caseId as string;
    expect((await until200(`/cases/${caseId}`)).body).toMatchObject({ status: 'open', clueId, preliminaryCheckId: checkId });
    const findings = [{ unitCode: r.department, staffNumbers: [r.chief], periodFrom, periodTo }];
    expect((await post(`/cases/${caseId}/conclusion`, { findings })).status).toBe(200);

    // Responsibility tracking hears of it on cases.events.v1: the review of the department's two
    // responsibilities, with the district's principal leader of P — not today's.
    const reviewer = responsibility.token(['commission_officer'], [r.commission], r.officer);
    const reviewId = reviewIdOf(caseId, r.department);
    const review = await until(
      () => responsibility.request('GET', `/reviews/${reviewId}`, { token: reviewer }) as Promise<Response>,
      (response) => response.status === 200,
      'the review to open',
    );
    const held = { from: periodFrom, to: periodTo, acting: false };
    expect(review.body).toMatchObject({
      caseId,
      handlingCommissionCode: r.commission,
      unitCode: r.department,
      periodFrom,
      periodTo,
      caseStaffNumbers: [r.chief],
      status: 'open',
    });
    expect(review.body.subjects).toEqual([
      { responsibility: 'main', subject: 'committee', unitCode: r.district, staffNumber: null, ...held },
      { responsibility: 'main', subject: 'principal_leader', unitCode: r.district, staffNumber: formerLeader, ...held },
      { responsibility: 'supervisory', subject: 'commission', unitCode: r.commission, staffNumber: null, ...held },
      { responsibility: 'supervisory', subject: 'secretary', unitCode: r.commission, staffNumber: r.secretary, ...held },
    ]);
    const finding = (body: object) =>
      responsibility.request('POST', `/reviews/${reviewId}/findings`, { token: reviewer, body }) as Promise<Response>;
    const onToday = await finding({
      responsibility: 'main',
      subject: 'principal_leader',
      unitCode: r.district,
      staffNumber: leader,
      carriedOut: false,
      text: '未履行',
    });
    expect([onToday.status, onToday.body.code]).toEqual([422, 'REVIEW.NOT_A_HOLDER']);
    const failure = { responsibility: 'main', subject: 'principal_leader', unitCode: r.district, staffNumber: formerLeader };
    expect((await finding({ ...failure, carriedOut: false, text: '任职期间对教育系统廉政风险失察失管' })).status).toBe(200);
    for (const body of [
      { responsibility: 'main', subject: 'committee', unitCode: r.district },
      { responsibility: 'supervisory', subject: 'commission', unitCode: r.commission },
      { responsibility: 'supervisory', subject: 'secretary', unitCode: r.commission, staffNumber: r.secretary },
    ]) {
      expect((await finding({ ...body, carriedOut: true, text: '基本落实' })).status).toBe(200);
    }
    const concluded = await responsibility.request('POST', `/reviews/${reviewId}/conclusion`, {
      token: reviewer,
      body: { summary: '区委主要负责人主体责任落实不到位' },
    });
    expect(concluded.status).toBe(200);

    // Case handling hears of the conclusion on responsibility.events.v1: one matter, for the former leader.
    const matters = await until(
      async () => (await get(`/accountability-matters?commission=${r.commission}`)).body.items as Record<string, unknown>[],
      (items) => items?.length > 0,
      'the accountability matter',
    );
    expect(matters).toEqual([
      expect.objectContaining({ reviewId, caseId, unitCode: r.district, staffNumber: formerLeader, decisionId: null }),
    ]);
    const matterId = matters[0].matterId as string;

    // A decision on the matter with a sanction, and one on the case.
    const onMatter = await post('/accountability-decisions', {
      commission: r.commission,
      matterId,
      target: { kind: 'cadre', unitCode: r.district, staffNumber: formerLeader },
      measures: ['disciplinary_sanction'],
      decidedOn: today,
    });
    expect(onMatter.status).toBe(201);
    const sanction = await post(`/accountability-decisions/${onMatter.body.decisionId as string}/sanctions`, {
      kind: 'party',
      type: 'serious_warning',
      effectiveOn: today,
    });
    expect(sanction.status).toBe(200);
    expect((await get(`/accountability-matters/${matterId}`)).body.decisionId).toBe(onMatter.body.decisionId);
    const onCase = await post('/accountability-decisions', {
      commission: r.commission,
      caseId,
      target: { kind: 'cadre', unitCode: r.department, staffNumber: r.chief },
      measures: ['circulated_criticism'],
      decidedOn: today,
    });
    expect(onCase.status).toBe(201);

    // The return of the quarter (read, not signed: the quarter is not over) counts all of it.
    const compiled = await get(`/returns/${r.commission}/${quarter}`);
    expect(compiled.status).toBe(200);
    expect(compiled.body).toMatchObject({
      quarter,
      status: 'pending',
      figures: {
        cases: { opened: 1, concluded: 1 },
        decisions: { total: 2, organisations: 0, cadres: 2 },
        sanctions: { total: 1, byType: { 'party.serious_warning': 1 } },
        matters: { opened: 1, decided: 1 },
      },
    });
  });
});
