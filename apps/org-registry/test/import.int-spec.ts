import ExcelJS from 'exceljs';
import { EventSourcing } from '@app/eventstore';
import type { TestApp } from '@app/testing';
import { ImportService } from '../src/imports/import.service';
import type { RegistryEnv } from '../src/registry.env';
import { runCodes, startRegistry } from './registry-test-app';

const { run } = runCodes();

const UNIT_COLUMNS = ['code', 'name', 'kind', 'level', 'parentCode', 'jurisdictionCode', 'effectiveFrom', 'supervisorCode'] as const;
const PEOPLE_COLUMNS = ['staffNumber', 'name', 'gender', 'birthYear', 'phone', 'email'] as const;
const APPOINTMENT_COLUMNS = ['unitCode', 'staffNumber', 'post', 'acting', 'effectiveFrom', 'effectiveTo', 'endReason'] as const;

type Row = Record<string, string | number | Date | undefined>;

interface District {
  readonly units: Row[];
  readonly people: Row[];
  readonly appointments: Row[];
  readonly code: (name: string) => string;
}

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国庆文斌宇浩凯健俊帆帅旭宁龙林欣怡佳琪子涵梓轩雨婷思远晨阳海波志诚';

/**
 * A district as its organisation department keeps it: the district committee and commission, 20
 * townships (committee, commission, government, one institution), 50 departments (department,
 * Party group, two schools), 10 inspection groups; about 2,000 appointments, some of them ended,
 * one person each. Unit rows are shuffled, so children often come before their parents.
 */
