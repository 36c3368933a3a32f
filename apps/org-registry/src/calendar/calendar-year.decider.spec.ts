import { FICTIONAL_TEST_ARRANGEMENT_2027 as FICTIONAL_2027 } from '../../../../libs/deadlines/src/testing/fictional-arrangement';
import type { HolidayArrangement } from '@app/deadlines';
import { deciderSpec, testMetadata } from '@app/domain/testing';
import type { PublishHolidayArrangement } from './calendar-year.commands';
import { calendarYearDecider, changedDays } from './calendar-year.decider';
import type { HolidayArrangementPublished } from './calendar-year.events';

// Every arrangement here is the FICTIONAL test arrangement for 2027 (or a variation of it), never the real notice.
const TODAY = new Date('2026-12-06T02:00:00Z'); // 2026-12-06 in China Standard Time
const ADMIN = 'p-admin';

const publish = (overrides: Partial<PublishHolidayArrangement['data']> = {}, now: Date = TODAY): PublishHolidayArrangement => ({
  type: 'PublishHolidayArrangement',
  data: {
    year: FICTIONAL_2027.year,
    sources: FICTIONAL_2027.sources,
    holidays: FICTIONAL_2027.holidays,
    makeUpWorkingDays: FICTIONAL_2027.makeUpWorkingDays,
    otherPublishedYears: [],
    ...overrides,
  },
  metadata: testMetadata({ now, actor: { personId: ADMIN } }),
});

const published = (
  arrangement: HolidayArrangement = FICTIONAL_2027,
  revision = 1,
  extra: Partial<HolidayArrangementPublished['data']> = {},
): HolidayArrangementPublished => ({
  type: 'HolidayArrangementPublished',
  data: {
    year: arrangement.year,
    revision,
    sources: arrangement.sources,
    holidays: arrangement.holidays,
    makeUpWorkingDays: arrangement.makeUpWorkingDays,
    publishedBy: ADMIN,
    publishedAt: TODAY.toISOString(),
    ...extra,
  },
});

const given = (...events: HolidayArrangementPublished[]) => deciderSpec(calendarYearDecider).given(events);
const period = (name: string, from: string, to: string) => ({ name, from, to });
const year2028: HolidayArrangement = { year: 2028, sources: ['FICTIONAL TEST 2028'], holidays: [], makeUpWorkingDays: [] };

describe('publishing a year: it follows on from the last covered year', () => {
  it('publishes the year after the built-in ones, recording who and when', () => {
    const state = given().when(publish()).then([published()]);
    expect(state).toMatchObject({ status: 'published', revision: 1, publishedBy: ADMIN, firstPublishedAt: TODAY.toISOString() });
  });

  it('publishes the year after the last published one', () => {
    given()
      .when(publish({ ...year2028, otherPublishedYears: [FICTIONAL_2027] }))
      .then([published(year2028)]);
  });

  it('refuses a year after a gap', () => {
    given()
      .when(publish({ ...year2028 }))
      .thenThrows('CALENDAR.YEAR_NOT_NEXT', 'conflict');
  });

  it('refuses a year before the built-in ones', () => {
    given()
      .when(publish({ year: 2013, holidays: [], makeUpWorkingDays: [] }))
      .thenThrows('CALENDAR.YEAR_NOT_NEXT', 'conflict');
  });

  it('refuses to republish a built-in year', () => {
    given()
      .when(publish({ year: 2026, holidays: [], makeUpWorkingDays: [] }))
      .thenThrows('CALENDAR.BUILT_IN_YEAR', 'conflict');
  });

  it('refuses a year that is not a year', () => {
    given()
      .when(publish({ year: 20270 }))
      .thenThrows('YEAR.INVALID', 'invalid');
  });
});

