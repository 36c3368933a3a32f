import { excel } from '@app/platform';
import { POST_KINDS } from '../units/posts';
import { APPOINTMENT_END_REASONS } from '../units/unit.events';
import { UNIT_KINDS, UNIT_LEVELS } from '../units/unit-kinds';
import { GENDERS } from '../people/person.events';
import { COLUMNS, SHEET_LABELS, SHEET_NAMES, type ColumnSpec, type SheetName } from './import-sheets';

/**
 * The downloadable template: per sheet a row of column ids, a row of Chinese labels (skipped when
 * imported) and example rows that import cleanly together, plus a 说明 sheet of allowed values.
 */

const EXAMPLES: Readonly<Record<SheetName, readonly Readonly<Record<string, string>>[]>> = {
  units: [
    {
      code: 'JS-QW',
      name: '中共郑州市金水区委员会',
      kind: 'party_committee',
      level: 'district',
      parentCode: '',
      jurisdictionCode: '410105',
      effectiveFrom: '2021-01-01',
      supervisorCode: 'JS-JW',
    },
    {
      code: 'JS-JW',
      name: '中共郑州市金水区纪律检查委员会',
      kind: 'discipline_commission',
      level: 'district',
      parentCode: 'JS-QW',
      jurisdictionCode: '410105',
      effectiveFrom: '2021-01-01',
      supervisorCode: '',
    },
  ],
  people: [
    { staffNumber: 'JS-0001', name: '张伟', gender: '男', birthYear: '1972', phone: '0371-65550001', email: 'zhangwei@example.gov.cn' },
  ],
  appointments: [
    {
      unitCode: 'JS-QW',
      staffNumber: 'JS-0001',
      post: 'principal_leader',
      acting: '否',
      effectiveFrom: '2021-06-01',
      effectiveTo: '',
      endReason: '',
      endNote: '',
    },
  ],
};

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  kind: UNIT_KINDS,
  level: UNIT_LEVELS,
  gender: GENDERS,
  post: POST_KINDS,
  endReason: APPOINTMENT_END_REASONS,
};

export async function xlsxTemplate(): Promise<Buffer> {
  const workbook = new (excel().Workbook)();
  workbook.creator = 'org-registry';
  for (const sheet of SHEET_NAMES) {
    const worksheet = workbook.addWorksheet(sheet);
    const columns = COLUMNS[sheet];
    columns.forEach((column, i) => {
      const excelColumn = worksheet.getColumn(i + 1);
      excelColumn.width = Math.max(14, column.id.length + 4, column.label.length * 2 + 4);
      excelColumn.numFmt = '@';
    });
    worksheet.addRow(columns.map((c) => c.id)).font = { bold: true };
    worksheet.addRow(columns.map((c) => c.label)).font = { italic: true, color: { argb: 'FF808080' } };
    for (const example of EXAMPLES[sheet]) worksheet.addRow(columns.map((c) => example[c.id] ?? ''));
    worksheet.views = [{ state: 'frozen', ySplit: 2 }];
  }
  const notes = workbook.addWorksheet('说明');
  notes.columns = [
    { header: 'sheet', width: 14 },
    { header: 'column', width: 18 },
    { header: '名称', width: 16 },
    { header: 'required', width: 10 },
    { header: 'description', width: 70 },
    { header: 'allowed values', width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const sheet of SHEET_NAMES) {
    for (const column of COLUMNS[sheet]) {
      notes.addRow([
        `${sheet} (${SHEET_LABELS[sheet]})`,
        column.id,
        column.label,
        column.required ? 'yes' : 'no',
        column.help,
        allowedValues(column),
      ]);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One sheet as UTF-8 CSV with a BOM, so that Excel opens the Chinese text correctly. */
export function csvTemplate(sheet: SheetName): Buffer {
  const columns = COLUMNS[sheet];
  const lines = [
    columns.map((c) => c.id),
    columns.map((c) => c.label),
    ...EXAMPLES[sheet].map((example) => columns.map((c) => example[c.id] ?? '')),
  ];
  return Buffer.from(`\ufeff${lines.map((cells) => cells.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
}

function allowedValues(column: ColumnSpec): string {
  const values = ALLOWED[column.id];
  if (!values) return column.type === 'day' ? 'YYYY-MM-DD' : column.type === 'boolean' ? '是 / 否' : '';
  const words = new Map<string, string[]>();
  for (const [word, value] of Object.entries(column.aliases ?? {})) words.set(value, [...(words.get(value) ?? []), word]);
  return values.map((value) => (words.has(value) ? `${value} (${words.get(value)!.join('/')})` : value)).join(', ');
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
