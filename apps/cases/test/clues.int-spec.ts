import { randomBytes } from 'node:crypto';
import { chinaDay } from '@app/domain';
import { ClueJobs } from '../src/clues/clue-jobs';
import { DualReportJobs } from '../src/dual-reports/dual-report-jobs';
import { dualReportIdOf } from '../src/dual-reports/dual-report.reaction';
import { startWiredCases, type CasesRegistry, type CasesUnderTest } from './cases-test-app';

jest.setTimeout(90_000);

const DAY_MS = 86_400_000;

/**
 * Issue #11, clues and dual reporting (§6(3)), against the real PostgreSQL and Kafka with the
 * registry fed over the broker: an accepted petition becomes a clue, reviewed, a disposal proposed
 * and approved by the holder of the required post (the wrong approver refused with nothing
 * written), the approval reported to the same-level Party committee and the higher commission,
 * acknowledged, and the deadlines of both recorded once.
 */
describe('clues and dual reporting', () => {
  let app: CasesUnderTest;
  let r: CasesRegistry;
  let deputy: string;
  let townshipLeader: string;
  let districtLeader: string;
  let token: (staffNumber: string, units?: string[]) => string;
  const today = chinaDay(new Date());

  beforeAll(async () => {
    const wired = await startWiredCases();
    app = wired.app;
    r = wired.registry;
    const run = randomBytes(3).toString('hex').toUpperCase();
    deputy = `S-DEP-${run}`;
    townshipLeader = `S-TP-${run}`;
    districtLeader = `S-DL-${run}`;
    const { feed } = wired;
    await feed.publish(
      [
        feed.person(deputy, '区纪委副书记'),
        feed.appointed(r.commission, deputy, 'commission_deputy'),
        feed.person(townshipLeader, '街道党工委书记'),
        feed.appointed(r.township, townshipLeader, 'principal_leader'),
        feed.person(districtLeader, '区委书记'),
        feed.appointed(r.district, districtLeader, 'principal_leader'),
      ],
      r.city,
    );
    await feed.until(app, async (view) => (await view.postsHeldOn(districtLeader, today)).length === 1);
    token = (staffNumber, units = [r.commission]) => app.token(['commission_officer'], units, staffNumber);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const post = (path: string, body: unknown, as = token(r.office)) => app.request('POST', path, { token: as, body });
  const get = (path: string, as = token(r.office)) => app.request('GET', path, { token: as });

  async function petition(accepted: boolean): Promise<string> {
    const registered = await post('/petitions', {
      receivingCommission: r.commission,
      channel: 'letter',
      named: false,
      content: '反映某街道党工委书记违规收受礼金问题',
      reportedPersons: [townshipLeader],
      reportedUnits: [r.township],
      receivedOn: '2026-03-02',
    });
    expect(registered.status).toBe(201);
    const petitionId = registered.body.petitionId as string;
    if (accepted) expect((await post(`/petitions/${petitionId}/screening`, { outcome: 'accepted' })).status).toBe(200);
    return petitionId;
  }

  async function clue(body: Record<string, unknown>): Promise<string> {
    const response = await post('/clues', { commission: r.commission, registeredOn: today, ...body });
    expect(response.status).toBe(201);
    return response.body.clueId as string;
  }

  async function dualReportOf(clueId: string): Promise<Record<string, unknown>> {
    const reportId = dualReportIdOf('ClueDisposalApproved', clueId);
    for (const started = Date.now(); Date.now() - started < 20_000; await new Promise((resolve) => setTimeout(resolve, 200))) {
      const found = await get(`/dual-reports/${reportId}`);
      if (found.status === 200) return found.body as Record<string, unknown>;
    }
    throw new Error(`no dual report ${reportId} within 20 s`);
  }

  it('follows a petition to a clue, its review, proposal and approval by the secretary, and a dual report to both recipients', async () => {
    const petitionId = await petition(true);
    const subjects = [{ staffNumber: townshipLeader, unitCode: r.township }];
    const clueId = await clue({ source: 'petition', petitionId, subjects });
    const registered = (await get(`/clues/${clueId}`)).body;
    expect(registered).toMatchObject({
      status: 'registered',
      source: 'petition',
      petitionId,
      subjects,
      registeredOn: today,
      overdue: false,
    });
    expect(registered.disposalDueOn > today).toBe(true);

    expect((await post(`/clues/${clueId}/proposal`, { method: 'inquiry' })).body.code).toBe('CLUE.NOT_REVIEWED');
    const reviewed = await post(`/clues/${clueId}/review`, { reviewedOn: today, participants: [r.officer, r.otherOfficer, deputy] });
    expect(reviewed.status).toBe(200);
    expect((await post(`/clues/${clueId}/review`, { reviewedOn: today, participants: [r.officer] })).body.code).toBe(
      'CLUE.REVIEW_NOT_COLLECTIVE',
    );

    const badMethod = await post(`/clues/${clueId}/proposal`, { method: 'warning' });
    expect(badMethod.status).toBe(400);
    expect(JSON.stringify(badMethod.body)).toContain('method');
    const proposed = await post(`/clues/${clueId}/proposal`, { method: 'inquiry' });
    expect(proposed.status).toBe(200);
    const withProposal = (await get(`/clues/${clueId}`)).body;
    expect(withProposal.proposal).toMatchObject({
      method: 'inquiry',
      approval: { rank: 'committee_principal', approverPosts: ['commission_secretary', 'inspection_group_head'] },
    });

    // The deputy secretary holds no required post for a lower committee's principal leader: 403, nothing written.
    const wrong = await post(`/clues/${clueId}/approvals`, {}, app.token([], [], deputy));
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('CLUE.APPROVER_WITHOUT_POST');
    expect((await post(`/clues/${clueId}/approvals`, {}, token(r.office))).body.code).toBe('CLUE.APPROVER_WITHOUT_POST');
    expect((await get(`/clues/${clueId}`)).body.version).toBe(withProposal.version);

    const approved = await post(`/clues/${clueId}/approvals`, {}, app.token([], [], r.secretary));
    expect(approved.status).toBe(200);
    expect(approved.body.events).toEqual(['ClueDisposalApproved']);
    expect((await get(`/clues/${clueId}`)).body).toMatchObject({ status: 'approved', approvedOn: today, approvedBy: r.secretary });
    expect((await post(`/clues/${clueId}/proposal`, { method: 'close' })).body.code).toBe('CLUE.ALREADY_DISPOSED');
    // An auditor replays the clue's stream with its own decider (stream folder `clue-`).
    const replayed = await app.request('GET', `/audit/streams/clue-${clueId}/state`, { token: app.token(['auditor']) });
    expect(replayed.status).toBe(200);
    expect(replayed.body.state).toMatchObject({ status: 'approved', approvedBy: r.secretary, proposal: { method: 'inquiry' } });

    // The subject never reads the clue, even with an officer's token; the list of the commission shows it to the office.
    expect((await get(`/clues/${clueId}`, token(townshipLeader))).status).toBe(403);
    const listed = await get(`/clues?commission=${r.commission}&status=approved`);
    expect(listed.body.items.map((item: { clueId: string }) => item.clueId)).toContain(clueId);
    expect((await get(`/clues?commission=${r.commission}`, token(r.stranger, [r.cityCommission]))).status).toBe(403);

    // Dual reporting: the district committee (same level) and the city commission (higher), as of the approval day.
    const report = await dualReportOf(clueId);
    expect(report).toMatchObject({
      status: 'open',
      matter: 'clue_disposal',
      matterId: clueId,
      commission: r.commission,
      decidedOn: today,
      trigger: { type: 'ClueDisposalApproved' },
      recipients: [
        { role: 'same_level_committee', unitCode: r.district, overdue: false },
        { role: 'higher_commission', unitCode: r.cityCommission, overdue: false },
      ],
      unresolved: [],
    });
    const reportId = report.reportId as string;
    const listedReports = await get(`/dual-reports?commission=${r.commission}`);
    expect(listedReports.body.items.map((item: { reportId: string }) => item.reportId)).toContain(reportId);

    const ack = (recipient: string, units: string[]) =>
      post(`/dual-reports/${reportId}/acknowledgements`, { recipient }, app.token([], units, r.stranger));
    expect((await ack(r.district, [r.cityCommission])).body.code).toBe('DUAL_REPORT.NOT_FOR_RECIPIENT');
    expect((await ack(r.township, [r.township])).body.code).toBe('DUAL_REPORT.NOT_A_RECIPIENT');
    // The district committee's principal leader acts for it by their post (registry view), whatever their token lists.
    const byCommittee = await post(
      `/dual-reports/${reportId}/acknowledgements`,
      { recipient: r.district },
      app.token([], [], districtLeader),
    );
    expect(byCommittee.status).toBe(200);
    expect(byCommittee.body.events).toEqual(['DualReportAcknowledged']);
    expect((await ack(r.district, [r.district])).body.events).toEqual([]);

    // The higher commission has not acknowledged by the due day: recorded overdue once.
    const jobs = app.app.get(DualReportJobs);
    const later = new Date(Date.now() + 30 * DAY_MS);
    expect((await jobs.runNow()).acted).toBe(0);
    expect((await jobs.runNow(later)).acted).toBeGreaterThanOrEqual(1);
    expect((await jobs.runNow(later)).acted).toBe(0);
    const overdue = (await get(`/dual-reports/${reportId}`)).body;
    expect(overdue.recipients).toEqual([
      expect.objectContaining({ unitCode: r.district, acknowledgedOn: today, acknowledgedBy: districtLeader, overdue: false }),
      expect.objectContaining({ unitCode: r.cityCommission, overdue: true }),
    ]);
    expect((await ack(r.cityCommission, [r.cityCommission])).status).toBe(200);
    const done = await get(`/dual-reports/${reportId}`, app.token([], [r.cityCommission], r.stranger));
    expect(done.body.status).toBe('acknowledged');
  });

  it('refuses a clue from a petition not accepted, a method outside the four, and unknown subjects', async () => {
    const pending = await petition(false);
    const subjects = [{ staffNumber: townshipLeader, unitCode: r.township }];
    const refused = await post('/clues', {
      commission: r.commission,
      registeredOn: today,
      source: 'petition',
      petitionId: pending,
      subjects,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('CLUE.PETITION_NOT_ACCEPTED');
    const unknown = await post('/clues', {
      commission: r.commission,
      registeredOn: today,
      source: 'audit',
      subjects: [{ staffNumber: 'S-NOBODY-X', unitCode: r.township }],
    });
    expect(unknown.status).toBe(409);
    expect(unknown.body.code).toBe('REGISTRY.NOT_CAUGHT_UP');
    expect((await post('/clues', { commission: r.commission, registeredOn: today, source: 'rumour', subjects })).status).toBe(400);
    const notCommission = await post(
      '/clues',
      { commission: r.district, registeredOn: today, source: 'audit', subjects },
      token(r.office, [r.district]),
    );
    expect(notCommission.status).toBe(422);
    expect(notCommission.body.code).toBe('CLUE.NOT_A_COMMISSION');
    const outsider = await post(
      '/clues',
      { commission: r.commission, registeredOn: today, source: 'audit', subjects },
      token(r.stranger, [r.cityCommission]),
    );
    expect(outsider.status).toBe(403);
    expect(outsider.body.code).toBe('CLUE.NOT_FOR_COMMISSION');
  });

  it('records a clue without a disposal decision a month after registration as overdue, once', async () => {
    const clueId = await clue({
      source: 'inspection_tour',
      reference: 'XC-2026-02',
      subjects: [{ staffNumber: r.chief, unitCode: r.department }],
      registeredOn: '2026-10-09',
    });
    expect((await get(`/clues/${clueId}`)).body.disposalDueOn).toBe('2026-11-09');
    const jobs = app.app.get(ClueJobs);
    expect((await jobs.runNow()).acted).toBeGreaterThanOrEqual(1);
    expect((await jobs.runNow()).acted).toBe(0);
    expect((await get(`/clues/${clueId}`)).body).toMatchObject({ overdue: true, status: 'registered' });
    const overdue = await get(`/clues?commission=${r.commission}&overdue=true`);
    expect(overdue.body.items).toContainEqual(expect.objectContaining({ clueId, overdue: true }));
  });
});
