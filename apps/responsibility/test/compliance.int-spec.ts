import { EventStore } from '@app/eventstore';
import { ComplianceReads } from '../src/compliance/compliance.reads';
import { ComplianceSnapshot } from '../src/compliance/compliance.snapshot';
import type { TestApp } from '@app/testing';
import { responsibilityListStreamId } from '../src/responsibility-lists/responsibility-list.commands';
import type { ResponsibilityEnv } from '../src/responsibility.env';
import { startWiredService, type RegistryFixture } from './wired-service';

/**
 * The compliance view over the running service, its registry view fed over the real broker: a
 * district committee's year list with an item done through its task, one whose task is still
 * open, items due soon and on track by their deadlines; last year's list, all overdue; and the
 * dual report obligations. Counts are checked against the unit's own list and obligation views.
 */

const DISTRICT = '410105';

describe('compliance: per unit of a division or under a unit, items done, overdue and due soon, obligations and dual reports', () => {
  let app: TestApp<ResponsibilityEnv>;
  let r: RegistryFixture;
  let leader: string;
  let member: string;
  let auditor: string;

  beforeAll(async () => {
    const service = await startWiredService();
    ({ app, registry: r } = service);
    leader = app.token(['unit_officer'], [r.unit], r.leader);
    member = app.token(['unit_officer'], [r.unit], r.member);
    auditor = app.token(['auditor'], [], 'S-AUDIT');

    expect((await app.request('POST', '/responsibility-lists', { token: leader, body: { unitCode: r.unit, year: r.year } })).status).toBe(
      201,
    );
    // committee.3.1 done through its one task; committee.3.2 has a task still open.
    const done = await assignTask('committee.3.1');
    await carryOut(done, true);
    const open = await assignTask('committee.3.2');
    await carryOut(open, false);
    const admin = app.token(['registry_admin'], [], 'S-ADMIN');
    expect(
      (await app.request('POST', '/dual-reports/obligations', { token: admin, body: { unitCode: r.unit, year: r.year - 1 } })).status,
    ).toBe(201);
    await lastYearsList();
  });
  afterAll(() => app?.close());

  async function assignTask(itemKey: string): Promise<string> {
    const assigned = await app.request('POST', '/tasks', {
      token: leader,
      body: {
        unitCode: r.unit,
        year: r.year,
        itemKey,
        areaCode: r.area,
        title: '分管领域廉政谈话',
        assignee: r.member,
        due: `${r.year}-12-31`,
      },
    });
    expect(assigned.status).toBe(201);
    return assigned.body.taskId as string;
  }

  async function carryOut(taskId: string, complete: boolean): Promise<void> {
    expect((await app.request('POST', `/tasks/${taskId}/claim`, { token: member })).status).toBe(200);
    if (!complete) return;
    const performed = await app.request('POST', `/tasks/${taskId}/perform`, {
      token: member,
      body: { day: r.today, text: '开展廉政谈话' },
    });
    expect(performed.status).toBe(200);
    expect((await app.request('POST', `/tasks/${taskId}/complete`, { token: member })).status).toBe(200);
  }

  /** Last year's list, as the log holds one generated then: two items, both past their deadlines now. */
  async function lastYearsList(): Promise<void> {
    const year = r.year - 1;
    const item = (key: string, deadline: string) => ({
      key,
      subject: 'committee',
      title: '研究部署党风廉政建设',
      responsible: [r.leader],
      deadline,
      requiredEvidence: '会议纪要',
      weight: 5,
    });
    await app.app.get(EventStore).append({
      streamId: responsibilityListStreamId(r.unit, year),
      expectedVersion: 0,
      previousHash: null,
      events: [
        {
          type: 'ResponsibilityListGenerated',
          data: {
            unitCode: r.unit,
            year,
            createdOn: `${year}-01-05`,
            items: [item('committee.3.1', `${year}-03-31`), item('committee.3.2', `${year}-12-31`)],
          },
        },
      ],
      metadata: { actor: { personId: r.leader, unitId: r.unit }, correlationId: `compliance-${r.unit}`, unitId: r.unit },
    });
  }

  const compliance = (query: string, token = auditor) => app.request('GET', `/compliance?${query}`, { token });

  test('a unit’s counts agree with its list’s warnings and its obligations’ colours; the item done through its tasks counts as done', async () => {
    const answer = await compliance(`jurisdiction=${DISTRICT}&year=${r.year}`);
    expect(answer.status).toBe(200);
    const list = await app.request('GET', `/responsibility-lists/${r.unit}/${r.year}`, { token: leader });
    const open = (list.body.items as { key: string; warning: string }[]).filter((item) => item.key !== 'committee.3.1');
    const obligations = (await app.request('GET', `/obligations?unit=${r.unit}`, { token: auditor })).body as {
      colour: string;
      dueOn: string;
    }[];
    const colours = (colour: string) => obligations.filter((o) => o.dueOn.startsWith(`${r.year}-`) && o.colour === colour).length;
    const unit = answer.body.units.find((u: { unitCode: string }) => u.unitCode === r.unit);
    expect(unit).toEqual({
      unitCode: r.unit,
      name: '中共金水区委',
      kind: 'party_committee',
      list: 'drafting',
      items: {
        total: list.body.items.length,
        done: 1,
        overdue: open.filter((item) => item.warning === 'overdue').length,
        dueSoon: open.filter((item) => item.warning === 'due_soon').length,
      },
      obligations: {
        onTrack: colours('on_track'),
        dueSoon: colours('due_soon'),
        overdue: colours('overdue'),
        done: colours('done'),
        doneLate: colours('done_late'),
      },
      dualReports: [],
    });
    expect(unit.items.total).toBe(22);
    expect(unit.obligations.onTrack + unit.obligations.dueSoon + unit.obligations.overdue).toBe(1);
    // The district's three units: the committee with its list, its commission and a department without one.
    expect(answer.body.units.map((u: { unitCode: string }) => u.unitCode).sort()).toEqual([r.area, r.commission, r.unit].sort());
    expect(answer.body.totals).toMatchObject({ units: 3, unitsWithoutList: 2, total: 22, done: 1 });
    expect(answer.body).toMatchObject({ scope: { jurisdiction: DISTRICT }, year: r.year, asOf: r.today, dueSoonWithinDays: 15 });
    expect(Date.parse(answer.body.computedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  test('the snapshot a large scope reads holds what the live view computes, and is not read once it lacks a unit in scope', async () => {
    const snapshot = app.app.get(ComplianceSnapshot);
    const reads = app.app.get(ComplianceReads);
    const codes = await reads.scopeCodes({ jurisdiction: DISTRICT }, r.today);
    const refreshed = await snapshot.refresh();
    expect(refreshed.year).toBe(r.year);
    const read = await snapshot.read(codes, r.year, r.today);
    expect(read?.units).toEqual(await reads.units(codes, r.year, r.today));
    expect(await snapshot.read([...codes, 'NOT-IN-SNAPSHOT'], r.year, r.today)).toBeUndefined();
    expect(await snapshot.read(codes, r.year, `${r.year + 1}-01-01`)).toBeUndefined();
  });

  test('last year’s items are all overdue; a unit and those under it answer the same units as its division', async () => {
    const lastYear = await compliance(`unit=${r.unit}&year=${r.year - 1}`, leader);
    expect(lastYear.status).toBe(200);
    const unit = lastYear.body.units.find((u: { unitCode: string }) => u.unitCode === r.unit);
    expect(unit.items).toEqual({ total: 2, done: 0, overdue: 2, dueSoon: 0 });
    expect(lastYear.body.units.map((u: { unitCode: string }) => u.unitCode).sort()).toEqual([r.area, r.commission, r.unit].sort());
    expect(lastYear.body.scope).toEqual({ unit: r.unit });
  });

  test('the district’s commission officers read the district, not the city; an unrelated unit officer gets 403', async () => {
    const commission = app.token(['commission_officer'], [r.commission], `S-JW-${r.unit}`);
    expect((await compliance(`jurisdiction=${DISTRICT}&year=${r.year}`, commission)).status).toBe(200);
    expect((await compliance(`unit=${r.unit}&year=${r.year}`, commission)).status).toBe(200);
    const city = await compliance(`jurisdiction=410100&year=${r.year}`, commission);
    expect([city.status, city.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const outsider = app.token(['unit_officer'], ['OTHER-UNIT'], 'S-OUT');
    expect((await compliance(`unit=${r.unit}&year=${r.year}`, outsider)).status).toBe(403);
    expect((await compliance(`jurisdiction=${DISTRICT}&year=${r.year}`, outsider)).status).toBe(403);
  });

  test('malformed parameters are 400 naming the field; an unknown unit is 404', async () => {
    const field = async (query: string) => {
      const answer = await compliance(query);
      expect(answer.status).toBe(400);
      return (answer.body.errors as { field: string }[]).map((error) => error.field);
    };
    expect(await field(`jurisdiction=${DISTRICT}&year=26`)).toContain('year');
    expect(await field(`jurisdiction=4101&year=${r.year}`)).toContain('jurisdiction');
    expect(await field(`year=${r.year}`)).toContain('jurisdiction');
    expect(await field(`jurisdiction=${DISTRICT}&unit=${r.unit}&year=${r.year}`)).toContain('unit');
    const unknown = await compliance(`unit=NO-SUCH-UNIT&year=${r.year}`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'UNIT.NOT_FOUND']);
  });
});
