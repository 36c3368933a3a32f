import { DataSource } from 'typeorm';
import { forgetPublishedYears, WorkingDayCalendar } from '@app/deadlines';
import { createLogger, createServiceApp } from '@app/platform';
import { RegistryViewCalendar } from '@app/registry-view';
import { startTestApp, type TestApp } from '@app/testing';
import { FICTIONAL_TEST_ARRANGEMENT_2027 as FICTIONAL_2027 } from '../libs/deadlines/src/testing/fictional-arrangement';
import { RegistryFeed } from '../libs/registry-view/src/testing/registry-feed';
import { runCodes } from '../apps/org-registry/test/registry-test-app';
import { RegistryEnv } from '../apps/org-registry/src/registry.env';
import { RegistryModule } from '../apps/org-registry/src/registry.module';
import { ResponsibilityEnv } from '../apps/responsibility/src/responsibility.env';
import { ResponsibilityModule } from '../apps/responsibility/src/responsibility.module';

jest.setTimeout(120_000);

/**
 * A further year of the national working-day calendar, published at runtime: responsibility
 * tracking refuses a deadline that needs 2027 (no notice compiled in); an administrator publishes
 * an arrangement for 2027 in the registry; it reaches responsibility tracking over the real broker
 * into its registry view, which extends the calendar once the message has committed; the same
 * deadline is then accepted, due on a day counted on the published days. A restart loads the
 * published years from the view's table.
 *
 * The arrangement is the FICTIONAL test arrangement (libs/deadlines/src/testing), not the State
 * Council notice; the registry publishes it on a topic of this run's own (`RegistryModule.forRoot`
 * `topic`), never on the shared registry.events.v1, and every database here is thrown away.
 */

const { run, code } = runCodes();
const UNIT = code('CAL-DIST');
// reporter.acceptance_notice is 15 working days: from 2026-12-21 it runs into 2027.
const FROM = '2026-12-21';
// Dec 22–25 and 28–31 (8), the fictional days off 01-01..01-08, the make-up Saturday 01-09 (9), 01-11..15 (14), 01-18.
const DUE_ON_PUBLISHED_DAYS = '2027-01-18';