describe('publishing a year: what the notice says', () => {
  it.each<[string, Partial<PublishHolidayArrangement['data']>, string]>([
    ['no source', { sources: [] }, 'CALENDAR.SOURCES_REQUIRED'],
    ['a blank source', { sources: ['  '] }, 'CALENDAR.SOURCES_REQUIRED'],
    ['an unnamed holiday', { holidays: [period(' ', '2027-05-01', '2027-05-03')] }, 'CALENDAR.HOLIDAY_NAME_REQUIRED'],
    ['a malformed day', { holidays: [period('a', '2027-02-29', '2027-03-01')] }, 'DATE.INVALID'],
    ['a holiday outside the year', { holidays: [period('a', '2027-12-31', '2028-01-02')] }, 'CALENDAR.DAY_OUTSIDE_YEAR'],
    ['a holiday before the previous December', { holidays: [period('a', '2026-11-30', '2027-01-01')] }, 'CALENDAR.DAY_OUTSIDE_YEAR'],
    ['a period ending before it begins', { holidays: [period('a', '2027-05-03', '2027-05-01')] }, 'CALENDAR.PERIOD_ENDS_BEFORE_START'],
    [
      'holidays out of order',
      { holidays: [period('b', '2027-05-01', '2027-05-03'), period('a', '2027-04-03', '2027-04-05')] },
      'CALENDAR.HOLIDAYS_NOT_IN_ORDER',
    ],
    [
      'overlapping holidays',
      { holidays: [period('a', '2027-05-01', '2027-05-03'), period('b', '2027-05-03', '2027-05-05')] },
      'CALENDAR.HOLIDAYS_OVERLAP',
    ],
    ['a make-up day on a weekday', { makeUpWorkingDays: ['2027-01-11'] }, 'CALENDAR.MAKE_UP_DAY_NOT_WEEKEND'],
    ['a make-up day inside a holiday', { makeUpWorkingDays: ['2027-01-02'] }, 'CALENDAR.MAKE_UP_DAY_IN_HOLIDAY'],
    ['a make-up day given twice', { makeUpWorkingDays: ['2027-01-09', '2027-01-09'] }, 'CALENDAR.MAKE_UP_DAY_REPEATED'],
    ['a make-up day in the next year', { makeUpWorkingDays: ['2028-01-01'] }, 'CALENDAR.DAY_OUTSIDE_YEAR'],
  ])('refuses %s', (_what, overrides, code) => {
    given().when(publish(overrides)).thenThrows(code, 'invalid');
  });

  it('accepts a holiday beginning, and a make-up day, in the previous December (not yet come)', () => {
    const arrangement = {
      ...FICTIONAL_2027,
      holidays: [period('测试假日甲（虚构）', '2026-12-31', '2027-01-03')],
      makeUpWorkingDays: ['2026-12-26'],
    };
    given()
      .when(publish(arrangement))
      .then([published(arrangement)]);
  });

  it('refuses a December day the next published year already uses, when correcting (across years)', () => {
    const next = { ...year2028, holidays: [period('测试元旦（虚构）', '2027-12-31', '2028-01-01')] };
    given(published())
      .when(
        publish({
          holidays: [...FICTIONAL_2027.holidays, period('测试假日丙（虚构）', '2027-12-30', '2027-12-31')],
          otherPublishedYears: [next],
          correctsVersion: 1,
          reason: 'test',
        }),
      )
      .thenThrows('CALENDAR.HOLIDAYS_OVERLAP', 'invalid');
  });

  it('trims texts and puts the make-up days in order', () => {
    const arrangement = { ...FICTIONAL_2027, makeUpWorkingDays: ['2027-01-16', '2027-01-09'] };
    given()
      .when(publish({ ...arrangement, sources: [`  ${FICTIONAL_2027.sources[0]}  `] }))
      .then([published({ ...arrangement, makeUpWorkingDays: ['2027-01-09', '2027-01-16'] })]);
  });
});

