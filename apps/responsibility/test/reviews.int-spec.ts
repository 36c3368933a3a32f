import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  CASES_TOPIC,
  CasesEventTypes,
  RegistryEventTypes,
  RESPONSIBILITY_EVENT_SCHEMAS,
  RESPONSIBILITY_TOPIC,
  type CaseConcludedV1,
  type IntegrationEnvelope,
} from '@app/contracts';
import { chinaDay, dayBefore } from '@app/domain';
import { addCalendarDays } from '@app/deadlines';
import { connectInbox } from '@app/kit';
import { createKafka } from '@app/messaging';
import { schemaValidator } from '@app/testing';
import { RegistryFeed } from '../../../libs/registry-view/src/testing/registry-feed';
import { reviewIdOf } from '../src/reviews/review.command-handlers';
import { startResponsibility, type ResponsibilityUnderTest } from './responsibility-test-app';

/**
 * One case, two investigations (一案双究) across the real broker: case handling's
 * `cases.CaseConcluded@1` on `cases.events.v1` opens the review of a district committee whose
 * principal leader changed during the period and again after it — with the leaders of the period,
 * not today's — findings by the city commission, the trace one level up to the city committee, and
 * the conclusion published as `responsibility.ResponsibilityReviewConcluded@1`.
 */
describe('reviews: a concluded case opens the review of the unit’s two responsibilities with the people of the period', () => {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const CITY = `RC-${run}`;
  const CITY_JW = `RC-JW-${run}`;
  const DIST = `RD-${run}`;
  const DIST_JW = `RD-JW-${run}`;
  const [CITY_LEAD, CITY_SEC, OLD, NEW, NEWEST, SEC] = ['CL', 'CS', 'OLD', 'NEW', 'NOW', 'SEC'].map((p) => `S-${p}-${run}`);
  const today = chinaDay(new Date());
  const year = Number(today.slice(0, 4));
  // The conduct ran from March 2024 to yesterday (today on New Year's Day, so that it touches this year).
  const periodFrom = '2024-03-01';
  const periodTo = today.endsWith('-01-01') ? today : dayBefore(today);
  const caseId = randomUUID();
  const reviewId = reviewIdOf(caseId, DIST);
  const cityReviewId = reviewIdOf(caseId, CITY);
  const feed = new RegistryFeed();
  const casesGroup = `resp-reviews-test-${randomUUID().slice(0, 8)}`;
  let app: ResponsibilityUnderTest;
  let reviewer: string;
  let pairedCommission: string;
  let auditor: string;
  let office: string;
  let stranger: string;

  beforeAll(async () => {
    app = await startResponsibility();
    reviewer = app.token(['commission_officer'], [CITY_JW], `J-CITY-${run}`);
    pairedCommission = app.token(['commission_officer'], [DIST_JW], `J-DIST-${run}`);
    auditor = app.token(['auditor'], [], `A-${run}`);
    office = app.token(['unit_officer'], [DIST], `S-OFF-${run}`);
    stranger = app.token(['unit_officer'], [`ELSEWHERE-${run}`], `S-X-${run}`);
    // As main.ts does with INBOXES, on the real topic; a group of its own that starts at the end of it.
    await connectInbox(app.app, {
      groupId: casesGroup,
      topics: [CASES_TOPIC],
      fromBeginning: false,
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: 100,
    });
    await feed.connect(app);
    const oldLeader = randomUUID();
    const newLeader = randomUUID();
    const ended = (unitCode: string, appointmentId: string, staffNumber: string, effectiveTo: string) =>
      feed.envelope(`unit-${unitCode}`, RegistryEventTypes.AppointmentEnded, {
        appointmentId,
        unitCode,
        staffNumber,
        post: 'principal_leader',
        effectiveTo,
        reason: 'transferred',
      });
    await feed.publish(
      [
        feed.unit(CITY, '中共郑州市委', 'party_committee', 'city', null),
        feed.unit(CITY_JW, '郑州市纪委', 'discipline_commission', 'city', CITY),
        feed.paired(CITY, CITY_JW),
        feed.appointed(CITY, CITY_LEAD, 'principal_leader'),
        feed.appointed(CITY_JW, CITY_SEC, 'commission_secretary'),
        feed.unit(DIST, '中共金水区委', 'party_committee', 'district', CITY),
        feed.unit(DIST_JW, '金水区纪委', 'discipline_commission', 'district', DIST),
        feed.paired(DIST, DIST_JW),
        feed.appointed(DIST_JW, SEC, 'commission_secretary'),
        feed.appointed(DIST, OLD, 'principal_leader', '2020-01-01', oldLeader),
        ended(DIST, oldLeader, OLD, '2024-06-30'),
        feed.appointed(DIST, NEW, 'principal_leader', '2024-07-01', newLeader),
        ended(DIST, newLeader, NEW, periodTo),
        feed.appointed(DIST, NEWEST, 'principal_leader', addCalendarDays(periodTo, 1)),
      ],
      CITY,
    );
    await feed.until(app, async (view) => (await view.principalLeaderOn(DIST, addCalendarDays(periodTo, 1)))?.staffNumber === NEWEST);
    await untilConsuming();
  });
  afterAll(() => app?.close());

  function caseConcluded(
    data: Partial<CaseConcludedV1['data']> = {},
    id = randomUUID(),
  ): IntegrationEnvelope<string, CaseConcludedV1['data']> {
    return {
      envelopeVersion: 2,
      id,
      type: CasesEventTypes.CaseConcluded,
      version: 1,
      source: 'cases',
      streamId: `case-${caseId}`,
      streamVersion: 9,
      position: 0,
      topicSequence: 0,
      payloadHash: '',
      eventHash: '',
      occurredAt: new Date().toISOString(),
      recordedAt: new Date().toISOString(),
      correlationId: `c-${run}`,
      actor: { personId: `J-CITY-${run}` },
      data: {
        caseId,
        handlingCommissionCode: CITY_JW,
        concludedOn: today,
        findings: [{ unitCode: DIST, staffNumbers: [`S-CADRE-${run}`], periodFrom, periodTo }],
        ...data,
      },
    };
  }

  /** Produced as case handling's outbox does: on cases.events.v1, keyed by the case's stream. */
  async function produce(...messages: IntegrationEnvelope[]): Promise<void> {
    const producer = createKafka({ clientId: `reviews-test-${run}` }).producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      await producer.send({
        topic: CASES_TOPIC,
        messages: messages.map((m) => ({
          key: m.streamId,
          value: JSON.stringify(m),
          headers: { 'x-message-id': m.id, 'x-message-type': m.type },
        })),
      });
    } finally {
      await producer.disconnect();
    }
  }

  const handled = async (messageId: string): Promise<boolean> => {
    const rows: unknown[] = await app.app
      .get(DataSource)
      .query('SELECT 1 FROM msg_inbox WHERE consumer = $1 AND message_id = $2', [casesGroup, messageId]);
    return rows.length > 0;
  };

  /** The new group starts at the end of the topic: a case with no findings, on the case's partition, shows it is reading. */
  async function untilConsuming(): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const probe = caseConcluded({ findings: [] });
      await produce(probe);
      for (let i = 0; i < 20; i++) {
        if (await handled(probe.id)) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error('the reviews consumer did not start reading cases.events.v1');
  }

  async function until<T>(read: () => Promise<T>, ready: (value: T) => boolean, what: string): Promise<T> {
    for (let i = 0; i < 150; i++) {
      const value = await read();
      if (ready(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  const getReview = (id: string, token = reviewer) => app.request('GET', `/reviews/${id}`, { token });
  const finding = (body: object, token = reviewer) => app.request('POST', `/reviews/${reviewId}/findings`, { token, body });
  const subject = (responsibility: string, subject: string, unitCode: string, staffNumber: string | null, from: string, to: string) => ({
    responsibility,
    subject,
    unitCode,
    staffNumber,
    from,
    to,
    acting: false,
  });

  test('the review opens with the leaders of the period (not today’s), once however often the case arrives; findings, tracing up and the conclusion on responsibility.events.v1', async () => {
    const message = caseConcluded();
    // A redelivery (same message id) and a republished conclusion (another id) open nothing new.
    await produce(message, message);
    const opened = await until(
      () => getReview(reviewId),
      (r) => r.status === 200,
      'the review to open',
    );
    const republished = caseConcluded();
    await produce(republished);
    await until(() => handled(republished.id), Boolean, 'the republished conclusion in the inbox');
    expect(opened.body).toMatchObject({
      reviewId,
      caseId,
      handlingCommissionCode: CITY_JW,
      unitCode: DIST,
      periodFrom,
      periodTo,
      caseStaffNumbers: [`S-CADRE-${run}`],
      reviewingCommissionCodes: [CITY_JW],
      escalatedFrom: null,
      status: 'open',
      findings: [],
      version: 1,
    });
    expect(opened.body.subjects).toEqual([
      subject('main', 'committee', DIST, null, periodFrom, periodTo),
      subject('main', 'principal_leader', DIST, OLD, periodFrom, '2024-06-30'),
      subject('main', 'principal_leader', DIST, NEW, '2024-07-01', periodTo),
      subject('supervisory', 'commission', DIST_JW, null, periodFrom, periodTo),
      subject('supervisory', 'secretary', DIST_JW, SEC, periodFrom, periodTo),
    ]);
    const list = await app.request('GET', `/reviews?unit=${DIST}`, { token: auditor });
    expect(list.body.reviews.map((r: { reviewId: string; version: number }) => [r.reviewId, r.version])).toEqual([[reviewId, 1]]);

    // Evidence: the unit's own records for the period's years.
    const project = await app.request('POST', '/ten-things', { token: office, body: { unitCode: DIST, year, number: 3 } });
    expect(project.status).toBe(201);
    const evidence = await app.request('GET', `/reviews/${reviewId}/evidence`, { token: pairedCommission });
    expect(evidence.status).toBe(200);
    const cited = periodTo.startsWith(String(year)) ? [project.body.streamId as string] : [];
    expect(evidence.body.records.map((r: { streamId: string }) => r.streamId)).toEqual(expect.arrayContaining(cited));

    // Bad input, nothing written: a person who was not a holder during the period, a record not of the unit, a conclusion too early.
    const todaysLeader = await finding({
      responsibility: 'main',
      subject: 'principal_leader',
      unitCode: DIST,
      staffNumber: NEWEST,
      carriedOut: false,
      text: '未履行',
    });
    expect([todaysLeader.status, todaysLeader.body.code]).toEqual([422, 'REVIEW.NOT_A_HOLDER']);
    const foreign = await finding({
      responsibility: 'main',
      subject: 'principal_leader',
      unitCode: DIST,
      staffNumber: OLD,
      carriedOut: false,
      text: '未履行',
      evidence: [`ten-things-ELSEWHERE-${year}-3`],
    });
    expect([foreign.status, foreign.body.code]).toEqual([422, 'REVIEW.EVIDENCE_NOT_OF_UNIT']);
    const byPaired = await finding(
      { responsibility: 'supervisory', subject: 'commission', unitCode: DIST_JW, carriedOut: true, text: '已落实' },
      pairedCommission,
    );
    expect([byPaired.status, byPaired.body.code]).toEqual([403, 'REVIEW.NOT_REVIEWER']);
    const early = await app.request('POST', `/reviews/${reviewId}/conclusion`, { token: reviewer, body: { summary: '结论' } });
    expect([early.status, early.body.code]).toEqual([409, 'REVIEW.FINDINGS_MISSING']);
    expect((await app.request('GET', '/reviews/00000000-0000-4000-8000-000000000000', { token: reviewer })).body.code).toBe(
      'REVIEW.NOT_FOUND',
    );
    expect((await getReview(reviewId, stranger)).status).toBe(403);
    expect((await getReview(reviewId)).body.version).toBe(1);

    // Findings on every holder: the earlier leader failed, everyone else carried it out.
    const failed = await finding({
      responsibility: 'main',
      subject: 'principal_leader',
      unitCode: DIST,
      staffNumber: OLD,
      carriedOut: false,
      text: '任职期间未按要求开展廉政谈话，导致问题长期滋生',
      evidence: cited,
    });
    expect([failed.status, failed.body.events]).toEqual([200, ['ResponsibilityReviewFindingRecorded']]);
    for (const body of [
      { responsibility: 'main', subject: 'committee', unitCode: DIST },
      { responsibility: 'main', subject: 'principal_leader', unitCode: DIST, staffNumber: NEW },
      { responsibility: 'supervisory', subject: 'commission', unitCode: DIST_JW },
      { responsibility: 'supervisory', subject: 'secretary', unitCode: DIST_JW, staffNumber: SEC },
    ]) {
      expect((await finding({ ...body, carriedOut: true, text: '基本落实' })).status).toBe(200);
    }

    // 责任倒查: traced to the city committee as the chain had it during the period.
    const escalated = await app.request('POST', `/reviews/${reviewId}/escalation`, {
      token: reviewer,
      body: { reason: '区委书记失职，倒查市委' },
    });
    expect([escalated.status, escalated.body.escalatedTo]).toEqual([200, { unitCode: CITY, reviewId: cityReviewId }]);
    const again = await app.request('POST', `/reviews/${reviewId}/escalation`, { token: reviewer, body: { reason: '再次' } });
    expect([again.status, again.body.code]).toEqual([409, 'REVIEW.ALREADY_ESCALATED']);
    const city = await getReview(cityReviewId);
    expect(city.body).toMatchObject({
      caseId,
      unitCode: CITY,
      periodFrom,
      periodTo,
      escalatedFrom: { reviewId, unitCode: DIST },
      status: 'open',
    });
    expect(city.body.subjects.map((s: { subject: string; staffNumber: string | null }) => [s.subject, s.staffNumber])).toEqual([
      ['committee', null],
      ['principal_leader', CITY_LEAD],
      ['commission', null],
      ['secretary', CITY_SEC],
    ]);
    // Above the city committee there is nothing to trace to.
    const cityFailed = await app.request('POST', `/reviews/${cityReviewId}/findings`, {
      token: reviewer,
      body: { responsibility: 'main', subject: 'committee', unitCode: CITY, carriedOut: false, text: '督导不力' },
    });
    expect(cityFailed.status).toBe(200);
    const top = await app.request('POST', `/reviews/${cityReviewId}/escalation`, { token: reviewer, body: { reason: '继续倒查' } });
    expect([top.status, top.body.code]).toEqual([409, 'REVIEW.NO_HIGHER_LEVEL']);
    expect((await getReview(cityReviewId)).body.version).toBe(2);

    // The conclusion, once; case handling hears of it.
    const concluded = await app.request('POST', `/reviews/${reviewId}/conclusion`, {
      token: reviewer,
      body: { summary: '主体责任落实不到位' },
    });
    expect([concluded.status, concluded.body.events]).toEqual([200, ['ResponsibilityReviewConcluded']]);
    const twice = await app.request('POST', `/reviews/${reviewId}/conclusion`, { token: reviewer, body: { summary: '再次' } });
    expect([twice.status, twice.body.code]).toEqual([409, 'REVIEW.ALREADY_CONCLUDED']);
    const closed = await app.request('GET', `/reviews?unit=${DIST}&status=concluded`, { token: pairedCommission });
    expect(closed.body.reviews).toHaveLength(1);
    expect(closed.body.reviews[0]).toMatchObject({
      status: 'concluded',
      escalatedTo: { reviewId: cityReviewId, unitCode: CITY },
      conclusion: { failures: [{ responsibility: 'main', subject: 'principal_leader', unitCode: DIST, staffNumber: OLD }] },
    });

    const published = await publishedConclusion(reviewId);
    expect(published.data).toEqual({
      reviewId,
      caseId,
      unitCode: DIST,
      periodFrom,
      periodTo,
      concludedOn: today,
      failures: [{ responsibility: 'main', subject: 'principal_leader', unitCode: DIST, staffNumber: OLD }],
      escalatedToUnitCode: CITY,
    });
    expect(schemaValidator()(RESPONSIBILITY_EVENT_SCHEMAS['responsibility.ResponsibilityReviewConcluded@1'], published.data)).toEqual([]);
  });
});

async function publishedConclusion(reviewId: string): Promise<{ type: string; data: Record<string, unknown> }> {
  const groupId = `reviews-test-${randomUUID().slice(0, 8)}`;
  const consumer = createKafka({ clientId: groupId }).consumer({ groupId });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: RESPONSIBILITY_TOPIC, fromBeginning: true });
    const found = new Promise<{ type: string; data: Record<string, unknown> }>((resolve) => {
      void consumer.run({
        eachMessage: ({ message }) => {
          const envelope = JSON.parse(message.value?.toString() ?? '{}') as { type: string; data: Record<string, unknown> };
          if (envelope.type === 'responsibility.ResponsibilityReviewConcluded' && envelope.data.reviewId === reviewId) resolve(envelope);
          return Promise.resolve();
        },
      });
    });
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no ResponsibilityReviewConcluded for ${reviewId}`)), 60_000).unref(),
    );
    return await Promise.race([found, timeout]);
  } finally {
    await consumer.disconnect();
  }
}
