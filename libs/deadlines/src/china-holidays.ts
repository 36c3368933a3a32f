import type { HolidayArrangement } from './working-day-calendar';

/**
 * National public holidays (法定节假日, with the days joined to them by 调休 or a weekend) and
 * make-up working days (调休上班), transcribed from the State Council General Office notices
 * 国务院办公厅关于XXXX年部分节假日安排的通知 and the notices that amended them.
 *
 * How a notice's wording becomes a period: "X至Y放假调休" → X..Y; "X放假，Y补休" → X..Y;
 * "X放假，与周末连休" → X joined to the adjacent weekend; "X放假" alone → X. A period may begin in
 * the previous year (2019 元旦 began 2018-12-30); its make-up days belong to the notice's year
 * entry even when they fall in the previous December (2018-12-29).
 *
 * Checked: every year's text against copies of the notice (gov.cn, wikisource, Xinhua and local
 * government reprints, read through the search tool), and day by day — whether each day of
 * 2014-01-01 … 2026-12-31 is a working day — against two independent packages, `chinese-days`
 * 1.5.7 (dist/chinese-days.json) and `chinese-workday` 1.16.1 (HOLIDAYS / WEEKENDS_WORKDAY):
 * this data agrees with chinese-days on all 4 748 days. chinese-workday differs on 11 days, each
 * an error of that package shown wrong by the notice text: 2014-06-03/04 and 2014-09-09/10
 * (marks weekdays after 端午/中秋 as holidays), 2014-10-11 (misses the 国庆 make-up Saturday),
 * 2015-09-03/04 (misses the 抗战胜利70周年 days, 国发明电〔2015〕1号), 2018-01-01 (misses 元旦),
 * 2020-01-31 and 2020-02-01 (misses the extension 国办发明电〔2020〕1号 that also cancelled the
 * 2020-02-01 make-up day), 2023-01-03 (a working day, 元旦 ended 01-02).
 * Particular cases: 2015 抗战胜利70周年 9/3–9/5 with 9/6 (Sunday) worked; 2019 劳动节 lengthened to
 * 5/1–5/4 by 国办发明电〔2019〕3号 with 4/28 and 5/5 worked; 2020 春节 extended to 2/2; 2024 除夕
 * (2/9) stays a working day (the notice only encourages leave); from 2025 春节 and 劳动节 have one
 * more day each (全国年节及纪念日放假办法, revised November 2024).
 *
 * 2027 and later: no 2027 notice had been published in the sources available when this was
 * written. Later years are not compiled in here: an authorised operator publishes each notice in
 * the organisation registry (`PUT /calendar/years/{year}`, event `registry.HolidayArrangementPublished`),
 * and every service extends its calendar with it at runtime (`adoptPublishedYears`). Until then the
 * calendar refuses to answer for the year (`CALENDAR.YEAR_NOT_COVERED`). A notice may also move days
 * at the end of the previous December (as the 2019 notice did for 2018-12-29…31): the published
 * arrangement carries them, and the registry refuses to change a December day that has already come.
 * Never add a fictional year here: tests use `testing/fictional-arrangement.ts`.
 */
