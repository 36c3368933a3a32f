/**
 * The three sheets of an import workbook and their columns: ids (the header row), Chinese labels
 * (an optional second header row, also accepted instead of the ids), how each cell is read, and
 * the Chinese words accepted for coded values. Shared by the parser, the plan and the template.
 */

export const SHEET_NAMES = ['units', 'people', 'appointments'] as const;
export type SheetName = (typeof SHEET_NAMES)[number];

export const SHEET_LABELS: Readonly<Record<SheetName, string>> = { units: '单位', people: '人员', appointments: '任职' };

export type ColumnType = 'text' | 'day' | 'integer' | 'boolean';

export interface ColumnSpec {
  readonly id: string;
  readonly label: string;
  readonly type: ColumnType;
  readonly required: boolean;
  /** Words accepted for coded values (Chinese terms → the stored code). */
  readonly aliases?: Readonly<Record<string, string>>;
  readonly help: string;
}

const KIND_ALIASES = {
  党委: 'party_committee',
  党组: 'party_group',
  纪委: 'discipline_commission',
  纪检组: 'discipline_inspection_group',
  政府部门: 'government_department',
  乡镇: 'township',
  企事业单位: 'enterprise_institution',
};
const LEVEL_ALIASES = {
  省: 'province',
  市: 'city',
  区县: 'district',
  区: 'district',
  县: 'district',
  乡镇: 'township',
  部门: 'department',
};
const GENDER_ALIASES = { 男: 'male', 女: 'female' };
const POST_ALIASES = {
  书记: 'principal_leader',
  主要负责人: 'principal_leader',
  副书记: 'deputy_secretary',
  班子成员: 'team_member',
  纪委书记: 'commission_secretary',
  纪委副书记: 'commission_deputy',
  纪检组组长: 'inspection_group_head',
  行政负责人: 'department_head',
};
const END_REASON_ALIASES = {
  任期届满: 'term_expired',
  调任: 'transferred',
  退休: 'retired',
  辞职: 'resigned',
  免职: 'dismissed',
  责令辞职: 'ordered_to_resign',
  降职: 'demoted',
  去世: 'deceased',
  代理结束: 'acting_ended',
  单位撤销: 'unit_dissolved',
  其他: 'other',
};

export const COLUMNS: Readonly<Record<SheetName, readonly ColumnSpec[]>> = {
  units: [
    { id: 'code', label: '单位代码', type: 'text', required: true, help: 'unique, stable unit code (letters, digits, . _ -)' },
    { id: 'name', label: '单位名称', type: 'text', required: true, help: 'full Chinese name' },
    { id: 'kind', label: '单位类型', type: 'text', required: true, aliases: KIND_ALIASES, help: 'kind of unit' },
    { id: 'level', label: '层级', type: 'text', required: true, aliases: LEVEL_ALIASES, help: 'level of the unit' },
    {
      id: 'parentCode',
      label: '上级单位代码',
      type: 'text',
      required: false,
      help: 'code of the parent unit, in this file or already registered; empty for a top-level unit',
    },
    {
      id: 'jurisdictionCode',
      label: '行政区划代码',
      type: 'text',
      required: true,
      help: '6-digit administrative division code fitting the level',
    },
    { id: 'effectiveFrom', label: '成立日期', type: 'day', required: true, help: 'first day the unit exists (YYYY-MM-DD)' },
    {
      id: 'supervisorCode',
      label: '监督单位代码',
      type: 'text',
      required: false,
      help: "for a Party committee or group: the discipline commission or inspection group supervising it, paired from the later of the two units' effectiveFrom",
    },
  ],
  people: [
    { id: 'staffNumber', label: '人员编号', type: 'text', required: true, help: 'staff number (never a national ID number)' },
    { id: 'name', label: '姓名', type: 'text', required: true, help: 'name' },
    { id: 'gender', label: '性别', type: 'text', required: true, aliases: GENDER_ALIASES, help: 'male or female (男/女)' },
    { id: 'birthYear', label: '出生年份', type: 'integer', required: true, help: 'four-digit year' },
    { id: 'phone', label: '联系电话', type: 'text', required: false, help: 'office phone' },
    { id: 'email', label: '电子邮箱', type: 'text', required: false, help: 'office email' },
  ],
  appointments: [
    { id: 'unitCode', label: '单位代码', type: 'text', required: true, help: 'unit of the post, in this file or already registered' },
    { id: 'staffNumber', label: '人员编号', type: 'text', required: true, help: 'person, in this file or already registered' },
    { id: 'post', label: '职务', type: 'text', required: true, aliases: POST_ALIASES, help: 'post, as allowed in the kind of unit' },
    {
      id: 'acting',
      label: '是否代理',
      type: 'boolean',
      required: false,
      help: 'acting (代理/主持工作): 是/否, true/false; empty means no',
    },
    { id: 'effectiveFrom', label: '任职日期', type: 'day', required: true, help: 'first day in the post (YYYY-MM-DD)' },
    { id: 'effectiveTo', label: '离任日期', type: 'day', required: false, help: 'last day in the post, for an appointment that has ended' },
    {
      id: 'endReason',
      label: '离任原因',
      type: 'text',
      required: false,
      aliases: END_REASON_ALIASES,
      help: 'why it ended; required with effectiveTo',
    },
    { id: 'endNote', label: '离任说明', type: 'text', required: false, help: 'required when endReason is other (其他)' },
  ],
};

/** Sheet names accepted in a workbook, lowercased: the English id or the Chinese label. */
export function sheetNamed(name: string): SheetName | undefined {
  const wanted = name.trim().toLowerCase();
  return SHEET_NAMES.find((sheet) => sheet === wanted || SHEET_LABELS[sheet] === wanted);
}

export function isSheetName(value: unknown): value is SheetName {
  return (SHEET_NAMES as readonly unknown[]).includes(value);
}

export interface UnitInput {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly level: string;
  readonly parentCode?: string;
  readonly jurisdictionCode: string;
  readonly effectiveFrom: string;
  readonly supervisorCode?: string;
}

export interface PersonInput {
  readonly staffNumber: string;
  readonly name: string;
  readonly gender: string;
  readonly birthYear: number;
  readonly phone?: string;
  readonly email?: string;
}

export interface AppointmentInput {
  readonly unitCode: string;
  readonly staffNumber: string;
  readonly post: string;
  readonly acting: boolean;
  readonly effectiveFrom: string;
  readonly effectiveTo?: string;
  readonly endReason?: string;
  readonly endNote?: string;
}

export interface SheetInputs {
  readonly units: UnitInput;
  readonly people: PersonInput;
  readonly appointments: AppointmentInput;
}

/** A data row as read, with its row number as the user sees it in the spreadsheet. */
export interface InputRow<S extends SheetName = SheetName> {
  readonly sheet: S;
  readonly row: number;
  readonly values: SheetInputs[S];
}

/** One entry of the report: which row, which column if known, a stable code and why. */
export interface ImportIssue {
  readonly sheet?: SheetName;
  readonly row?: number;
  readonly column?: string;
  readonly code: string;
  readonly message: string;
}