describe('correcting a published year', () => {
  const corrected = { ...FICTIONAL_2027, makeUpWorkingDays: ['2027-01-16'] };

  it('records the whole corrected arrangement, one revision more, with its reason', () => {
    const state = given(published())
      .when(publish({ ...corrected, correctsVersion: 1, reason: '测试更正' }))
      .then([published(corrected, 2, { correctionReason: '测试更正' })]);
    expect(state).toMatchObject({ revision: 2, correctionReason: '测试更正', firstPublishedAt: TODAY.toISOString() });
  });

  it('needs the version it corrects (If-Match)', () => {
    given(published())
      .when(publish({ ...corrected, reason: '测试更正' }))
      .thenThrows('CALENDAR.CORRECTION_NEEDS_IF_MATCH', 'precondition');
  });

  it('needs a reason', () => {
    given(published())
      .when(publish({ ...corrected, correctsVersion: 1 }))
      .thenThrows('CALENDAR.CORRECTION_REASON_REQUIRED', 'invalid');
  });

  it('records nothing when nothing changes', () => {
    given(published())
      .when(publish({ correctsVersion: 1 }))
      .thenNothing();
  });

  it('refuses to change a day that has already come (China Standard Time)', () => {
    const inJanuary = new Date('2027-01-09T16:30:00Z'); // 2027-01-10 00:30 in China: 01-09 has passed
    given(published())
      .when(publish({ ...corrected, correctsVersion: 1, reason: '测试更正' }, inJanuary))
      .thenThrows('CALENDAR.DAY_ALREADY_PASSED', 'conflict');
    // 23:30 on 01-09 in China: the day itself counts as come (it may already have been used today).
    given(published())
      .when(publish({ ...corrected, correctsVersion: 1, reason: '测试更正' }, new Date('2027-01-09T15:30:00Z')))
      .thenThrows('CALENDAR.DAY_ALREADY_PASSED', 'conflict');
  });

  it('allows changing days still to come, and sources at any time', () => {
    const later = new Date('2027-01-08T15:00:00Z'); // 2027-01-08 23:00 in China
    given(published())
      .when(publish({ ...FICTIONAL_2027, makeUpWorkingDays: ['2027-01-09', '2027-01-16'], correctsVersion: 1, reason: '测试更正' }, later))
      .then([
        published({ ...FICTIONAL_2027, makeUpWorkingDays: ['2027-01-09', '2027-01-16'] }, 2, {
          correctionReason: '测试更正',
          publishedAt: later.toISOString(),
        }),
      ]);
    const sources = ['FICTIONAL TEST ARRANGEMENT 虚构的测试安排（文号更正）'];
    given(published())
      .when(publish({ sources, correctsVersion: 1, reason: '文号更正' }, new Date('2027-06-01T00:00:00Z')))
      .then([published({ ...FICTIONAL_2027, sources }, 2, { correctionReason: '文号更正', publishedAt: '2027-06-01T00:00:00.000Z' })]);
  });

  it('counts a day of the previous December too, on the first publication and on a correction', () => {
    const december = { ...FICTIONAL_2027, holidays: [period('测试假日甲（虚构）', '2026-12-31', '2027-01-03')] };
    given()
      .when(publish(december, new Date('2026-12-31T01:00:00Z')))
      .thenThrows('CALENDAR.DAY_ALREADY_PASSED', 'conflict');
    given(published(december))
      .when(publish({ ...FICTIONAL_2027, correctsVersion: 1, reason: '测试更正' }, new Date('2026-12-31T01:00:00Z')))
      .thenThrows('CALENDAR.DAY_ALREADY_PASSED', 'conflict');
  });

  it('may publish the year itself late: its own days were never covered before', () => {
    given()
      .when(publish({}, new Date('2027-02-01T00:00:00Z')))
      .then([published(FICTIONAL_2027, 1, { publishedAt: '2027-02-01T00:00:00.000Z' })]);
  });
});

describe('changedDays', () => {
  it('lists the days whose holiday or make-up status differs', () => {
    expect(changedDays(FICTIONAL_2027, { ...FICTIONAL_2027, makeUpWorkingDays: ['2027-01-16'] })).toEqual(['2027-01-09', '2027-01-16']);
    expect(changedDays(undefined, { ...FICTIONAL_2027, holidays: [], makeUpWorkingDays: ['2026-12-26'] })).toEqual(['2026-12-26']);
    expect(changedDays(FICTIONAL_2027, FICTIONAL_2027)).toEqual([]);
  });
});
