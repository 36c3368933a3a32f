import ExcelJS from 'exceljs';
import type { TestApp } from '@app/testing';
import type { ResponsibilityEnv } from '../src/responsibility.env';
import { startWiredService, type RegistryFixture, type WiredService } from './wired-service';

/**
 * The principal leader's ten things through the running service, its registry view fed over the
 * real broker: open an item, keep its ledger with uploaded evidence, correct a line, complete it
 * at 100%, and print the ledger workbook, against the real PostgreSQL.
 */

describe('ten-things ledgers: kept by the leader and the office, read by the paired commission, printed as a workbook', () => {
  let service: WiredService;
  let app: TestApp<ResponsibilityEnv>;
  let r: RegistryFixture;
  let leader: string;
  let office: string;
  let member: string;
  let commission: string;

  beforeAll(async () => {
    service = await startWiredService();
    ({ app, registry: r } = service);
    leader = app.token([], [], r.leader);
    office = app.token(['unit_officer'], [r.unit], `S-OFF-${r.unit}`);
    member = app.token([], [], r.member);
    commission = app.token(['commission_officer'], [r.commission], `S-JW-${r.unit}`);
  });
  afterAll(() => app?.close());

  const item = (n: number) => `/ten-things/${r.unit}/${r.year}/${n}`;
  const open = (n: number, token = office) =>
    app.request('POST', '/ten-things', { token, body: { unitCode: r.unit, year: r.year, number: n } });

  test('open → ledger lines with evidence → a correction takes the line’s place → complete at 100%; the workbook prints the ledger', async () => {
    expect((await open(1)).status).toBe(201);
    const evidence = await service.upload(office);
    const first = await app.request('POST', `${item(1)}/entries`, {
      token: office,
      body: { day: r.today, text: '主持召开党风廉政建设专题会议', doneBy: [r.leader], attachments: [evidence], progress: 60 },
    });
    expect([first.status, first.body.events]).toEqual([200, ['TenThingsLedgerEntryRecorded']]);
    const corrected = await app.request('POST', `${item(1)}/corrections`, {
      token: office,
      body: {
        day: r.today,
        text: '主持召开党风廉政建设专题会议（含传达学习）',
        doneBy: [r.leader],
        progress: 40,
        supersedes: first.body.entryId,
        reason: '进度填报有误',
      },
    });
    expect([corrected.status, corrected.body.events]).toEqual([200, ['TenThingsLedgerEntryCorrected']]);
    const early = await app.request('POST', `${item(1)}/complete`, { token: leader });
    expect([early.status, early.body.code]).toEqual([409, 'TEN_THINGS.NOT_FINISHED']);
    const last = await app.request('POST', `${item(1)}/entries`, {
      token: leader,
      body: { day: r.today, text: '年度工作总结', doneBy: [r.leader], progress: 100 },
    });
    expect(last.status).toBe(200);
    const completed = await app.request('POST', `${item(1)}/complete`, { token: leader });
    expect([completed.status, completed.body.events]).toEqual([200, ['TenThingsProjectCompleted']]);

    const read = await app.request('GET', item(1), { token: commission });
    expect([read.status, read.headers.get('etag')]).toEqual([200, '"5"']);
    expect(read.body).toMatchObject({ unitCode: r.unit, year: r.year, number: 1, status: 'completed', progress: 100, version: 5 });
    expect(read.body.ledger.map((line: { entryId: string; progress: number }) => [line.entryId, line.progress])).toEqual([
      [corrected.body.entryId, 40],
      [last.body.entryId, 100],
    ]);
    expect(read.body.entryIds).toContain(first.body.entryId);
    const list = await app.request('GET', `/units/${r.unit}/ten-things?year=${r.year}`, { token: office });
    expect(list.body.projects.map((project: { number: number; status: string }) => [project.number, project.status])).toContainEqual([
      1,
      'completed',
    ]);

    const download = await fetch(`${app.url}/units/${r.unit}/ten-things/ledger.xlsx?year=${r.year}`, {
      headers: { authorization: `Bearer ${commission}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await download.arrayBuffer()) as never);
    const cells = workbook.worksheets[0].getSheetValues().flat().map(String);
    expect(cells.some((cell) => cell.includes('中共金水区委'))).toBe(true);
    expect(cells).toContain('主持召开党风廉政建设专题会议（含传达学习）');
    expect(cells).toContain('年度工作总结');
    expect(cells.some((cell) => cell.includes('主持召开党风廉政建设专题会议') && !cell.includes('含传达'))).toBe(false);
  });

  test('a team member and the commission may not keep the ledger; evidence must be uploaded; progress never goes down', async () => {
    const byMember = await open(2, member);
    expect([byMember.status, byMember.body.code]).toEqual([403, 'TEN_THINGS.NOT_PERMITTED']);
    const byCommission = await open(2, commission);
    expect([byCommission.status, byCommission.body.code]).toEqual([403, 'COMMISSION.READ_ONLY']);
    expect((await open(2, leader)).status).toBe(201);
    const line = { day: r.today, text: '开展廉政谈话', doneBy: [r.leader], progress: 50 };
    const unknown = { name: 'x.pdf', mediaType: 'application/pdf', size: 10, sha256: 'e'.repeat(64) };
    const notUploaded = await app.request('POST', `${item(2)}/entries`, { token: office, body: { ...line, attachments: [unknown] } });
    expect([notUploaded.status, notUploaded.body.code]).toEqual([400, 'EVIDENCE.NOT_UPLOADED']);
    const byCommissionLine = await app.request('POST', `${item(2)}/entries`, { token: commission, body: line });
    expect([byCommissionLine.status, byCommissionLine.body.code]).toEqual([403, 'COMMISSION.READ_ONLY']);
    expect((await app.request('POST', `${item(2)}/entries`, { token: office, body: line })).status).toBe(200);
    const down = await app.request('POST', `${item(2)}/entries`, { token: office, body: { ...line, progress: 30 } });
    expect([down.status, down.body.code]).toEqual([422, 'TEN_THINGS.PROGRESS_DECREASED']);
  });

  test('a malformed day is 400 naming the field; an item not opened is 404; another unit’s officer may not read', async () => {
    expect((await open(3)).status).toBe(201);
    const bad = await app.request('POST', `${item(3)}/entries`, {
      token: office,
      body: { day: '2025-13-01', text: '谈话', doneBy: [r.leader], progress: 10 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field)).toContain('day');
    const missing = await app.request('GET', item(9), { token: office });
    expect([missing.status, missing.body.code]).toEqual([404, 'TEN_THINGS.NOT_FOUND']);
    const outsider = app.token(['unit_officer'], ['OTHER-UNIT'], 'S-OUT');
    expect((await app.request('GET', item(3), { token: outsider })).status).toBe(403);
    expect(
      (
        await fetch(`${app.url}/units/${r.unit}/ten-things/ledger.xlsx?year=${r.year}`, {
          headers: { authorization: `Bearer ${outsider}` },
        })
      ).status,
    ).toBe(403);
  });
});
