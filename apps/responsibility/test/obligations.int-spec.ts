import { randomBytes } from 'node:crypto';
import { addCalendarDays } from '@app/deadlines';
import { chinaDay } from '@app/domain';
import { createLogger, createServiceApp } from '@app/platform';
import { startTestApp, type TestApp } from '@app/testing';
import { obligationIdOf } from '../src/obligations/obligation.command-handlers';
import { ResponsibilityEnv } from '../src/responsibility.env';
import { RegistryFeed } from '../../../libs/registry-view/src/testing/registry-feed';
import { ResponsibilityModule } from '../src/responsibility.module';

/**
 * Obligations wired into the responsibility service against the real PostgreSQL and Kafka: due
 * days from the rule book for the unit's jurisdiction (the registry view fed over the broker), the
 * read model with today's colour, and the deadline scheduler acting once per obligation, also
 * after a restart.
 */

const RUN = randomBytes(3).toString('hex').toUpperCase();
const UNIT = `OB-DIST-${RUN}`;
const OTHER = `OB-OTHER-${RUN}`;
const TODAY = chinaDay(new Date());

const feed = new RegistryFeed();
const registered = (unitCode: string, name: string) => feed.unit(unitCode, name, 'party_committee', 'district', null);

describe('obligations: due days from the rule book, colours, and a scheduler that acts once per obligation', () => {
  let app: TestApp<ResponsibilityEnv>;
  const logs: string[] = [];
  let officer: string;
  let admin: string;
  let auditor: string;

  beforeAll(async () => {
    app = await startTestApp({
      name: 'responsibility',
      env: ResponsibilityEnv,
      module: (config) => ResponsibilityModule.forRoot(config),
      logger: createLogger('responsibility', 'info', { write: (line: string) => void logs.push(line) }),
    });
    officer = app.token(['unit_officer'], [UNIT], 'S-OB-1');
    admin = app.token(['registry_admin'], [], 'S-OB-ADMIN');
    auditor = app.token(['auditor'], [], 'S-OB-AUD');
    await feed.connect(app);
    await feed.publish([registered(UNIT, '中共金水区委'), registered(OTHER, '中共二七区委')]);
    await feed.until(app, async (view) => Boolean((await view.unitOn(UNIT, TODAY)) && (await view.unitOn(OTHER, TODAY))));
  });
  afterAll(() => app?.close());

  const open = (body: object, token = officer) => app.request('POST', '/obligations', { token, body });
  const list = async (unit: string, status?: string) => {
    const answer = await app.request('GET', `/obligations?unit=${unit}${status ? `&status=${status}` : ''}`, { token: admin });
    expect(answer.status).toBe(200);
    return answer.body as { subject: string; dueOn: string; warnFrom: string; colour: string; version: number; status: string }[];
  };
  const runPass = async (target = app, token = auditor) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const answer = await target.request('POST', '/obligations/scheduler/run', { token });
      expect(answer.status).toBe(200);
      if (answer.body.ran) return answer.body as { considered: number; warned: number; markedOverdue: number };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the scheduler pass never got its lock');
  };

  test('an obligation is due by the rule in force for the unit’s jurisdiction; opening it again records nothing', async () => {
    const subject = `meeting_filing:${UNIT}:${TODAY}`;
    const first = await open({ unitCode: UNIT, subject, ruleName: 'meeting_filing.due', fromDay: TODAY });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      streamId: `obligation-${obligationIdOf('meeting_filing.due', subject)}`,
      version: 1,
      events: ['ObligationOpened'],
    });
    const again = await open({ unitCode: UNIT, subject, ruleName: 'meeting_filing.due', fromDay: TODAY });
    expect([again.status, again.body.version, again.body.events]).toEqual([201, 1, []]);
    const [row] = (await list(UNIT)).filter((item) => item.subject === subject);
    // The seed district's rule: filed within 7 calendar days of the meeting.
    expect(row).toMatchObject({ dueOn: addCalendarDays(TODAY, 7), warnFrom: TODAY, colour: 'due_soon', status: 'pending' });
  });

  test('refused: another unit’s officer, a rule not in the book, a unit the registry view has never seen, a bad day', async () => {
    const body = { unitCode: OTHER, subject: `meeting_filing:${OTHER}:x`, ruleName: 'meeting_filing.due', fromDay: TODAY };
    const foreign = await open(body);
    expect([foreign.status, foreign.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const noRule = await open({ ...body, ruleName: 'no_such.rule' }, admin);
    expect([noRule.status, noRule.body.code]).toEqual([404, 'RULE.NOT_FOUND']);
    const unknown = await open({ ...body, unitCode: `OB-NONE-${RUN}` }, admin);
    expect([unknown.status, unknown.body.code]).toEqual([409, 'REGISTRY.NOT_CAUGHT_UP']);
    const badDay = await open({ ...body, fromDay: '2025-02-30' }, admin);
    expect(badDay.status).toBe(400);
    expect((await list(OTHER)).length).toBe(0);
  });

  test('the scheduler warns each obligation due soon once and marks each overdue one once, however often it runs, also after a restart', async () => {
    const overdue = `meeting_filing:${UNIT}:late-${RUN}`;
    const dueSoon = `meeting_filing:${UNIT}:soon-${RUN}`;
    expect(
      (await open({ unitCode: UNIT, subject: overdue, ruleName: 'meeting_filing.due', fromDay: addCalendarDays(TODAY, -30) })).status,
    ).toBe(201);
    expect(
      (await open({ unitCode: UNIT, subject: dueSoon, ruleName: 'meeting_filing.due', fromDay: addCalendarDays(TODAY, -3) })).status,
    ).toBe(201);
    expect((await list(UNIT, 'overdue')).map((item) => item.subject)).toEqual([overdue]);

    const first = await runPass();
    expect(first.markedOverdue).toBeGreaterThanOrEqual(1);
    expect(first.warned).toBeGreaterThanOrEqual(1);
    const second = await runPass();
    expect(second).toEqual({ ran: true, considered: 0, warned: 0, markedOverdue: 0 });
    const versions = async () => Object.fromEntries((await list(UNIT)).map((item) => [item.subject, item.version]));
    expect(await versions()).toMatchObject({ [overdue]: 2, [dueSoon]: 2 });
    expect(logs.some((line) => line.includes('obligation scheduler pass') && /"markedOverdue":[1-9]/.test(line))).toBe(true);

    // A restarted service on the same database: its passes (on bootstrap and on demand) add nothing.
    const restarted = await createServiceApp({
      name: 'responsibility',
      module: ResponsibilityModule.forRoot(app.config),
      config: app.config,
      logger: createLogger('responsibility', 'warn', { write: () => undefined }),
    });
    await restarted.listen(0, '127.0.0.1');
    try {
      const url = (await restarted.getUrl()).replace('[::1]', '127.0.0.1');
      let pass: { ran: boolean; considered: number } | undefined;
      for (let attempt = 0; attempt < 50 && !pass?.ran; attempt++) {
        const response = await fetch(`${url}/obligations/scheduler/run`, {
          method: 'POST',
          headers: { authorization: `Bearer ${auditor}` },
        });
        pass = (await response.json()) as { ran: boolean; considered: number };
      }
      expect(pass).toMatchObject({ ran: true, considered: 0 });
    } finally {
      await restarted.close();
    }
    expect(await versions()).toMatchObject({ [overdue]: 2, [dueSoon]: 2 });
  });

  test('a fulfilment after the due day is done late; only an auditor or administrator runs the scheduler on demand', async () => {
    const subject = `meeting_filing:${UNIT}:fulfil-${RUN}`;
    const opened = await open({ unitCode: UNIT, subject, ruleName: 'meeting_filing.due', fromDay: addCalendarDays(TODAY, -20) });
    const obligationId = obligationIdOf('meeting_filing.due', subject);
    const byOfficer = await app.request('POST', `/obligations/${obligationId}/fulfilment`, {
      token: officer,
      body: { fulfilledOn: TODAY, evidence: `${subject}#1` },
    });
    expect(byOfficer.status).toBe(403);
    const fulfilled = await app.request('POST', `/obligations/${obligationId}/fulfilment`, {
      token: admin,
      body: { fulfilledOn: TODAY, evidence: `${subject}#1` },
    });
    expect([opened.status, fulfilled.status, fulfilled.body.events]).toEqual([201, 200, ['ObligationFulfilled']]);
    expect((await list(UNIT, 'done_late')).map((item) => item.subject)).toEqual([subject]);
    expect((await app.request('POST', '/obligations/scheduler/run', { token: officer })).status).toBe(403);
  });
});
