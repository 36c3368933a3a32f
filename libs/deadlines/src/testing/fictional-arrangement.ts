import type { HolidayArrangement } from '../working-day-calendar';

/**
 * FOR TESTS ONLY — a FICTIONAL holiday arrangement for 2027, NOT the State Council notice (which
 * had not been published when this was written). Its holidays are named as test holidays and its
 * source says it is fictional, so it can never be mistaken for the real arrangement. Never put it
 * in china-holidays.ts, a seed file or a production database: publish the real notice instead.
 *
 * 2027-01-01 is a Friday. Days off: 01-01..01-03 and the whole week 01-04..01-08 (Monday to
 * Friday); make-up working day: Saturday 01-09.
 */
export const FICTIONAL_TEST_ARRANGEMENT_2027: HolidayArrangement = {
  year: 2027,
  sources: ['FICTIONAL TEST ARRANGEMENT 虚构的测试安排 — not the State Council notice for 2027; for automated tests only'],
  holidays: [
    { name: '测试假日甲（虚构）', from: '2027-01-01', to: '2027-01-03' },
    { name: '测试假日乙（虚构）', from: '2027-01-04', to: '2027-01-08' },
  ],
  makeUpWorkingDays: ['2027-01-09'],
};
