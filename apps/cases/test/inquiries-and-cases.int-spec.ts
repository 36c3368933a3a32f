import { randomUUID } from 'node:crypto';
import { CASES_TOPIC } from '@app/contracts';
import { chinaDay } from '@app/domain';
import { EventStore } from '@app/eventstore';
import { canonicalContentHash, signOffMessage } from '@app/signoffs';
import { generateRegisteredKeyPair, sign } from '../../../libs/crypto/src/testing/signing';
import { eventually, readTopicsToEnd } from '../../../libs/messaging/src/testing/kafka-testing';
import type { RegistryFeed } from '../../../libs/registry-view/src/testing/registry-feed';
import { checkIdOf, inquiryIdOf } from '../src/inquiries/clue-disposals.reactor';
import type { ClueDisposalApproved } from '../src/clues/clue.events';
import { REPLY_SIGN_OFF_ROLE } from '../src/inquiries/inquiry.events';
import { InquiryJobs } from '../src/inquiries/inquiry-jobs';
import { startWiredCases, type CasesRegistry, type CasesUnderTest } from './cases-test-app';

jest.setTimeout(90_000);

type Response = { status: number; body: Record<string, unknown> };

/**
 * Issue #11, clues and disposal: a clue disposed of by letter inquiry is followed to a signed
 * reply (endorsed by the principal leader of the respondent's Party committee, verified against
 * the registry's keys), an escalation, a preliminary check, a case opened and concluded — and the
 * conclusion announced on `cases.events.v1` — across the real PostgreSQL and Kafka.
 */