function district(prefix: string, townships = 20, departments = 50): District {
  const code = (name: string) => `${prefix}-${name}`;
  const units: Row[] = [];
  const people: Row[] = [];
  const appointments: Row[] = [];
  const addUnit = (name: string, label: string, kind: string, level: string, parent: string | null, supervisor?: string) =>
    units.push({
      code: code(name),
      name: label,
      kind,
      level,
      parentCode: parent ? code(parent) : undefined,
      jurisdictionCode: '410105',
      effectiveFrom: '2016-01-01',
      supervisorCode: supervisor ? code(supervisor) : undefined,
    });
  const appoint = (unit: string, post: string, count: number, ended = 0) => {
    for (let i = 0; i < count; i++) {
      const n = people.length + 1;
      const staffNumber = `${prefix}-P${String(n).padStart(5, '0')}`;
      people.push({
        staffNumber,
        name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}${n % 3 === 0 ? '' : GIVEN[(n * 13) % GIVEN.length]}`,
        gender: n % 2 === 0 ? '女' : 'male',
        birthYear: 1960 + (n % 35),
        phone: `0371-6${String(n).padStart(7, '0')}`,
        email: n % 4 === 0 ? `p${n}@example.gov.cn` : undefined,
      });
      const isEnded = i < ended;
      appointments.push({
        unitCode: code(unit),
        staffNumber,
        post,
        acting: n % 50 === 0 && !isEnded ? '是' : '否',
        effectiveFrom: isEnded ? '2016-03-01' : n % 5 === 0 ? new Date(Date.UTC(2021, 2, 1)) : '2021-03-01',
        effectiveTo: isEnded ? '2020-12-31' : undefined,
        endReason: isEnded ? (n % 2 === 0 ? '调任' : 'term_expired') : undefined,
      });
    }
  };
  addUnit('QW', '中共某某区委员会', 'party_committee', 'district', null, 'JW');
  addUnit('JW', '中共某某区纪律检查委员会', 'discipline_commission', 'district', 'QW');
  appoint('QW', 'principal_leader', 2, 1);
  appoint('QW', 'deputy_secretary', 2);
  appoint('QW', 'team_member', 9);
  appoint('JW', 'commission_secretary', 2, 1);
  appoint('JW', 'commission_deputy', 2);
  appoint('JW', 'team_member', 5);
  for (let t = 1; t <= townships; t++) {
    addUnit(`T${t}-DW`, `中共某某区第${t}镇委员会`, 'party_committee', 'township', 'QW', `T${t}-JW`);
    addUnit(`T${t}-JW`, `中共某某区第${t}镇纪律检查委员会`, 'discipline_commission', 'township', `T${t}-DW`);
    addUnit(`T${t}-ZF`, `某某区第${t}镇人民政府`, 'township', 'township', `T${t}-DW`);
    addUnit(`T${t}-WSY`, `某某区第${t}镇卫生院`, 'enterprise_institution', 'township', `T${t}-ZF`);
    appoint(`T${t}-DW`, 'principal_leader', 2, 1);
    appoint(`T${t}-DW`, 'deputy_secretary', 2);
    appoint(`T${t}-DW`, 'team_member', 9);
    appoint(`T${t}-JW`, 'commission_secretary', 1);
    appoint(`T${t}-JW`, 'team_member', 2);
    appoint(`T${t}-ZF`, 'department_head', 2, 1);
    appoint(`T${t}-ZF`, 'team_member', 7);
    appoint(`T${t}-WSY`, 'department_head', 1);
    appoint(`T${t}-WSY`, 'team_member', 2);
  }
  const groups = Math.ceil(departments / 5);
  for (let g = 1; g <= groups; g++) {
    addUnit(`G${g}`, `区纪委监委派驻第${g}纪检监察组`, 'discipline_inspection_group', 'department', 'JW');
    appoint(`G${g}`, 'inspection_group_head', 1);
    appoint(`G${g}`, 'team_member', 3);
  }
  for (let d = 1; d <= departments; d++) {
    addUnit(`D${d}`, `某某区第${d}局`, 'government_department', 'department', 'QW');
    addUnit(`D${d}-DZ`, `中共某某区第${d}局党组`, 'party_group', 'department', `D${d}`, `G${Math.ceil(d / 5)}`);
    appoint(`D${d}`, 'department_head', 2, 1);
    appoint(`D${d}`, 'team_member', 7);
    appoint(`D${d}-DZ`, 'principal_leader', 1);
    appoint(`D${d}-DZ`, 'deputy_secretary', 1);
    appoint(`D${d}-DZ`, 'team_member', 4);
    for (const s of [1, 2]) {
      addUnit(`D${d}-S${s}`, `某某区第${d}局所属第${s}学校`, 'enterprise_institution', 'department', `D${d}`);
      appoint(`D${d}-S${s}`, 'department_head', 1);
      appoint(`D${d}-S${s}`, 'team_member', 5);
    }
  }
  return { units: shuffled(units), people, appointments, code };
}

/** A fixed shuffle (a small LCG), so that runs are comparable. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 42;
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

async function workbook(sheets: { units?: Row[]; people?: Row[]; appointments?: Row[] }): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const add = (name: string, columns: readonly string[], rows: Row[] | undefined) => {
    if (!rows) return;
    const sheet = book.addWorksheet(name);
    sheet.addRow([...columns]);
    for (const row of rows) sheet.addRow(columns.map((c) => row[c] ?? null));
  };
  add('units', UNIT_COLUMNS, sheets.units);
  add('people', PEOPLE_COLUMNS, sheets.people);
  add('appointments', APPOINTMENT_COLUMNS, sheets.appointments);
  return Buffer.from(await book.xlsx.writeBuffer());
}

function csv(columns: readonly string[], rows: Row[]): Buffer {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => String(row[c] ?? '')).join(','))];
  return Buffer.from(`\ufeff${lines.join('\n')}\n`);
}

describe('bulk import into the organisation registry', () => {
  let registry: TestApp<RegistryEnv>;
  let admin: string;

  beforeAll(async () => {
    ({ app: registry, admin } = await startRegistry('p-importer'));
  });
  afterAll(() => registry?.close());

  const get = (path: string, token = admin) => registry.request('GET', path, { token });

  async function upload(file: Buffer, fileName: string, query = '', token = admin) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), fileName);
    const response = await fetch(`${registry.url}/imports${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any };
  }

  /** Polls the job until it is finished; returns it with the progress seen on the way. */
  async function finished(id: string, timeoutMs = 240_000) {
    const seen: { status: string; applied: number; at: number }[] = [];
    const started = Date.now();
    for (;;) {
      const job = (await get(`/imports/${id}`)).body;
      if (seen.at(-1)?.status !== job.status || seen.at(-1)?.applied !== job.applied)
        seen.push({ status: job.status, applied: job.applied, at: Date.now() - started });
      if (!['validating', 'applying'].includes(job.status)) return { job, seen };
      if (Date.now() - started > timeoutMs)
        throw new Error(`import ${id} still ${job.status} after ${timeoutMs} ms: ${JSON.stringify(job)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function importFile(file: Buffer, fileName: string, query = '') {
    const accepted = await upload(file, fileName, query);
    expect(accepted.status).toBe(202);
    return finished(accepted.body.id);
  }

  /**
   * The last seal sequence number of the log, read through the audit feed, once every committed
   * event is sealed (commands answer before sealing; a transaction still open in the service's
   * database, e.g. a progress update, holds sealing back for a moment).
   */
  async function auditEnd(after = 0): Promise<{ seq: number; count: number }> {
    const sourcing = registry.app.get(EventSourcing);
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      await sourcing.sealer.sealPending();
      const { rows } = await sourcing.pool.query<{ unsealed: boolean }>(
        'SELECT EXISTS (SELECT 1 FROM es_events e WHERE NOT EXISTS (SELECT 1 FROM es_seal s WHERE s.position = e.position)) AS unsealed',
      );
      if (!rows[0].unsealed) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    let seq = after;
    let count = 0;
    for (;;) {
      const page = await get(`/audit/events?after=${seq}&limit=1000`);
      count += page.body.events.length;
      if (page.body.events.length === 0) return { seq, count };
      seq = page.body.next;
    }
  }

  const countNodes = (nodes: { children: unknown[] }[]): number =>
    nodes.reduce((sum, node) => sum + 1 + countNodes(node.children as { children: unknown[] }[]), 0);

  describe('a district of about 300 units and 2,000 appointments', () => {
    const big = district(`B${run}`);
    let file: Buffer;
    let first: Awaited<ReturnType<typeof finished>>;
    let logEnd: { seq: number; count: number };
    let elapsed: number;

    beforeAll(async () => {
      file = await workbook(big);
      const before = await auditEnd();
      const started = Date.now();
      first = await importFile(file, '某某区组织机构.xlsx');
      elapsed = Date.now() - started;
      logEnd = await auditEnd(before.seq);
      const validated = first.seen.find((s) => s.status === 'applying')?.at;
      console.log(
        `imported ${big.units.length} units, ${big.people.length} people, ${big.appointments.length} appointments (${first.job.total} rows, ${logEnd.count} events) ` +
          `in ${elapsed} ms (validated after ${validated} ms); progress seen: ${first.seen.map((s) => `${s.status}:${s.applied}@${s.at}`).join(' ')}`,
      );
    }, 300_000);

    it('applies every row and reports progress on the way', () => {
      const ended = big.appointments.filter((a) => a.effectiveTo).length;
      const pairings = big.units.filter((u) => u.supervisorCode).length;
      expect(first.job).toMatchObject({
        status: 'completed',
        fileName: '某某区组织机构.xlsx',
        sheets: [
          { sheet: 'units', rows: big.units.length },
          { sheet: 'people', rows: big.people.length },
          { sheet: 'appointments', rows: big.appointments.length },
        ],
        total: big.units.length + big.people.length + big.appointments.length,
        validated: big.units.length + big.people.length + big.appointments.length,
        applied: big.units.length + big.people.length + big.appointments.length,
        unchanged: 0,
        errors: [],
      });
      expect(big.units.length).toBeGreaterThanOrEqual(290);
      expect(big.appointments.length).toBeGreaterThanOrEqual(1_950);
      expect(logEnd.count).toBe(big.units.length + pairings + big.people.length + big.appointments.length + ended);
      expect(first.seen.some((s) => s.status === 'applying' && s.applied > 0 && s.applied < first.job.total)).toBe(true);
    });

    it('fills the read models: the whole tree, teams, and who was responsible on a day', async () => {
      const tree = await get(`/units?root=${big.code('QW')}&on=2025-06-30`);
      expect(countNodes(tree.body.units)).toBe(big.units.length);
      const clinic = big.code('T7-WSY');
      const now = await get(`/units/${clinic}/responsibility-chain?on=2025-06-30`);
      const holder = (unit: string, post: string, ended: boolean) =>
        big.appointments.find((a) => a.unitCode === big.code(unit) && a.post === post && Boolean(a.effectiveTo) === ended)!.staffNumber;
      expect(now.body).toMatchObject({
        unit: { code: clinic, head: { staffNumber: holder('T7-WSY', 'department_head', false) } },
        responsible: {
          committee: { code: big.code('T7-DW'), principalLeader: { staffNumber: holder('T7-DW', 'principal_leader', false) } },
          commission: { code: big.code('T7-JW'), secretary: { staffNumber: holder('T7-JW', 'commission_secretary', false) } },
        },
        higher: {
          committee: { code: big.code('QW'), principalLeader: { staffNumber: holder('QW', 'principal_leader', false) } },
          commission: { code: big.code('JW') },
        },
      });
      const past = await get(`/units/${clinic}/responsibility-chain?on=2019-06-30`);
      expect(past.body.responsible.committee.principalLeader.staffNumber).toBe(holder('T7-DW', 'principal_leader', true));
      expect(past.body.higher.commission.secretary.staffNumber).toBe(holder('JW', 'commission_secretary', true));
      const group = await get(`/units/${big.code('D12-DZ')}/responsibility-chain?on=2025-06-30`);
      expect(group.body.responsible.commission.code).toBe(big.code('G3'));
      const team = await get(`/units/${big.code('D12')}/team?on=2025-06-30`);
      expect(team.body.team).toHaveLength(8);
      const person = await get(`/people/${holder('D12', 'department_head', true)}/appointments`);
      expect(person.body.appointments).toEqual([expect.objectContaining({ unitCode: big.code('D12'), effectiveTo: '2020-12-31' })]);
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await auditEnd();
      const { job } = await importFile(file, '某某区组织机构（再次）.xlsx');
      expect(job).toMatchObject({ status: 'completed', total: first.job.total, applied: 0, unchanged: first.job.total, errors: [] });
      expect(await auditEnd(before.seq)).toEqual({ seq: before.seq, count: 0 });
    }, 120_000);

    it('applies only what is new in a file that overlaps the registry', async () => {
      const before = await auditEnd();
      const open = big.appointments.find((a) => a.unitCode === big.code('D20') && a.post === 'department_head' && !a.effectiveTo)!;
      const member = big.appointments.find((a) => a.unitCode === big.code('D20') && a.post === 'team_member')!;
      const rows: Row[] = [
        { ...member, effectiveFrom: '2021-03-01' },
        { ...open, effectiveFrom: '2021-03-01', effectiveTo: '2025-05-31', endReason: 'retired' },
        { unitCode: big.code('D21'), staffNumber: member.staffNumber, post: 'team_member', acting: '否', effectiveFrom: '2025-06-01' },
      ];
      const { job } = await importFile(csv(APPOINTMENT_COLUMNS, rows), 'overlap.csv', '?sheet=appointments');
      expect(job).toMatchObject({ status: 'completed', total: 3, applied: 2, unchanged: 1, errors: [] });
      expect((await auditEnd(before.seq)).count).toBe(2);
      const holders = await get(`/units/${big.code('D20')}/posts/department_head?on=2025-06-30`);
      expect(holders.body.holders).toEqual([]);
    }, 60_000);

    it('rejects a file with bad rows, names each, and writes nothing', async () => {
      const before = await auditEnd();
      const good = (i: number): Row => ({
        code: big.code(`NEW${i}`),
        name: `新设机构${i}`,
        kind: 'government_department',
        level: 'department',
        parentCode: big.code('QW'),
        jurisdictionCode: '410105',
        effectiveFrom: '2025-01-01',
      });
      const units = [
        good(1),
        good(2),
        { ...good(3), effectiveFrom: '2025-02-30' },
        { ...good(4), parentCode: `${big.code('NOWHERE')}` },
        good(5),
        good(5),
        { ...good(6), kind: '委员会' },
      ];
      const appointments: Row[] = [
        {
          unitCode: big.code('NEW1'),
          staffNumber: big.people[0].staffNumber,
          post: 'department_head',
          acting: '否',
          effectiveFrom: '2025-01-01',
        },
        {
          unitCode: big.code('NEW2'),
          staffNumber: big.people[1].staffNumber,
          post: 'principal_leader',
          acting: '否',
          effectiveFrom: '2025-01-01',
        },
        {
          unitCode: big.code('NEW3'),
          staffNumber: big.people[2].staffNumber,
          post: 'department_head',
          acting: '否',
          effectiveFrom: '2025-01-01',
        },
      ];
      const { job } = await importFile(await workbook({ units, appointments }), 'bad.xlsx');
      expect(job.status).toBe('rejected');
      expect(
        job.errors.map((e: { sheet: string; row: number; column?: string; code: string }) => [e.sheet, e.row, e.column, e.code]),
      ).toEqual([
        ['units', 4, 'effectiveFrom', 'IMPORT.BAD_DATE'],
        ['units', 5, 'parentCode', 'UNIT.PARENT_NOT_FOUND'],
        ['units', 7, undefined, 'IMPORT.DUPLICATE_ROW'],
        ['units', 8, 'kind', 'UNIT.INVALID_KIND'],
        ['appointments', 3, 'post', 'APPOINTMENT.POST_NOT_IN_UNIT_KIND'],
        ['appointments', 4, 'unitCode', 'IMPORT.DEPENDS_ON_FAILED_ROW'],
      ]);
      expect(job.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
      expect(await auditEnd(before.seq)).toEqual({ seq: before.seq, count: 0 });
      expect((await get(`/units/${big.code('NEW1')}`)).status).toBe(404);
    }, 60_000);
  });

  it('finishes an import interrupted while applying, without writing anything twice', async () => {
    const small = district(`R${run}`, 4, 10);
    const service = registry.app.get(ImportService);
    const before = await auditEnd();
    const accepted = await upload(await workbook(small), 'interrupted.xlsx');
    let job: any;
    do {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = (await get(`/imports/${accepted.body.id}`)).body;
    } while (job.status === 'validating' || (job.status === 'applying' && job.applied < 20));
    await service.pause();
    const paused = (await get(`/imports/${accepted.body.id}`)).body;
    expect(paused.status).toBe('applying');
    expect(paused.applied).toBeLessThan(paused.total);
    await service.resumeUnfinished();
    const { job: done } = await finished(accepted.body.id);
    expect(done).toMatchObject({ status: 'completed', applied: done.total, unchanged: 0, errors: [] });
    const ended = small.appointments.filter((a) => a.effectiveTo).length;
    const pairings = small.units.filter((u) => u.supervisorCode).length;
    expect((await auditEnd(before.seq)).count).toBe(
      small.units.length + pairings + small.people.length + small.appointments.length + ended,
    );
    const qw = await get(`/audit/streams/unit-${small.code('QW')}`);
    expect(qw.body.version).toBe(1 + 1 + small.appointments.filter((a) => a.unitCode === small.code('QW')).length + 1);
  }, 120_000);

  it('serves a template that imports cleanly, as XLSX and as CSV per sheet', async () => {
    const response = await fetch(`${registry.url}/imports/template.xlsx`, { headers: { authorization: `Bearer ${admin}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const template = Buffer.from(await response.arrayBuffer());
    const { job } = await importFile(template, 'template.xlsx');
    expect(job).toMatchObject({ status: 'completed', total: 4, applied: 4, errors: [] });
    expect((await get('/units/JS-QW/responsibility-chain')).body.responsible).toMatchObject({
      committee: { principalLeader: { staffNumber: 'JS-0001' } },
      commission: { code: 'JS-JW' },
    });
    for (const [sheet, rows] of [
      ['units', 2],
      ['people', 1],
      ['appointments', 1],
    ] as const) {
      const csvResponse = await fetch(`${registry.url}/imports/template/${sheet}.csv`, { headers: { authorization: `Bearer ${admin}` } });
      expect(csvResponse.status).toBe(200);
      const { job: again } = await importFile(Buffer.from(await csvResponse.arrayBuffer()), `${sheet}.csv`, `?sheet=${sheet}`);
      expect(again).toMatchObject({ status: 'completed', total: rows, applied: 0, unchanged: rows });
    }
    expect((await get('/imports/template/staff.csv')).status).toBe(404);
  }, 60_000);

  it('refuses uploads it cannot take, with a clear 4xx', async () => {
    expect((await upload(Buffer.from('code,name\n'), 'units.csv')).body.code).toBe('IMPORT.SHEET_REQUIRED');
    const xls = await upload(Buffer.from('d0cf11e0a1b11ae1000000', 'hex'), 'old.xls');
    expect([xls.status, xls.body.code]).toEqual([415, 'IMPORT.UNSUPPORTED_FORMAT']);
    const none = await fetch(`${registry.url}/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: new FormData(),
    });
    expect([none.status, ((await none.json()) as { code: string }).code]).toEqual([400, 'IMPORT.FILE_REQUIRED']);
    const tooLarge = await upload(Buffer.alloc(20 * 1024 * 1024 + 1, 0x41), 'huge.csv', '?sheet=units');
    expect([tooLarge.status, tooLarge.body.code]).toEqual([413, 'REQUEST.TOO_LARGE']);
    const badSheet = await upload(Buffer.from('code\n'), 'x.csv', '?sheet=staff');
    expect(badSheet.status).toBe(400);
    const officer = registry.token(['unit_officer'], ['ANY']);
    expect((await upload(Buffer.from('code\n'), 'x.csv', '?sheet=units', officer)).status).toBe(403);
    expect((await get('/imports/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('/imports/not-a-uuid')).status).toBe(404);
  });

  it('rejects an unreadable file with a report, not an error', async () => {
    const { job } = await importFile(Buffer.from('504b0304deadbeef', 'hex'), 'broken.xlsx');
    expect(job).toMatchObject({ status: 'rejected', errors: [{ code: 'IMPORT.UNREADABLE_FILE' }] });
    const listed = await get('/imports');
    expect(listed.body.imports.map((j: { fileName: string }) => j.fileName)).toContain('broken.xlsx');
  });
});
