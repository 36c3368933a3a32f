import { CASES_TOPIC } from '@app/contracts';
import { chinaDay } from '@app/domain';
import { readTopicsToEnd } from '../../../libs/messaging/src/testing/kafka-testing';
import { PetitionCounts, PetitionDeadlines } from '../src/petitions/petition-jobs';
import { startWiredCases, type CasesRegistry, type CasesUnderTest } from './cases-test-app';

jest.setTimeout(60_000);

/**
 * Issue #11, petitions: a named reporter's acceptance and result notices and the forward of a
 * petition about the commission's own secretary are deadlines; the deadline job records each one
 * missed, the list shows what is overdue, and each month's counts per unit are published once.
 */
describe('petition deadlines, lists and counts', () => {
  let app: CasesUnderTest;
  let r: CasesRegistry;
  let deadlines: PetitionDeadlines;
  let counts: PetitionCounts;
  let token: (staffNumber: string, units?: string[]) => string;

  beforeAll(async () => {
    const wired = await startWiredCases();
    app = wired.app;
    r = wired.registry;
    deadlines = app.app.get(PetitionDeadlines);
    counts = app.app.get(PetitionCounts);
    token = (staffNumber, units = [r.commission]) => app.token(['commission_officer'], units, staffNumber);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  async function register(overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await app.request('POST', '/petitions', {
      token: token(r.office),
      body: {
        receivingCommission: r.commission,
        channel: 'letter',
        named: true,
        reporterName: '李某',
        reporterContact: '电话 0371-1111111',
        content: '反映教育局违规收受礼金问题',
        reportedPersons: [],
        reportedUnits: [r.department],
        receivedOn: '2026-03-02',
        ...overrides,
      },
    });
    expect(response.status).toBe(201);
    return response.body.petitionId as string;
  }
  const post = (path: string, body: unknown, as = token(r.office)) => app.request('POST', path, { token: as, body });
  const list = (query: string, as = token(r.office)) => app.request('GET', `/petitions?commission=${r.commission}&${query}`, { token: as });

  it('records a missed acceptance notice once, lists it as overdue until the late notice, then tracks the result notice', async () => {
    const petitionId = await register();
    expect((await post(`/petitions/${petitionId}/screening`, { outcome: 'accepted' })).status).toBe(200);
    // Received 2026-03-02: the reporter was due to be told by 2026-03-23.
    expect((await list('overdue=false')).body.items.map((item: { petitionId: string }) => item.petitionId)).toContain(petitionId);

    const first = await deadlines.runNow();
    expect(first.ran).toBe(true);
    expect(first.acted).toBeGreaterThanOrEqual(1);
    expect((await deadlines.runNow()).acted).toBe(0);
    const missed = await app.request('GET', `/petitions/${petitionId}`, { token: token(r.office) });
    expect(missed.body).toMatchObject({ missed: ['acceptance_notice'], acceptanceNoticeDueOn: '2026-03-23' });
    const overdue = await list('overdue=true');
    expect(overdue.status).toBe(200);
    expect(overdue.body.items).toContainEqual(
      expect.objectContaining({
        petitionId,
        overdue: true,
        deadlines: [{ deadline: 'acceptance_notice', dueOn: '2026-03-23', missed: true }],
      }),
    );

    const today = chinaDay(new Date());
    const told = await post(`/petitions/${petitionId}/notices`, { notice: 'acceptance', sentOn: today });
    expect(told.status).toBe(200);
    expect((await post(`/petitions/${petitionId}/notices`, { notice: 'acceptance', sentOn: today })).body.events).toEqual([]);
    expect((await list('overdue=true')).body.items.map((item: { petitionId: string }) => item.petitionId)).not.toContain(petitionId);

    expect((await post(`/petitions/${petitionId}/notices`, { notice: 'result', sentOn: today })).body.code).toBe('PETITION.NOT_CONCLUDED');
    expect((await post(`/petitions/${petitionId}/conclusion`, { result: 'maybe' })).status).toBe(400);
    expect(
      (await post(`/petitions/${petitionId}/conclusion`, { result: 'partly_substantiated' }, token(r.stranger, [r.cityCommission]))).status,
    ).toBe(403);
    const concluded = await post(`/petitions/${petitionId}/conclusion`, { result: 'partly_substantiated' });
    expect(concluded.status).toBe(200);
    const view = (await app.request('GET', `/petitions/${petitionId}`, { token: token(r.office) })).body;
    expect(view).toMatchObject({ result: 'partly_substantiated', concludedOn: today });
    expect(view.resultNoticeDueOn > today).toBe(true);
    expect((await post(`/petitions/${petitionId}/notices`, { notice: 'result', sentOn: today })).status).toBe(200);
    const done = (await app.request('GET', `/petitions/${petitionId}`, { token: token(r.office) })).body;
    expect(done).toMatchObject({ acceptanceNotifiedOn: today, resultNotifiedOn: today, missed: ['acceptance_notice'] });
  });

  it('a petition about the commission’s own secretary not forwarded within 5 working days is recorded as a missed forward', async () => {
    const petitionId = await register({
      named: false,
      reporterName: undefined,
      reporterContact: undefined,
      reportedPersons: [r.secretary],
    });
    await deadlines.runNow();
    const view = (await app.request('GET', `/petitions/${petitionId}`, { token: token(r.office) })).body;
    expect(view).toMatchObject({ concernsOwnLeader: true, forwardDueOn: '2026-03-09', missed: ['forward'] });
    // The secretary the petition reports on never sees it in the list.
    const asSecretary = await list('', app.token([], [], r.secretary));
    expect(asSecretary.status).toBe(200);
    expect(asSecretary.body.items.map((item: { petitionId: string }) => item.petitionId)).not.toContain(petitionId);
  });

  it('pages the list, refuses a forged cursor and anyone who does not act for the commission', async () => {
    await register();
    await register();
    const page = await list('limit=1');
    expect(page.body.items).toHaveLength(1);
    expect(typeof page.body.next).toBe('string');
    const nextPage = await list(`limit=1&after=${page.body.next}`);
    expect(nextPage.body.items).toHaveLength(1);
    expect(nextPage.body.items[0].petitionId).not.toBe(page.body.items[0].petitionId);
    expect((await list('after=bm90LWEtY3Vyc29y')).body.code).toBe('PETITION.INVALID_CURSOR');
    expect((await list('limit=0')).status).toBe(400);
    expect((await list('status=lost')).status).toBe(400);
    expect((await list('', token(r.stranger, [r.cityCommission]))).status).toBe(403);
  });

  it('compiles each month’s counts per unit once, after the month is over, and publishes them', async () => {
    const now = new Date();
    const month = chinaDay(now).slice(0, 7);
    const inTwoMonths = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 2, 4));
    expect((await counts.runNow()).acted).toBe(0);
    expect((await counts.runNow(inTwoMonths)).acted).toBeGreaterThanOrEqual(1);
    expect((await counts.runNow(inTwoMonths)).acted).toBe(0);

    const messages = (await readTopicsToEnd([CASES_TOPIC])).filter((text) => text.includes('cases.PetitionCountsCompiled'));
    const ours = messages.find((text) => text.includes(`"commissionCode":"${r.commission}"`) && text.includes(`"month":"${month}"`));
    expect(ours).toBeDefined();
    // Four petitions this run reported on the department (the one about the secretary reports on no unit).
    expect(ours).toContain(`{"unitCode":"${r.department}","petitions":4}`);

    // The audit replay folds the counts stream with its own decider, not the petitions' (longest stream prefix).
    const replayed = await app.request('GET', `/audit/streams/petition-counts-${r.commission}-${month}/state`, {
      token: app.token(['auditor']),
    });
    expect(replayed.status).toBe(200);
    expect(replayed.body.state).toEqual({ status: 'compiled', compiledOn: chinaDay(inTwoMonths) });
  });
});