describe('letter inquiries, preliminary checks and cases', () => {
  let app: CasesUnderTest;
  let r: CasesRegistry;
  let feed: RegistryFeed;
  let leader: string;
  let cityLeader: string;
  const leaderKey = generateRegisteredKeyPair('sm2');
  const revokedKey = generateRegisteredKeyPair('ed25519');
  const secretaryKey = generateRegisteredKeyPair('ed25519');
  const today = chinaDay(new Date());

  beforeAll(async () => {
    ({ app, registry: r, feed } = await startWiredCases());
    leader = `S-LEAD-${r.district.slice(-6)}`;
    cityLeader = `S-CITY-${r.district.slice(-6)}`;
    await feed.publish(
      [
        feed.person(leader, '区委书记'),
        feed.appointed(r.district, leader, 'principal_leader'),
        feed.person(cityLeader, '市委书记'),
        feed.appointed(r.city, cityLeader, 'principal_leader'),
        feed.key(leader, 'sm2', leaderKey.publicKey, leaderKey.fingerprint),
        feed.key(leader, 'ed25519', revokedKey.publicKey, revokedKey.fingerprint),
        feed.keyRevoked(leader, revokedKey.fingerprint, '2021-01-01'),
        feed.key(r.secretary, 'ed25519', secretaryKey.publicKey, secretaryKey.fingerprint),
      ],
      r.city,
    );
    await feed.until(app, async (view) => (await view.keyByFingerprint(secretaryKey.fingerprint)) !== undefined);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const officer = () => app.token(['commission_officer'], [r.commission], r.office);
  const get = (path: string, token = officer()) => app.request('GET', path, { token }) as Promise<Response>;
  const post = (path: string, body: unknown, token = officer()) => app.request('POST', path, { token, body }) as Promise<Response>;
  const until200 = (path: string) =>
    eventually(
      () => get(path),
      (response) => response.status === 200,
      20_000,
    );

  /** A clue's disposal as the clue feature records it in the service's own log. */
  async function approveDisposal(
    method: ClueDisposalApproved['data']['method'],
    approvedOn = today,
    subject = { staffNumber: r.chief, unitCode: r.department },
  ): Promise<string> {
    const clueId = randomUUID();
    const event: ClueDisposalApproved = {
      type: 'ClueDisposalApproved',
      data: {
        clueId,
        commission: r.commission,
        method,
        subjects: [subject],
        approvedOn,
        approvedBy: r.secretary,
      },
    };
    await app.app.get(EventStore).append({
      streamId: `clue-${clueId}`,
      expectedVersion: 0,
      previousHash: null,
      events: [event],
      metadata: { actor: { personId: r.secretary, unitId: r.commission }, correlationId: `clue-${clueId}` },
    });
    return clueId;
  }

  it('follows a clue from a letter inquiry with a signed reply, through escalation and a preliminary check, to a concluded case on Kafka', async () => {
    const clueId = await approveDisposal('inquiry');
    const inquiryId = inquiryIdOf(clueId, r.chief);
    const opened = await until200(`/inquiries/${inquiryId}`);
    expect(opened.body).toMatchObject({ status: 'opened', clueId, respondent: { staffNumber: r.chief, unitCode: r.department } });

    const letter = await post(`/inquiries/${inquiryId}/letter`, { sentOn: today });
    expect(letter.status).toBe(200);
    const sent = await get(`/inquiries/${inquiryId}`);
    expect(sent.body).toMatchObject({
      status: 'letter_sent',
      letterSentOn: today,
      replyDueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });

    // What the leader signs: the inquiry, version 1, the canonical hash of the content, the role.
    const content = { title: '关于有关问题的说明', body: '本人对函询反映的问题作如下说明：情况已如实报告。' };
    const query = `title=${encodeURIComponent(content.title)}&body=${encodeURIComponent(content.body)}`;
    const toSign = await get(`/inquiries/${inquiryId}/reply-hash?${query}`, app.token([], [], leader));
    expect(toSign.status).toBe(200);
    expect(toSign.body).toEqual({
      documentId: inquiryId,
      version: 1,
      contentHash: canonicalContentHash(content),
      role: REPLY_SIGN_OFF_ROLE,
      statementFormat: 'signoff/v1',
      signerStaffNumber: leader,
    });
    const opinion = '经审核，说明情况属实。';
    const claim = (signer: string, said = opinion) => ({
      documentId: inquiryId,
      version: 1,
      contentHash: toSign.body.contentHash as string,
      role: REPLY_SIGN_OFF_ROLE,
      signerStaffNumber: signer,
      opinion: said,
    });
    const reply = (signer: string, key: typeof leaderKey, signature: string) => ({
      version: 1,
      content,
      signerStaffNumber: signer,
      opinion,
      algorithm: key.algorithm,
      keyFingerprint: key.fingerprint,
      signature,
    });
    const respondent = app.token(['unit_officer'], [r.department], r.chief);

    // A wrong signer (the commission's secretary, with a valid key of their own), a signature over
    // another opinion, and a revoked key: refused with their codes, nothing written.
    const wrongSigner = await post(
      `/inquiries/${inquiryId}/reply`,
      reply(r.secretary, secretaryKey, sign('ed25519', secretaryKey.privateKey, signOffMessage(claim(r.secretary)))),
      respondent,
    );
    expect(wrongSigner).toMatchObject({ status: 403, body: { code: 'SIGNOFF.SIGNER_NOT_ENTITLED' } });
    const badSignature = await post(
      `/inquiries/${inquiryId}/reply`,
      reply(leader, leaderKey, sign('sm2', leaderKey.privateKey, signOffMessage(claim(leader, '同意。')))),
      respondent,
    );
    expect(badSignature).toMatchObject({ status: 422, body: { code: 'SIGNOFF.BAD_SIGNATURE' } });
    const revoked = await post(
      `/inquiries/${inquiryId}/reply`,
      reply(leader, revokedKey, sign('ed25519', revokedKey.privateKey, signOffMessage(claim(leader)))),
      respondent,
    );
    expect(revoked).toMatchObject({ status: 403, body: { code: 'SIGNOFF.KEY_NOT_VALID' } });
    expect((await get(`/inquiries/${inquiryId}`)).body).toMatchObject({ replies: [], version: sent.body.version });

    const signed = await post(
      `/inquiries/${inquiryId}/reply`,
      reply(leader, leaderKey, sign('sm2', leaderKey.privateKey, signOffMessage(claim(leader)))),
      respondent,
    );
    expect(signed.status).toBe(200);
    expect((await get(`/inquiries/${inquiryId}`)).body).toMatchObject({
      status: 'replied',
      replies: [{ version: 1, contentHash: canonicalContentHash(content), signerStaffNumber: leader, late: false, receivedOn: today }],
    });

    // The respondent never decides; the commission escalates to a preliminary check.
    expect((await post(`/inquiries/${inquiryId}/outcome`, { outcome: 'close', reason: '了结' }, respondent)).status).toBe(403);
    expect((await post(`/inquiries/${inquiryId}/outcome`, { outcome: 'escalate', reason: '说明不清，转初步核实' })).status).toBe(200);
    expect((await post(`/inquiries/${inquiryId}/outcome`, { outcome: 'close', reason: '了结' })).body).toMatchObject({
      code: 'INQUIRY.CONCLUDED',
    });

    const checkId = checkIdOf({ inquiryId });
    const check = await until200(`/preliminary-checks/${checkId}`);
    expect(check.body).toMatchObject({ status: 'open', clueId, inquiryId, subjects: [{ staffNumber: r.chief, unitCode: r.department }] });
    expect(
      (await post(`/preliminary-checks/${checkId}/conclusion`, { decision: 'open_case', reason: '问题基本属实，立案审查' })).status,
    ).toBe(200);
    const caseId = (await get(`/preliminary-checks/${checkId}`)).body.caseId as string;
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);

    const opening = await until200(`/cases/${caseId}`);
    expect(opening.body).toMatchObject({ status: 'open', clueId, preliminaryCheckId: checkId, openedOn: today });
    expect((await get(`/cases/${caseId}`, respondent)).status).toBe(403);

    const findings = [{ unitCode: r.department, staffNumbers: [r.chief], periodFrom: '2024-01-01', periodTo: '2025-06-30' }];
    const concluded = await post(`/cases/${caseId}/conclusion`, { findings });
    expect(concluded.status).toBe(200);
    expect(await post(`/cases/${caseId}/conclusion`, { findings })).toMatchObject({ status: 409, body: { code: 'CASE.CONCLUDED' } });
    expect(await post(`/cases/${caseId}/conclusion`, { findings: [...findings, { ...findings[0], unitCode: r.township }] })).toMatchObject({
      status: 409,
      body: { code: 'CASE.CONCLUDED' },
    });

    const timeline = await get(`/cases/${caseId}/timeline`);
    expect(timeline.status).toBe(200);
    expect((timeline.body.events as { type: string }[]).map((event) => event.type)).toEqual([
      'ClueDisposalApproved',
      'InquiryOpened',
      'InquiryLetterSent',
      'InquiryReplyReceived',
      'InquiryConcluded',
      'PreliminaryCheckOpened',
      'PreliminaryCheckConcluded',
      'CaseOpened',
      'CaseConcluded',
    ]);

    // Kafka key = the case's stream id; the value is the envelope of cases.CaseConcluded@1.
    const announced = await eventually(
      () => readTopicsToEnd([CASES_TOPIC]),
      (messages) => messages.some((text) => text.startsWith(`case-${caseId}\n`)),
      20_000,
    );
    const lines = announced.find((text) => text.startsWith(`case-${caseId}\n`))!.split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({
      type: 'cases.CaseConcluded',
      version: 1,
      source: 'cases',
      data: { caseId, handlingCommissionCode: r.commission, concludedOn: today, findings },
    });
  });

  it('opens a preliminary check straight from a disposal, once, and records a reply not in by its due day once', async () => {
    const clueId = await approveDisposal('preliminary_check');
    const check = await until200(`/preliminary-checks/${checkIdOf({ clueId })}`);
    expect(check.body).toMatchObject({ clueId, inquiryId: null, version: 1 });

    const late = await approveDisposal('inquiry', '2026-03-02');
    const inquiryId = inquiryIdOf(late, r.chief);
    await until200(`/inquiries/${inquiryId}`);
    expect((await post(`/inquiries/${inquiryId}/letter`, { sentOn: '2026-03-02' })).status).toBe(200);
    expect((await get(`/inquiries/${inquiryId}`)).body).toMatchObject({ replyDueOn: '2026-03-23' });
    const jobs = app.app.get(InquiryJobs);
    expect((await jobs.runNow()).acted).toBeGreaterThanOrEqual(1);
    expect((await jobs.runNow()).acted).toBe(0);
    expect((await get(`/inquiries/${inquiryId}`)).body).toMatchObject({ overdueMarkedOn: today });
    // Without a reply it cannot be closed, only escalated.
    expect(await post(`/inquiries/${inquiryId}/outcome`, { outcome: 'close', reason: '了结' })).toMatchObject({
      status: 409,
      body: { code: 'INQUIRY.NO_REPLY' },
    });
  });

  it('has the reply of a committee’s own principal leader endorsed by the principal leader of the committee above; hold opens nothing', async () => {
    // Sealed in this order, so once the inquiry is open the hold was reacted to as well.
    const held = await approveDisposal('hold');
    const clueId = await approveDisposal('inquiry', today, { staffNumber: leader, unitCode: r.district });
    const inquiryId = inquiryIdOf(clueId, leader);
    await until200(`/inquiries/${inquiryId}`);
    const toSign = await get(
      `/inquiries/${inquiryId}/reply-hash?title=${encodeURIComponent('说明')}&body=${encodeURIComponent('情况说明')}`,
    );
    expect(toSign.body).toMatchObject({ version: 1, signerStaffNumber: cityLeader });
    expect((await get(`/inquiries/${inquiryIdOf(held, r.chief)}`)).status).toBe(404);
    expect((await get(`/preliminary-checks/${checkIdOf({ clueId: held })}`)).status).toBe(404);
  });
});