export const CHINA_HOLIDAY_ARRANGEMENTS: readonly HolidayArrangement[] = [
  {
    year: 2014,
    sources: ['国务院办公厅关于2014年部分节假日安排的通知（国办发明电〔2013〕28号，2013-12-11）'],
    holidays: [
      { name: '元旦', from: '2014-01-01', to: '2014-01-01' },
      { name: '春节', from: '2014-01-31', to: '2014-02-06' },
      { name: '清明节', from: '2014-04-05', to: '2014-04-07' },
      { name: '劳动节', from: '2014-05-01', to: '2014-05-03' },
      { name: '端午节', from: '2014-05-31', to: '2014-06-02' },
      { name: '中秋节', from: '2014-09-06', to: '2014-09-08' },
      { name: '国庆节', from: '2014-10-01', to: '2014-10-07' },
    ],
    makeUpWorkingDays: ['2014-01-26', '2014-02-08', '2014-05-04', '2014-09-28', '2014-10-11'],
  },
  {
    year: 2015,
    sources: [
      '国务院办公厅关于2015年部分节假日安排的通知（国办发明电〔2014〕28号，2014-12-16）',
      '国务院关于中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日调休放假的通知（国发明电〔2015〕1号，2015-05-13）',
    ],
    holidays: [
      { name: '元旦', from: '2015-01-01', to: '2015-01-03' },
      { name: '春节', from: '2015-02-18', to: '2015-02-24' },
      { name: '清明节', from: '2015-04-05', to: '2015-04-06' },
      { name: '劳动节', from: '2015-05-01', to: '2015-05-03' },
      { name: '端午节', from: '2015-06-20', to: '2015-06-22' },
      { name: '中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日', from: '2015-09-03', to: '2015-09-05' },
      { name: '中秋节', from: '2015-09-27', to: '2015-09-27' },
      { name: '国庆节', from: '2015-10-01', to: '2015-10-07' },
    ],
    makeUpWorkingDays: ['2015-01-04', '2015-02-15', '2015-02-28', '2015-09-06', '2015-10-10'],
  },
  {
    year: 2016,
    sources: ['国务院办公厅关于2016年部分节假日安排的通知（国办发明电〔2015〕18号，2015-12-10）'],
    holidays: [
      { name: '元旦', from: '2016-01-01', to: '2016-01-03' },
      { name: '春节', from: '2016-02-07', to: '2016-02-13' },
      { name: '清明节', from: '2016-04-02', to: '2016-04-04' },
      { name: '劳动节', from: '2016-05-01', to: '2016-05-02' },
      { name: '端午节', from: '2016-06-09', to: '2016-06-11' },
      { name: '中秋节', from: '2016-09-15', to: '2016-09-17' },
      { name: '国庆节', from: '2016-10-01', to: '2016-10-07' },
    ],
    makeUpWorkingDays: ['2016-02-06', '2016-02-14', '2016-06-12', '2016-09-18', '2016-10-08', '2016-10-09'],
  },
  {
    year: 2017,
    sources: ['国务院办公厅关于2017年部分节假日安排的通知（国办发明电〔2016〕17号，2016-12-01）'],
    holidays: [
      { name: '元旦', from: '2017-01-01', to: '2017-01-02' },
      { name: '春节', from: '2017-01-27', to: '2017-02-02' },
      { name: '清明节', from: '2017-04-02', to: '2017-04-04' },
      { name: '劳动节', from: '2017-04-29', to: '2017-05-01' },
      { name: '端午节', from: '2017-05-28', to: '2017-05-30' },
      { name: '中秋节、国庆节', from: '2017-10-01', to: '2017-10-08' },
    ],
    makeUpWorkingDays: ['2017-01-22', '2017-02-04', '2017-04-01', '2017-05-27', '2017-09-30'],
  },
  {
    year: 2018,
    sources: ['国务院办公厅关于2018年部分节假日安排的通知（国办发明电〔2017〕12号，2017-11-30）'],
    holidays: [
      { name: '元旦', from: '2017-12-30', to: '2018-01-01' },
      { name: '春节', from: '2018-02-15', to: '2018-02-21' },
      { name: '清明节', from: '2018-04-05', to: '2018-04-07' },
      { name: '劳动节', from: '2018-04-29', to: '2018-05-01' },
      { name: '端午节', from: '2018-06-16', to: '2018-06-18' },
      { name: '中秋节', from: '2018-09-22', to: '2018-09-24' },
      { name: '国庆节', from: '2018-10-01', to: '2018-10-07' },
    ],
    makeUpWorkingDays: ['2018-02-11', '2018-02-24', '2018-04-08', '2018-04-28', '2018-09-29', '2018-09-30'],
  },
  {
    year: 2019,
    sources: [
      '国务院办公厅关于2019年部分节假日安排的通知（国办发明电〔2018〕15号，2018-12-04）',
      '国务院办公厅关于调整2019年劳动节假期安排的通知（国办发明电〔2019〕3号，2019-03-22）',
    ],
    holidays: [
      { name: '元旦', from: '2018-12-30', to: '2019-01-01' },
      { name: '春节', from: '2019-02-04', to: '2019-02-10' },
      { name: '清明节', from: '2019-04-05', to: '2019-04-07' },
      { name: '劳动节', from: '2019-05-01', to: '2019-05-04' },
      { name: '端午节', from: '2019-06-07', to: '2019-06-09' },
      { name: '中秋节', from: '2019-09-13', to: '2019-09-15' },
      { name: '国庆节', from: '2019-10-01', to: '2019-10-07' },
    ],
    makeUpWorkingDays: ['2018-12-29', '2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12'],
  },
  {
    year: 2020,
    sources: [
      '国务院办公厅关于2020年部分节假日安排的通知（国办发明电〔2019〕16号，2019-11-21）',
      '国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号，2020-01-26）：春节假期延长至2月2日，2月3日起正常上班，原定2月1日上班取消',
    ],
    holidays: [
      { name: '元旦', from: '2020-01-01', to: '2020-01-01' },
      { name: '春节', from: '2020-01-24', to: '2020-02-02' },
      { name: '清明节', from: '2020-04-04', to: '2020-04-06' },
      { name: '劳动节', from: '2020-05-01', to: '2020-05-05' },
      { name: '端午节', from: '2020-06-25', to: '2020-06-27' },
      { name: '国庆节、中秋节', from: '2020-10-01', to: '2020-10-08' },
    ],
    makeUpWorkingDays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
  },
  {
    year: 2021,
    sources: ['国务院办公厅关于2021年部分节假日安排的通知（国办发明电〔2020〕27号，2020-11-25）'],
    holidays: [
      { name: '元旦', from: '2021-01-01', to: '2021-01-03' },
      { name: '春节', from: '2021-02-11', to: '2021-02-17' },
      { name: '清明节', from: '2021-04-03', to: '2021-04-05' },
      { name: '劳动节', from: '2021-05-01', to: '2021-05-05' },
      { name: '端午节', from: '2021-06-12', to: '2021-06-14' },
      { name: '中秋节', from: '2021-09-19', to: '2021-09-21' },
      { name: '国庆节', from: '2021-10-01', to: '2021-10-07' },
    ],
    makeUpWorkingDays: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
  },
  {
    year: 2022,
    sources: ['国务院办公厅关于2022年部分节假日安排的通知（2021-10-25）'],
    holidays: [
      { name: '元旦', from: '2022-01-01', to: '2022-01-03' },
      { name: '春节', from: '2022-01-31', to: '2022-02-06' },
      { name: '清明节', from: '2022-04-03', to: '2022-04-05' },
      { name: '劳动节', from: '2022-04-30', to: '2022-05-04' },
      { name: '端午节', from: '2022-06-03', to: '2022-06-05' },
      { name: '中秋节', from: '2022-09-10', to: '2022-09-12' },
      { name: '国庆节', from: '2022-10-01', to: '2022-10-07' },
    ],
    makeUpWorkingDays: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
  },
  {
    year: 2023,
    sources: ['国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号，2022-12-08）'],
    holidays: [
      { name: '元旦', from: '2022-12-31', to: '2023-01-02' },
      { name: '春节', from: '2023-01-21', to: '2023-01-27' },
      { name: '清明节', from: '2023-04-05', to: '2023-04-05' },
      { name: '劳动节', from: '2023-04-29', to: '2023-05-03' },
      { name: '端午节', from: '2023-06-22', to: '2023-06-24' },
      { name: '中秋节、国庆节', from: '2023-09-29', to: '2023-10-06' },
    ],
    makeUpWorkingDays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  {
    year: 2024,
    sources: ['国务院办公厅关于2024年部分节假日安排的通知（2023-10-25）：除夕（2月9日）不放假，仅鼓励安排职工休息'],
    holidays: [
      { name: '元旦', from: '2023-12-30', to: '2024-01-01' },
      { name: '春节', from: '2024-02-10', to: '2024-02-17' },
      { name: '清明节', from: '2024-04-04', to: '2024-04-06' },
      { name: '劳动节', from: '2024-05-01', to: '2024-05-05' },
      { name: '端午节', from: '2024-06-08', to: '2024-06-10' },
      { name: '中秋节', from: '2024-09-15', to: '2024-09-17' },
      { name: '国庆节', from: '2024-10-01', to: '2024-10-07' },
    ],
    makeUpWorkingDays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  {
    year: 2025,
    sources: ['国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）'],
    holidays: [
      { name: '元旦', from: '2025-01-01', to: '2025-01-01' },
      { name: '春节', from: '2025-01-28', to: '2025-02-04' },
      { name: '清明节', from: '2025-04-04', to: '2025-04-06' },
      { name: '劳动节', from: '2025-05-01', to: '2025-05-05' },
      { name: '端午节', from: '2025-05-31', to: '2025-06-02' },
      { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
    ],
    makeUpWorkingDays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    sources: ['国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）'],
    holidays: [
      { name: '元旦', from: '2026-01-01', to: '2026-01-03' },
      { name: '春节', from: '2026-02-15', to: '2026-02-23' },
      { name: '清明节', from: '2026-04-04', to: '2026-04-06' },
      { name: '劳动节', from: '2026-05-01', to: '2026-05-05' },
      { name: '端午节', from: '2026-06-19', to: '2026-06-21' },
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    makeUpWorkingDays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];
