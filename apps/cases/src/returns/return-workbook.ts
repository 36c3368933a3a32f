import { addPrintedSheet, excel, type PrintedColumn } from '@app/platform';
import type { DecisionTaken } from '../accountability/accountability.decider';
import {
  FORM_LABELS,
  KIND_LABELS,
  MEASURE_LABELS,
  SANCTION_TABLE,
  type AccountabilityMeasure,
  type SanctionKind,
} from '../accountability/sanction-table';
import type { Quarter, ReturnFigures } from './return-figures';

interface FigureLine {
  readonly group: string;
  readonly item: string;
  readonly count: number;
  readonly unit: string;
  readonly note?: string;
}

export interface ReturnHeading {
  readonly commissionName: string;
  readonly commissionCode: string;
  readonly quarter: Quarter;
  readonly asOf: string;
  /** 签发 / 报送 as recorded, in words. */
  readonly status: string;
}

const FIGURE_COLUMNS: readonly PrintedColumn<FigureLine>[] = [
  { header: '序号', width: 6, value: (_, index) => index + 1 },
  { header: '类别', width: 16, value: (row) => row.group },
  { header: '项目', width: 36, wrap: true, value: (row) => row.item },
  { header: '数量', width: 10, value: (row) => row.count },
  { header: '单位', width: 8, value: (row) => row.unit },
  { header: '备注', width: 24, wrap: true, value: (row) => row.note ?? '' },
];

const DETAIL_COLUMNS: readonly PrintedColumn<DecisionTaken>[] = [
  { header: '序号', width: 6, value: (_, index) => index + 1 },
  { header: '决定日期', width: 12, value: (row) => row.decidedOn },
  { header: '问责对象', width: 14, value: (row) => (row.target.kind === 'organisation' ? '党组织' : '领导干部') },
  { header: '单位', width: 16, value: (row) => row.target.unitCode },
  { header: '人员', width: 12, value: (row) => (row.target.kind === 'cadre' ? row.target.staffNumber : '') },
  { header: '问责方式', width: 24, wrap: true, value: (row) => row.measures.map((measure) => MEASURE_LABELS[measure]).join('、') },
  {
    header: '处分',
    width: 30,
    wrap: true,
    value: (row) =>
      row.sanctions
        .map(
          (sanction) =>
            `${KIND_LABELS[sanction.kind]}：${SANCTION_TABLE[sanction.kind][sanction.type]?.label ?? sanction.type}（影响期至${sanction.impactEndsOn ?? '长期'}）`,
        )
        .join('\n'),
  },
  { header: '四种形态', width: 12, value: (row) => (row.form === null ? '' : FORM_LABELS[row.form]) },
  { header: '典型案例', width: 8, value: (row) => (row.typical ? '是' : '') },
  { header: '来源', width: 12, value: (row) => (row.matterId ? '一案双查' : '案件') },
];

function figureLines(figures: ReturnFigures): FigureLine[] {
  const measure = (target: 'organisation' | 'cadre', name: AccountabilityMeasure) => figures.decisions.byMeasure[`${target}.${name}`] ?? 0;
  const sanctions = (kind: SanctionKind) =>
    Object.entries(SANCTION_TABLE[kind]).map(([type, entry]) => ({
      group: KIND_LABELS[kind],
      item: entry.label,
      count: figures.sanctions.byType[`${kind}.${type}`] ?? 0,
      unit: '人',
    }));
  return [
    { group: '案件', item: '立案', count: figures.cases.opened, unit: '件' },
    { group: '案件', item: '结案', count: figures.cases.concluded, unit: '件' },
    { group: '问责', item: '问责决定合计', count: figures.decisions.total, unit: '件' },
    { group: '问责', item: '问责党组织', count: figures.decisions.organisations, unit: '个' },
    ...(['inspection', 'circulated_criticism', 'reorganisation'] as const).map((name) => ({
      group: '问责党组织',
      item: `其中：${MEASURE_LABELS[name]}`,
      count: measure('organisation', name),
      unit: '个',
    })),
    { group: '问责', item: '问责领导干部', count: figures.decisions.cadres, unit: '人' },
    ...(['circulated_criticism', 'admonishment', 'organisational_adjustment', 'disciplinary_sanction'] as const).map((name) => ({
      group: '问责领导干部',
      item: `其中：${MEASURE_LABELS[name]}`,
      count: measure('cadre', name),
      unit: '人',
    })),
    ...sanctions('party'),
    ...sanctions('administrative'),
    { group: '四种形态', item: FORM_LABELS[1], count: figures.forms.first, unit: '人' },
    { group: '四种形态', item: FORM_LABELS[2], count: figures.forms.second, unit: '人' },
    { group: '四种形态', item: FORM_LABELS[3], count: figures.forms.third, unit: '人' },
    { group: '四种形态', item: FORM_LABELS[4], count: figures.forms.fourth, unit: '人' },
    { group: '一案双查', item: '启动责任倒查事项', count: figures.matters.opened, unit: '项' },
    { group: '一案双查', item: '已作出问责决定', count: figures.matters.decided, unit: '项' },
    { group: '典型案例', item: '典型案例', count: figures.typicalCases, unit: '件', note: '随表报送典型案例材料' },
  ];
}

/** The quarterly return as the higher commission receives it printed: 责任追究情况季度报表, and the decisions behind it. */
export async function returnWorkbook(heading: ReturnHeading, figures: ReturnFigures, decisions: readonly DecisionTaken[]): Promise<Buffer> {
  const workbook = new (excel().Workbook)();
  workbook.creator = heading.commissionName;
  const period = `${heading.quarter.year}年第${heading.quarter.number}季度`;
  const particulars = `填报单位：${heading.commissionName}（${heading.commissionCode}）    统计期间：${heading.quarter.from} 至 ${heading.quarter.to}    ${heading.status}    制表日期：${heading.asOf}`;
  addPrintedSheet(workbook, {
    name: '季度报表',
    title: `${period}责任追究情况统计表`,
    particulars,
    columns: FIGURE_COLUMNS,
    rows: figureLines(figures),
  });
  addPrintedSheet(workbook, { name: '问责明细', title: `${period}问责决定明细表`, particulars, columns: DETAIL_COLUMNS, rows: decisions });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
