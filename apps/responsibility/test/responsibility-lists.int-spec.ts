import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { chinaDay } from '@app/domain';
import { RegistryFeed } from '../../../libs/registry-view/src/testing/registry-feed';
import { startResponsibility, type ResponsibilityUnderTest } from './responsibility-test-app';

describe('yearly responsibility lists: drawn from the seed’s duties with the registry’s post holders, edited, exported', () => {
  const run = randomBytes(3).toString('hex').toUpperCase();
  const DIST = `LQ-${run}`;
  const JW = `LJ-${run}`;
  const LEADER = `LL-${run}`;
  const MEMBER = `LM-${run}`;
  const feed = new RegistryFeed();
  // Next year: every deadline of its list lies ahead whatever day the test runs.
  const year = Number(chinaDay(new Date()).slice(0, 4)) + 1;
  let app: ResponsibilityUnderTest;
  let officer: string;

  beforeAll(async () => {
    app = await startResponsibility();
    await feed.connect(app);
    await feed.publish([
      feed.unit(DIST, '中共清单区委员会', 'party_committee', 'district', null),
      feed.unit(JW, '中共清单区纪律检查委员会', 'discipline_commission', 'district', DIST),
      feed.paired(DIST, JW),
      feed.person(LEADER, '赵刚'),
      feed.person(MEMBER, '钱敏'),
      feed.appointed(DIST, LEADER, 'principal_leader'),
      feed.appointed(DIST, MEMBER, 'team_member'),
    ]);
    await feed.until(app, async (view) => (await view.teamOn(DIST, chinaDay(new Date()))).length === 2);
    officer = app.token(['unit_officer'], [DIST], `O-${run}`);
  });
  afterAll(() => app?.close());

  test('generated for a Party committee: §3, §4 and §5 duties with the holders of the posts; amended; printed as XLSX', async () => {
    const generated = await app.request('POST', '/responsibility-lists', { token: officer, body: { unitCode: DIST, year } });
    expect([generated.status, generated.body.events]).toEqual([201, ['ResponsibilityListGenerated']]);
    const list = await app.request('GET', `/responsibility-lists/${DIST}/${year}`, { token: officer });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(10 + 8 + 4);
    const first = list.body.items.find((item: { key: string }) => item.key === 'committee.3.1');
    expect(first).toMatchObject({ subject: 'committee', responsible: [LEADER, MEMBER], responsibleNames: ['赵刚', '钱敏'] });
    expect(list.body.items.find((item: { key: string }) => item.key === 'principal_leader.4.1').responsibleNames).toEqual(['赵刚']);

    const amended = await app.request('POST', `/responsibility-lists/${DIST}/${year}/items/committee.3.1`, {
      token: officer,
      body: { deadline: `${year}-06-30`, requiredEvidence: '专题会议纪要' },
    });
    expect([amended.status, amended.body.events]).toEqual([200, ['ResponsibilityListItemAmended']]);
    const outOfYear = await app.request('POST', `/responsibility-lists/${DIST}/${year}/items/committee.3.1`, {
      token: officer,
      body: { deadline: `${year + 1}-01-15` },
    });
    expect([outOfYear.status, outOfYear.body.code]).toEqual([422, 'LIST.DEADLINE_OUT_OF_YEAR']);

    const file = await fetch(`${app.url}/responsibility-lists/${DIST}/${year}/export.xlsx`, {
      headers: { authorization: `Bearer ${officer}` },
    });
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await file.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A1').value).toBe(`中共清单区委员会${year}年度党风廉政建设责任清单`);
    expect(sheet.rowCount).toBe(3 + 22);
    const rows = [...Array(22).keys()].map((index) => sheet.getRow(4 + index).values as unknown[]);
    expect(rows.find((row) => row[3] === list.body.items[0].title)).toBeDefined();
    expect(rows.some((row) => row[5] === `${year}-06-30` && row[6] === '专题会议纪要' && row[4] === '赵刚、钱敏')).toBe(true);
  });

  test('refused: a second generation, a commission officer, another unit’s officer, a malformed year', async () => {
    const again = await app.request('POST', '/responsibility-lists', { token: officer, body: { unitCode: DIST, year } });
    expect([again.status, again.body.code]).toEqual([409, 'LIST.ALREADY_GENERATED']);
    const commission = app.token(['commission_officer'], [JW], `C-${run}`);
    const byCommission = await app.request('POST', `/responsibility-lists/${DIST}/${year}/items/committee.3.2`, {
      token: commission,
      body: { weight: 5 },
    });
    expect([byCommission.status, byCommission.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    expect((await app.request('GET', `/responsibility-lists/${DIST}/${year}`, { token: commission })).status).toBe(200);
    const stranger = app.token(['unit_officer'], ['ELSEWHERE'], `X-${run}`);
    expect((await app.request('GET', `/responsibility-lists/${DIST}/${year}`, { token: stranger })).status).toBe(403);
    const malformed = await app.request('POST', '/responsibility-lists', { token: officer, body: { unitCode: DIST, year: '二〇二五' } });
    expect([malformed.status, malformed.body.errors[0].field]).toEqual([400, 'year']);
    const unknown = await app.request('POST', '/responsibility-lists', { token: officer, body: { unitCode: `NOPE-${run}`, year } });
    expect([unknown.status, unknown.body.code]).toEqual([409, 'REGISTRY.NOT_CAUGHT_UP']);
  });
});
