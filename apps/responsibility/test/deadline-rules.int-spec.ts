import { addCalendarDays } from '@app/deadlines';
import { startWiredService, type WiredService } from './wired-service';

/**
 * Deadline rules as data over HTTP: the seed's district rule set, a change recorded as an event in
 * the jurisdiction's rule set (never retroactive, never laxer than a higher level), and the next
 * obligation's due day computed under it. The wired service's units lie in district 410105.
 */
describe('deadline rules: the seed overlaid with audited changes, resolved for each new due day', () => {
  let service: WiredService;
  let admin: string;
  const DISTRICT = '410105';
  type Rule = { name: string; parameter: number; unit: string; source: string; jurisdiction: { level: string; code: string } };

  beforeAll(async () => {
    service = await startWiredService();
    admin = service.app.token(['registry_admin'], [], 'S-RULE-ADMIN');
  });
  afterAll(() => service?.app.close());

  const rules = async (on?: string) => {
    const answer = await service.app.request('GET', `/deadline-rules?division=${DISTRICT}${on ? `&on=${on}` : ''}`, { token: admin });
    expect(answer.status).toBe(200);
    return answer.body as { applicable: Rule[]; inForce: Rule[]; chain: { level: string }[] };
  };
  const applicable = async (name: string, on?: string) => (await rules(on)).applicable.find((rule) => rule.name === name);
  const setRule = (name: string, body: object, { token = admin, level = 'district', code = DISTRICT } = {}) =>
    service.app.request('PUT', `/deadline-rules/${level}/${code}/${name}`, { token, body });
  const basis = '区委《关于进一步规范民主生活会报送工作的通知》：会后5日内报送。';

  test('the seed’s rules apply along the chain: the district’s own and the national defaults', async () => {
    const answer = await rules();
    expect(answer.chain.map((link) => link.level)).toEqual(['national', 'province', 'city', 'district']);
    expect(await applicable('dual_report.due')).toMatchObject({ parameter: 131, unit: 'fixed_day_of_year', source: 'seed' });
    expect(await applicable('meeting_filing.due')).toMatchObject({ parameter: 7, unit: 'calendar_days', source: 'seed' });
    expect(await applicable('petition.forward_to_higher')).toMatchObject({ parameter: 5, jurisdiction: { level: 'national' } });
  });

  test('a change is an event from today on; earlier days keep the seed; the next due day follows it', async () => {
    const { today, unit } = service.registry;
    const defined = await setRule('meeting_filing.due', { parameter: 5, unit: 'calendar_days', legalBasis: basis, effectiveFrom: today });
    expect([defined.status, defined.body.events]).toEqual([200, ['DeadlineRuleDefined']]);
    expect(await applicable('meeting_filing.due')).toMatchObject({ parameter: 5, source: 'recorded' });
    expect(await applicable('meeting_filing.due', addCalendarDays(today, -1))).toMatchObject({ parameter: 7, source: 'seed' });

    const opened = await service.app.request('POST', '/obligations', {
      token: admin,
      body: { unitCode: unit, subject: `meeting_filing:${unit}:${today}`, ruleName: 'meeting_filing.due', fromDay: today },
    });
    expect(opened.status).toBe(201);
    const listed = await service.app.request('GET', `/obligations?unit=${unit}`, { token: admin });
    expect(listed.body.find((o: { ruleName: string }) => o.ruleName === 'meeting_filing.due')).toMatchObject({
      dueOn: addCalendarDays(today, 5),
    });

    const sameDay = await setRule('meeting_filing.due', { parameter: 3, unit: 'calendar_days', legalBasis: basis, effectiveFrom: today });
    expect([sameDay.status, sameDay.body.code]).toEqual([409, 'RULE.AMENDMENT_NOT_AFTER_CURRENT']);
    const tomorrow = addCalendarDays(today, 1);
    const amended = await setRule('meeting_filing.due', {
      parameter: 3,
      unit: 'calendar_days',
      legalBasis: basis,
      effectiveFrom: tomorrow,
    });
    expect([amended.status, amended.body.events]).toEqual([200, ['DeadlineRuleAmended']]);
    expect(await applicable('meeting_filing.due', tomorrow)).toMatchObject({ parameter: 3 });
    expect(await applicable('meeting_filing.due')).toMatchObject({ parameter: 5 });

    // The auditor sees the change in the jurisdiction's rule-set stream.
    const auditor = service.app.token(['auditor'], [], 'S-RULE-AUDIT');
    const stream = await service.app.request('GET', `/audit/streams/rule-set-district-${DISTRICT}`, { token: auditor });
    expect(stream.body.events.map((event: { type: string }) => event.type)).toEqual(['DeadlineRuleDefined', 'DeadlineRuleAmended']);
  });

  test('refused, with nothing recorded: retroactive, laxer than the nation, a bad jurisdiction, an unentitled caller, bad input', async () => {
    const { today, unit } = service.registry;
    const yesterday = addCalendarDays(today, -1);
    const retro = await setRule('integrity_talk.period', { parameter: 6, unit: 'months', legalBasis: basis, effectiveFrom: yesterday });
    expect([retro.status, retro.body.code]).toEqual([422, 'RULE.RETROACTIVE']);
    const laxer = await setRule('petition.forward_to_higher', {
      parameter: 10,
      unit: 'working_days',
      legalBasis: basis,
      effectiveFrom: today,
    });
    expect([laxer.status, laxer.body.code]).toEqual([409, 'RULE.LAXER_THAN_HIGHER']);
    const wrongLevel = await setRule(
      'meeting_filing.due',
      { parameter: 5, unit: 'calendar_days', legalBasis: basis, effectiveFrom: today },
      { code: '410100' },
    );
    expect([wrongLevel.status, wrongLevel.body.code]).toEqual([422, 'RULE.INVALID_JURISDICTION']);
    const officer = service.app.token(['unit_officer'], [unit], service.registry.leader);
    const byOfficer = await setRule(
      'meeting_filing.due',
      { parameter: 5, unit: 'calendar_days', legalBasis: basis, effectiveFrom: today },
      { token: officer },
    );
    expect(byOfficer.status).toBe(403);
    for (const body of [
      { parameter: -1, unit: 'calendar_days', legalBasis: basis, effectiveFrom: today },
      { parameter: 5, unit: 'fortnights', legalBasis: basis, effectiveFrom: today },
      { parameter: 5, unit: 'calendar_days', legalBasis: '', effectiveFrom: today },
      { parameter: 5, unit: 'calendar_days', legalBasis: basis, effectiveFrom: '2026-02-30' },
    ]) {
      const answer = await setRule('integrity_talk.period', body);
      expect([answer.status, answer.body.code]).toEqual([400, 'REQUEST.INVALID']);
    }
    expect((await setRule('Not A Rule', { parameter: 5, unit: 'calendar_days', legalBasis: basis, effectiveFrom: today })).status).toBe(
      400,
    );
    expect((await setRule('x.y', {}, { level: 'county' })).status).toBe(400);
    expect((await service.app.request('GET', '/deadline-rules?division=41010', { token: admin })).status).toBe(400);
    expect(await applicable('integrity_talk.period')).toMatchObject({ source: 'seed', parameter: 12 });
  });

  test('a recorded rule retired from a day on gives way to the enclosing level; the seed does not come back', async () => {
    const { today } = service.registry;
    const defined = await setRule('letter_inquiry.reply', { parameter: 10, unit: 'working_days', legalBasis: basis, effectiveFrom: today });
    expect(defined.status).toBe(200);
    const later = addCalendarDays(today, 10);
    const retire = (body: object) =>
      service.app.request('POST', `/deadline-rules/district/${DISTRICT}/letter_inquiry.reply/retirement`, { token: admin, body });
    const retired = await retire({ retiredFrom: later, reason: '统一执行上级规定' });
    expect([retired.status, retired.body.events]).toEqual([200, ['DeadlineRuleRetired']]);
    expect(await applicable('letter_inquiry.reply')).toMatchObject({ parameter: 10, source: 'recorded' });
    expect(await applicable('letter_inquiry.reply', later)).toMatchObject({ parameter: 15, jurisdiction: { level: 'national' } });
    const never = await service.app.request('POST', `/deadline-rules/district/${DISTRICT}/clue.disposal_decision/retirement`, {
      token: admin,
      body: { retiredFrom: later, reason: '无' },
    });
    expect([never.status, never.body.code]).toEqual([404, 'RULE.NOT_DEFINED']);
  });
});
