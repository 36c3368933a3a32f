import ExcelJS from 'exceljs';
import { detectFormat, parseImportFile, readSheets } from './import-file.parser';

const csv = (text: string, bom = true) => Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf8');

describe('reading an import file', () => {
  it('reads a CSV sheet with a BOM, the Chinese labels row, Chinese words for codes and several date spellings', async () => {
    const file = csv(
      [
        'unitCode,staffNumber,post,acting,effectiveFrom,effectiveTo,endReason',
        '单位代码,人员编号,职务,是否代理,任职日期,离任日期,离任原因',
        'JS-QW,P1,书记,否,2021-01-01,2024/12/31,调任',
        '',
        ' JS-QW ,P2,principal_leader,是,2025年1月1日,,',
      ].join('\r\n'),
    );
    const parsed = await parseImportFile(file, { format: 'csv', sheet: 'appointments' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.sheets).toEqual([{ sheet: 'appointments', rows: 2 }]);
    expect(parsed.rows.appointments).toEqual([
      {
        sheet: 'appointments',
        row: 3,
        values: {
          unitCode: 'JS-QW',
          staffNumber: 'P1',
          post: 'principal_leader',
          acting: false,
          effectiveFrom: '2021-01-01',
          effectiveTo: '2024-12-31',
          endReason: 'transferred',
        },
      },
      {
        sheet: 'appointments',
        row: 5,
        values: { unitCode: 'JS-QW', staffNumber: 'P2', post: 'principal_leader', acting: true, effectiveFrom: '2025-01-01' },
      },
    ]);
  });

  it('reads CSV saved by Chinese Excel in GB18030', async () => {
    const gb18030 = Buffer.from(
      '73746166664e756d6265722c6e616d652c67656e6465722c6269727468596561720d0a5030312cd5c5ceb02cc4d02c31393732',
      'hex',
    );
    const parsed = await parseImportFile(gb18030, { format: 'csv', sheet: 'people' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.people[0]?.values).toEqual({ staffNumber: 'P01', name: '张伟', gender: 'male', birthYear: 1972 });
  });

  it('names each unreadable cell with its row and column, and keeps what it could read', async () => {
    const file = csv(
      ['staffNumber,name,gender,birthYear,phone', 'P1,张伟,男,1972,', 'P2,李娜,女,一九七五,', 'P3,,female,1980,'].join('\n'),
      false,
    );
    const parsed = await parseImportFile(file, { format: 'csv', sheet: 'people' });
    expect(parsed.errors).toEqual([
      { sheet: 'people', row: 3, column: 'birthYear', code: 'IMPORT.BAD_NUMBER', message: 'birthYear is not a whole number.' },
      { sheet: 'people', row: 4, column: 'name', code: 'IMPORT.MISSING_VALUE', message: expect.any(String) },
    ]);
    expect(parsed.rows.people.map((r) => r.row)).toEqual([2]);
    expect(parsed.unreadable).toEqual([
      { sheet: 'people', row: 3, values: { staffNumber: 'P2', name: '李娜', gender: 'female' } },
      { sheet: 'people', row: 4, values: { staffNumber: 'P3', gender: 'female', birthYear: 1980 } },
    ]);
    expect(parsed.total).toBe(3);
  });

  it('refuses a sheet without a required column, naming the header row', () => {
    const parsed = readSheets([
      {
        sheet: 'units',
        rows: [
          { number: 1, cells: ['code', 'name', 'kind', 'level', 'effectiveFrom'] },
          { number: 2, cells: ['A', 'B', 'party_committee', 'district', '2020-01-01'] },
        ],
      },
    ]);
    expect(parsed.errors).toEqual([
      { sheet: 'units', row: 1, column: 'jurisdictionCode', code: 'IMPORT.MISSING_COLUMN', message: expect.any(String) },
    ]);
    expect(parsed.rows.units).toEqual([]);
    expect(parsed.total).toBe(1);
  });

  it('refuses an unknown column but lets 序号, 备注 and #-columns through', () => {
    const header = ['序号', 'staffNumber', 'name', 'gender', 'birthYear', '#mine', '备注', 'nickname'];
    const parsed = readSheets([
      {
        sheet: 'people',
        rows: [
          { number: 1, cells: header },
          { number: 2, cells: ['1', 'P1', '张伟', 'male', '1970', 'x', 'y', 'z'] },
        ],
      },
    ]);
    expect(parsed.errors.map((e) => [e.code, e.column])).toEqual([['IMPORT.UNKNOWN_COLUMN', 'nickname']]);
    expect(parsed.rows.people).toHaveLength(1);
  });

  it('says so when a workbook has none of the sheets', () => {
    expect(readSheets([]).errors.map((e) => e.code)).toEqual(['IMPORT.NO_SHEETS']);
  });

  it('reads an XLSX workbook: title row, date cells, numbers as codes, rich text, sheets in any order, other sheets ignored', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['anything']);
    const people = workbook.addWorksheet('People');
    people.addRow(['staffNumber', 'name', 'gender', 'birthYear']);
    people.addRow([10023, { richText: [{ text: '王' }, { text: '芳' }] }, 'female', 1980]);
    const units = workbook.addWorksheet('单位');
    units.addRow(['金水区单位名册']);
    units.addRow(['code', 'name', 'kind', 'level', 'parentCode', 'jurisdictionCode', 'effectiveFrom']);
    units.addRow(['JS-QW', '中共郑州市金水区委员会', '党委', '区县', null, 410105, new Date(Date.UTC(2021, 0, 1, 20, 30))]);
    units.addRow(['JS-X', '某单位', 'township', 'township', 'JS-QW', '410105', 45658]);
    const parsed = await parseImportFile(Buffer.from(await workbook.xlsx.writeBuffer()), { format: 'xlsx' });
    expect(parsed.sheets).toEqual([
      { sheet: 'units', rows: 2 },
      { sheet: 'people', rows: 1 },
    ]);
    expect(parsed.rows.units).toEqual([
      {
        sheet: 'units',
        row: 3,
        values: {
          code: 'JS-QW',
          name: '中共郑州市金水区委员会',
          kind: 'party_committee',
          level: 'district',
          jurisdictionCode: '410105',
          effectiveFrom: '2021-01-01',
        },
      },
    ]);
    expect(parsed.errors).toEqual([
      { sheet: 'units', row: 4, column: 'effectiveFrom', code: 'IMPORT.BAD_DATE', message: expect.stringContaining('YYYY-MM-DD') },
    ]);
    expect(parsed.rows.people[0]?.values).toEqual({ staffNumber: '10023', name: '王芳', gender: 'female', birthYear: 1980 });
  });

  it('tells XLSX, legacy XLS and text apart by their first bytes', () => {
    expect(detectFormat(Buffer.from('504b030414000600', 'hex'))).toBe('xlsx');
    expect(detectFormat(Buffer.from('d0cf11e0a1b11ae1', 'hex'))).toBe('xls');
    expect(detectFormat(csv('code,name'))).toBe('csv');
  });

  it('reports a file that is not a workbook at all', async () => {
    const parsed = await parseImportFile(Buffer.from('504b0304deadbeef', 'hex'), { format: 'xlsx' });
    expect(parsed.errors.map((e) => e.code)).toEqual(['IMPORT.UNREADABLE_FILE']);
  });
});
