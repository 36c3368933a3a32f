import { addPrintedSheet, excel, type PrintedColumn } from '@app/platform';

export const SUBJECT_LABELS: Readonly<Record<string, string>> = {
  committee: '党委（党组）领导班子',
  principal_leader: '主要负责人',
  team_member: '班子成员',
  commission: '纪委（纪检组）',
};

export const STATUS_LABELS: Readonly<Record<string, string>> = {
  on_track: '正常推进',
  due_soon: '临期预警',
  overdue: '逾期',
  done_late: '逾期完成',
  done: '已完成',
};

/** One item of a unit's responsibility list as printed, with its status on the day of the export. */
export interface ListItemLine {
  readonly key: string;
  readonly subject: string;
  readonly title: string;
  /** Names of the responsible persons, as of the export day. */
  readonly responsible: readonly string[];
  readonly deadline: string;
  readonly requiredEvidence: string;
  readonly weight: number;
  readonly status: string;
  readonly doneOn?: string;
}

/** One dated entry of a ten-things ledger as printed. */
export interface LedgerLine {
  readonly itemNumber: number;
  readonly itemTitle: string;
  readonly day: string;
  readonly text: string;
  readonly recordedBy: string;
  readonly attachments: readonly string[];
  readonly progress: number;
  readonly status: string;
}

export interface ExportHeading {
  readonly unitName: string;
  readonly unitCode: string;
  readonly year: number;
  /** The day the figures are as of (CST). */
  readonly asOf: string;
}

const LIST_COLUMNS: readonly PrintedColumn<ListItemLine>[] = [
  { header: '序号', width: 6, value: (_, index) => index + 1 },
  { header: '责任主体', width: 16, wrap: true, value: (row) => SUBJECT_LABELS[row.subject] ?? row.subject },
  { header: '责任事项', width: 48, wrap: true, value: (row) => row.title },
  { header: '责任人', width: 16, wrap: true, value: (row) => row.responsible.join('、') },
  { header: '完成时限', width: 12, value: (row) => row.deadline },
  { header: '佐证材料要求', width: 28, wrap: true, value: (row) => row.requiredEvidence },
  { header: '权重', width: 7, value: (row) => row.weight },
  { header: '状态', width: 10, value: (row) => STATUS_LABELS[row.status] ?? row.status },
  { header: '完成日期', width: 12, value: (row) => row.doneOn ?? '' },
];

const LEDGER_COLUMNS: readonly PrintedColumn<LedgerLine>[] = [
  { header: '序号', width: 6, value: (_, index) => index + 1 },
  { header: '事项', width: 26, wrap: true, value: (row) => `${row.itemNumber}. ${row.itemTitle}` },
  { header: '日期', width: 12, value: (row) => row.day },
  { header: '工作内容', width: 50, wrap: true, value: (row) => row.text },
  { header: '记录人', width: 10, value: (row) => row.recordedBy },
  { header: '佐证材料', width: 26, wrap: true, value: (row) => row.attachments.join('\n') },
  { header: '进度', width: 8, value: (row) => `${row.progress}%` },
  { header: '状态', width: 10, value: (row) => STATUS_LABELS[row.status] ?? row.status },
];

function particulars(heading: ExportHeading): string {
  return `单位：${heading.unitName}（${heading.unitCode}）    统计截至：${heading.asOf}`;
}

/** The year's responsibility list of a unit with each item's status: 年度党风廉政建设责任清单. */
export async function yearListWorkbook(heading: ExportHeading, items: readonly ListItemLine[]): Promise<Buffer> {
  const workbook = new (excel().Workbook)();
  workbook.creator = 'two-responsibilities';
  addPrintedSheet(workbook, {
    name: '责任清单',
    title: `${heading.unitName}${heading.year}年度党风廉政建设责任清单`,
    particulars: particulars(heading),
    columns: LIST_COLUMNS,
    rows: items,
    statusOf: (row) => row.status,
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The principal leader's ten-things ledger of a unit: 主要负责人"十件事"工作台账. */
export async function ledgerWorkbook(heading: ExportHeading, lines: readonly LedgerLine[]): Promise<Buffer> {
  const workbook = new (excel().Workbook)();
  workbook.creator = 'two-responsibilities';
  addPrintedSheet(workbook, {
    name: '工作台账',
    title: `${heading.unitName}${heading.year}年度主要负责人“十件事”工作台账`,
    particulars: particulars(heading),
    columns: LEDGER_COLUMNS,
    rows: lines,
    statusOf: (row) => row.status,
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