describe('a year published in the registry extends the calendar of another service without a redeploy', () => {
  const feed = new RegistryFeed();
  const logs: string[] = [];
  let registry: TestApp<RegistryEnv>;
  let responsibility: TestApp<ResponsibilityEnv>;
  let admin: string;
  let responsibilityAdmin: string;

  const reloadMs = RegistryViewCalendar.reloadMs;
  beforeAll(async () => {
    forgetPublishedYears();
    RegistryViewCalendar.reloadMs = 300;
    registry = await startTestApp({
      name: 'org-registry',
      env: RegistryEnv,
      module: (config) => RegistryModule.forRoot(config, { topic: feed.topic }),
    });
    responsibility = await startTestApp({
      name: 'responsibility',
      env: ResponsibilityEnv,
      module: (config) => ResponsibilityModule.forRoot(config),
      logger: createLogger('responsibility', 'info', { write: (line: string) => void logs.push(line) }),
    });
    admin = registry.token(['registry_admin', 'auditor'], [], 'p-admin');
    responsibilityAdmin = responsibility.token(['registry_admin'], [], 'S-CAL-ADMIN');
    await feed.connect(responsibility);
    const unit = await registry.request('POST', '/units', {
      token: admin,
      body: {
        code: UNIT,
        name: '中共测试区委',
        kind: 'party_committee',
        level: 'district',
        jurisdictionCode: '410105',
        effectiveFrom: '2020-01-01',
      },
    });
    expect(unit.status).toBe(201);
    await feed.until(responsibility, async (view) => (await view.unitOn(UNIT, FROM)) !== undefined, 60_000);
  });
  afterAll(async () => {
    try {
      await responsibility?.close();
    } finally {
      await registry?.close();
      forgetPublishedYears();
      RegistryViewCalendar.reloadMs = reloadMs;
    }
  });

  const openObligation = (subject: string, target = responsibility) =>
    target.request('POST', '/obligations', {
      token: responsibilityAdmin,
      body: { unitCode: UNIT, subject: `calendar:${UNIT}:${subject}`, ruleName: 'reporter.acceptance_notice', fromDay: FROM },
    });
  /** The body of a PUT: the arrangement without its year (the path names it). */
  const put = (year: number, arrangement: object, headers: Record<string, string> = {}) => {
    const { year: _year, ...body } = arrangement as { year?: number };
    return registry.request('PUT', `/calendar/years/${year}`, { token: admin, body, headers });
  };
  const viewRevision = async (): Promise<number | undefined> => {
    const rows: { revision: number }[] = await responsibility.app
      .get(DataSource)
      .query('SELECT revision FROM rv_holiday_arrangements WHERE year = 2027');
    return rows[0]?.revision;
  };
  async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
    for (const started = Date.now(); Date.now() - started < timeoutMs; await new Promise((resolve) => setTimeout(resolve, 100))) {
      if (await probe()) return;
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('refuses a 2027 deadline before, accepts it after the publication with the due day on the published days', async () => {
    // Before: no 2027 anywhere.
    const before = await openObligation('before');
    expect([before.status, before.body.code]).toEqual([422, 'CALENDAR.YEAR_NOT_COVERED']);
    const listed = await registry.request('GET', '/calendar/years', { token: admin });
    expect([listed.status, listed.body.firstYear, listed.body.lastYear, listed.body.years.length]).toEqual([200, 2014, 2026, 13]);

    // The registry's rules, at the edge and in the decider.
    expect((await put(2028, FICTIONAL_2027)).body.code).toBe('CALENDAR.YEAR_NOT_NEXT');
    expect((await put(2026, { ...FICTIONAL_2027, holidays: [], makeUpWorkingDays: [] })).body.code).toBe('CALENDAR.BUILT_IN_YEAR');
    const weekday = await put(2027, { ...FICTIONAL_2027, makeUpWorkingDays: ['2027-01-11'] });
    expect([weekday.status, weekday.body.code]).toEqual([422, 'CALENDAR.MAKE_UP_DAY_NOT_WEEKEND']);
    expect((await put(2027, { ...FICTIONAL_2027, sources: [] })).status).toBe(400);
    const { year: _year, ...body } = FICTIONAL_2027;
    const unauthorised = await registry.request('PUT', '/calendar/years/2027', { token: registry.token(['auditor']), body });
    expect(unauthorised.status).toBe(403);

    // Published (the fictional test arrangement), once for a repeated Idempotency-Key.
    const published = await put(2027, body, { 'Idempotency-Key': `calendar-${run}` });
    expect([published.status, published.body.version, published.headers.get('etag')]).toEqual([200, 1, '"1"']);
    const replayed = await put(2027, body, { 'Idempotency-Key': `calendar-${run}` });
    expect([replayed.status, replayed.body.version, replayed.body.replayed]).toEqual([200, 1, true]);
    const year = await registry.request('GET', '/calendar/years/2027', { token: admin });
    expect(year.body).toMatchObject({
      year: 2027,
      origin: 'published',
      version: 1,
      publishedBy: 'p-admin',
      sources: FICTIONAL_2027.sources,
    });
    expect(year.headers.get('etag')).toBe('"1"');

    // Over the broker into responsibility tracking's view, and its calendar after the commit.
    await until(async () => (await viewRevision()) === 1, 'the view to receive 2027');
    await until(
      async () => logs.some((line) => line.includes('national calendar extended with published years') && line.includes('2027')),
      'responsibility tracking to extend its calendar',
    );
    const after = await openObligation('after');
    expect(after.status).toBe(201);
    const obligations = await responsibility.request('GET', `/obligations?unit=${UNIT}`, { token: responsibilityAdmin });
    expect(obligations.body.map((item: { dueOn: string }) => item.dueOn)).toEqual([DUE_ON_PUBLISHED_DAYS]);
    expect(WorkingDayCalendar.builtIn().withArrangements([FICTIONAL_2027]).addWorkingDays(FROM, 15)).toBe(DUE_ON_PUBLISHED_DAYS);
  });

  it('takes a correction only with If-Match and a reason, and a restarted service loads the published years from its view', async () => {
    const corrected = { ...FICTIONAL_2027, makeUpWorkingDays: ['2027-01-09', '2027-01-16'] };
    const { year: _year, ...body } = corrected;
    expect((await put(2027, body)).body.code).toBe('CALENDAR.CORRECTION_NEEDS_IF_MATCH');
    expect((await put(2027, body, { 'If-Match': '"1"' })).body.code).toBe('CALENDAR.CORRECTION_REASON_REQUIRED');
    expect((await put(2027, { ...body, reason: '测试更正（虚构）' }, { 'If-Match': '"7"' })).status).toBe(412);
    const correction = await put(2027, { ...body, reason: '测试更正（虚构）' }, { 'If-Match': '"1"' });
    expect([correction.status, correction.body.version]).toEqual([200, 2]);
    await until(async () => (await viewRevision()) === 2, 'the view to receive the correction');
    await until(async () => WorkingDayCalendar.china().isWorkingDay('2027-01-16'), 'the calendar to take the correction');

    // A fresh process knows only the built-in years until the service loads its view's table at start.
    forgetPublishedYears();
    expect(WorkingDayCalendar.china().lastYear).toBe(2026);
    const restarted = await createServiceApp({
      name: 'responsibility',
      module: ResponsibilityModule.forRoot(responsibility.config),
      config: responsibility.config,
      logger: createLogger('responsibility', 'warn', { write: () => undefined }),
    });
    try {
      await restarted.init();
      expect(WorkingDayCalendar.china().lastYear).toBe(2027);
      expect(WorkingDayCalendar.china().isWorkingDay('2027-01-16')).toBe(true);

      // An instance that did not read the message itself finds the year in its table at its next reload.
      forgetPublishedYears();
      await until(async () => WorkingDayCalendar.china().lastYear === 2027, 'the periodic reload to bring 2027 back');
    } finally {
      await restarted.close();
    }
  });
});
