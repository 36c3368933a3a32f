import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { excel } from '@app/platform';
import { isCalendarDay } from '@app/domain';
import { COLUMNS, SHEET_NAMES, sheetNamed, type ColumnSpec, type ImportIssue, type InputRow, type SheetName } from './import-sheets';

/**
 * Reads an uploaded workbook (XLSX with sheets `units`, `people`, `appointments`) or one CSV
 * sheet into typed rows, naming every cell that cannot be read. No registry rules here: those are
 * the plan's (import-plan.ts), which runs the deciders.
 */

export type Cell = string | number | boolean | Date | null;

export interface RawRow {
  /** Row number as the user sees it (1-based). */
  readonly number: number;
  /** Cells by 0-based column index. */
  readonly cells: readonly Cell[];
}

export interface RawSheet {
  readonly sheet: SheetName;
  readonly rows: readonly RawRow[];
}

export interface ParsedFile {
  /** Data rows found per sheet, in the order units, people, appointments. */
  readonly sheets: readonly { readonly sheet: SheetName; readonly rows: number }[];
  /** Data rows found, readable or not. */
  readonly total: number;
  readonly rows: { readonly [S in SheetName]: readonly InputRow<S>[] };
  /** Rows with unreadable cells, with what could be read: rows naming them depend on a failed row. */
  readonly unreadable: readonly UnreadableRow[];
  readonly errors: readonly ImportIssue[];
}

export interface UnreadableRow {
  readonly sheet: SheetName;
  readonly row: number;
  readonly values: Readonly<Record<string, unknown>>;
}

export type FileFormat = 'xlsx' | 'csv';

export const MAX_ROWS = 50_000;
/** How far down a sheet the header row may sit, below title rows. */
const HEADER_SEARCH_ROWS = 10;
/** Columns users keep for themselves: a leading `#`, a serial number, remarks. */
const IGNORED_HEADER = /^(#.*|序号|备注)$/;

/** XLSX by its ZIP signature; legacy XLS by its OLE2 signature (refused); anything else is read as CSV text. */
export function detectFormat(buffer: Buffer): FileFormat | 'xls' {
  if (buffer.length >= 4 && buffer.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  if (buffer.length >= 8 && buffer.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'xls';
  return 'csv';
}

export async function parseImportFile(
  buffer: Buffer,
  options: { readonly format: FileFormat; readonly sheet?: SheetName },
): Promise<ParsedFile> {
  let raw: { sheets: RawSheet[]; errors: ImportIssue[] };
  try {
    raw = options.format === 'xlsx' ? await readWorkbook(buffer) : { sheets: [readCsv(buffer, options.sheet ?? 'units')], errors: [] };
  } catch (error) {
    return emptyFile([
      {
        code: 'IMPORT.UNREADABLE_FILE',
        message: `The file cannot be read as ${options.format.toUpperCase()}: ${(error as Error).message}`,
      },
    ]);
  }
  return readSheets(raw.sheets, raw.errors);
}

/** Typed rows from raw sheets: the pure part of parsing, shared by XLSX and CSV. */
export function readSheets(sheets: readonly RawSheet[], fileErrors: readonly ImportIssue[] = []): ParsedFile {
  const errors: ImportIssue[] = [...fileErrors];
  const rows = { units: [], people: [], appointments: [] } as { [S in SheetName]: InputRow<S>[] };
  const unreadable: UnreadableRow[] = [];
  const counts: { sheet: SheetName; rows: number }[] = [];
  if (sheets.length === 0 && errors.length === 0) {
    errors.push({ code: 'IMPORT.NO_SHEETS', message: `The workbook has no sheet named ${SHEET_NAMES.join(', ')}.` });
  }
  for (const name of SHEET_NAMES) {
    const sheet = sheets.find((s) => s.sheet === name);
    if (!sheet) continue;
    const read = readSheet(sheet);
    (rows[name] as InputRow[]).push(...read.rows);
    unreadable.push(...read.unreadable);
    errors.push(...read.errors);
    counts.push({ sheet: name, rows: read.count });
  }
  const total = counts.reduce((sum, c) => sum + c.rows, 0);
  if (total > MAX_ROWS) {
    return emptyFile(
      [{ code: 'IMPORT.TOO_MANY_ROWS', message: `The file has ${total} rows; split it into files of at most ${MAX_ROWS}.` }],
      counts,
      total,
    );
  }
  return { sheets: counts, total, rows, unreadable, errors };
}

export async function readWorkbook(buffer: Buffer): Promise<{ sheets: RawSheet[]; errors: ImportIssue[] }> {
  const workbook = new (excel().Workbook)();
  await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheets: RawSheet[] = [];
  const errors: ImportIssue[] = [];
  for (const worksheet of workbook.worksheets) {
    const sheet = sheetNamed(worksheet.name);
    if (!sheet) continue;
    if (sheets.some((s) => s.sheet === sheet)) {
      errors.push({ sheet, code: 'IMPORT.DUPLICATE_SHEET', message: `The workbook has more than one ${sheet} sheet (${worksheet.name}).` });
      continue;
    }
    const rows: RawRow[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, number) => {
      const values = row.values as ExcelJS.CellValue[];
      rows.push({ number, cells: Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => excelCell(values[i + 1])) });
    });
    sheets.push({ sheet, rows });
  }
  return { sheets, errors };
}

/** One sheet from CSV text: UTF-8 (with or without BOM), or GB18030 as saved by Chinese Excel. */
export function readCsv(buffer: Buffer, sheet: SheetName): RawSheet {
  const records: string[][] = parse(decodeText(buffer), { relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  return { sheet, rows: records.map((cells, i) => ({ number: i + 1, cells })) };
}

export function decodeText(buffer: Buffer): string {
  const body = buffer.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? buffer.subarray(3) : buffer;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('gb18030').decode(body);
  }
}

function readSheet(sheet: RawSheet): { rows: InputRow[]; unreadable: UnreadableRow[]; errors: ImportIssue[]; count: number } {
  const columns = COLUMNS[sheet.sheet];
  const headerAt = sheet.rows
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((row) => row.cells.filter((cell) => columnOf(columns, cell)).length >= 2);
  if (headerAt < 0) {
    const dataRows = sheet.rows.filter((row) => !isBlank(row)).length;
    if (dataRows === 0) return { rows: [], unreadable: [], errors: [], count: 0 };
    return {
      rows: [],
      unreadable: [],
      count: dataRows,
      errors: [
        {
          sheet: sheet.sheet,
          row: sheet.rows[0]?.number ?? 1,
          code: 'IMPORT.MISSING_HEADER',
          message: `No header row with the column ids (${columns.map((c) => c.id).join(', ')}) in the first ${HEADER_SEARCH_ROWS} rows.`,
        },
      ],
    };
  }
  const header = sheet.rows[headerAt];
  const { positions, errors } = readHeader(sheet.sheet, header, columns);
  let body = sheet.rows.slice(headerAt + 1).filter((row) => !isBlank(row));
  if (body[0] && isLabelRow(body[0], positions)) body = body.slice(1);
  if (errors.some((e) => e.code !== 'IMPORT.UNKNOWN_COLUMN')) return { rows: [], unreadable: [], errors, count: body.length };
  const rows: InputRow[] = [];
  const unreadable: UnreadableRow[] = [];
  for (const raw of body) {
    const read = readRow(sheet.sheet, raw, positions);
    if (read.errors.length > 0) {
      errors.push(...read.errors);
      unreadable.push({ sheet: sheet.sheet, row: raw.number, values: read.values });
    } else rows.push({ sheet: sheet.sheet, row: raw.number, values: read.values } as unknown as InputRow);
  }
  return { rows, unreadable, errors, count: body.length };
}

function readHeader(
  sheet: SheetName,
  header: RawRow,
  columns: readonly ColumnSpec[],
): { positions: Map<number, ColumnSpec>; errors: ImportIssue[] } {
  const positions = new Map<number, ColumnSpec>();
  const errors: ImportIssue[] = [];
  const at = { sheet, row: header.number };
  header.cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (text === '' || IGNORED_HEADER.test(text)) return;
    const column = columnOf(columns, cell);
    if (!column) {
      errors.push({
        ...at,
        column: text,
        code: 'IMPORT.UNKNOWN_COLUMN',
        message: `${text} is not a column of ${sheet} (${columns.map((c) => c.id).join(', ')}); remove it, or start its name with # to keep it as a note.`,
      });
    } else if ([...positions.values()].includes(column)) {
      errors.push({ ...at, column: column.id, code: 'IMPORT.DUPLICATE_COLUMN', message: `Column ${column.id} appears more than once.` });
    } else {
      positions.set(index, column);
    }
  });
  const present = new Set(positions.values());
  for (const column of columns) {
    if (column.required && !present.has(column)) {
      errors.push({
        ...at,
        column: column.id,
        code: 'IMPORT.MISSING_COLUMN',
        message: `The ${sheet} sheet needs a column ${column.id} (${column.label}).`,
      });
    }
  }
  return { positions, errors };
}

function readRow(
  sheet: SheetName,
  raw: RawRow,
  positions: Map<number, ColumnSpec>,
): { values: Record<string, unknown>; errors: ImportIssue[] } {
  const values: Record<string, unknown> = {};
  const errors: ImportIssue[] = [];
  for (const [index, column] of positions) {
    const result = readCell(raw.cells[index] ?? null, column);
    if ('error' in result) {
      errors.push({ sheet, row: raw.number, column: column.id, ...result.error });
    } else if (result.value !== undefined) {
      values[column.id] = result.value;
    } else if (column.required) {
      errors.push({
        sheet,
        row: raw.number,
        column: column.id,
        code: 'IMPORT.MISSING_VALUE',
        message: `${column.id} (${column.label}) is required.`,
      });
    }
  }
  if (sheet === 'appointments') values.acting ??= false;
  return { values, errors };
}

type CellResult = { value: string | number | boolean | undefined } | { error: { code: string; message: string } };

export function readCell(cell: Cell, column: ColumnSpec): CellResult {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return { value: undefined };
  switch (column.type) {
    case 'text':
      return readText(cell, column);
    case 'day':
      return readDay(cell, column);
    case 'integer':
      return readInteger(cell, column);
    case 'boolean':
      return readBoolean(cell, column);
  }
}

function readText(cell: Exclude<Cell, null>, column: ColumnSpec): CellResult {
  if (cell instanceof Date || typeof cell === 'boolean') {
    return {
      error: {
        code: 'IMPORT.BAD_VALUE',
        message: `${column.id} holds ${cell instanceof Date ? 'a date' : 'a true/false value'}, not text.`,
      },
    };
  }
  const text = typeof cell === 'number' ? numberText(cell) : cell.trim();
  if (!column.aliases) return { value: text };
  const alias = column.aliases[text];
  if (alias) return { value: alias };
  const lower = text.toLowerCase();
  return { value: Object.values(column.aliases).includes(lower) ? lower : text };
}

const DAY_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

/**
 * A calendar day from text (2025-01-31, 2025/1/31, 2025.1.31, 2025年1月31日) or a date cell.
 * Excel keeps dates as wall-clock serial numbers without a zone and ExcelJS hands them over as
 * that wall-clock time read as UTC, so the UTC date is the day the user typed (in CST).
 */
function readDay(cell: Exclude<Cell, null>, column: ColumnSpec): CellResult {
  const bad = (what: string) => ({
    error: { code: 'IMPORT.BAD_DATE', message: `${column.id} ${what} is not a date; write it as YYYY-MM-DD.` },
  });
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? bad('(an invalid date cell)') : { value: cell.toISOString().slice(0, 10) };
  if (typeof cell !== 'string') return bad(String(cell));
  const match = DAY_TEXT.exec(cell.trim());
  const day = match ? `${match[1]}-${match[2].padStart(2, '0')}-${match[3].padStart(2, '0')}` : undefined;
  return day && isCalendarDay(day) ? { value: day } : bad(cell.trim());
}

function readInteger(cell: Exclude<Cell, null>, column: ColumnSpec): CellResult {
  const value = typeof cell === 'number' ? cell : typeof cell === 'string' && /^\d{1,9}$/.test(cell.trim()) ? Number(cell.trim()) : NaN;
  if (Number.isInteger(value)) return { value };
  return {
    error: {
      code: 'IMPORT.BAD_NUMBER',
      // Not quoted: the only whole-number column is a birth year, personal data the kept report must not hold.
      message: `${column.id} ${cell instanceof Date ? 'holds a date, not' : 'is not'} a whole number.`,
    },
  };
}

const TRUE_WORDS = ['true', 'yes', 'y', '1', '是'];
const FALSE_WORDS = ['false', 'no', 'n', '0', '否'];

function readBoolean(cell: Exclude<Cell, null>, column: ColumnSpec): CellResult {
  if (typeof cell === 'boolean') return { value: cell };
  const text = String(cell).trim().toLowerCase();
  if (TRUE_WORDS.includes(text)) return { value: true };
  if (FALSE_WORDS.includes(text)) return { value: false };
  return { error: { code: 'IMPORT.BAD_BOOLEAN', message: `${column.id} ${String(cell).trim()} is neither 是 nor 否 (true/false).` } };
}

function columnOf(columns: readonly ColumnSpec[], cell: Cell): ColumnSpec | undefined {
  const text = cellText(cell);
  if (text === '') return undefined;
  const lower = text.toLowerCase();
  return columns.find((c) => c.id.toLowerCase() === lower || c.label === text);
}

/** The Chinese-labels row of the template, right under the ids: skipped. */
function isLabelRow(row: RawRow, positions: Map<number, ColumnSpec>): boolean {
  const filled = row.cells.map((cell, index) => [cellText(cell), index] as const).filter(([text]) => text !== '');
  return filled.length > 0 && filled.every(([text, index]) => positions.get(index)?.label === text);
}

function isBlank(row: RawRow): boolean {
  return row.cells.every((cell) => cellText(cell) === '');
}

function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

/** Integers as typed (410105, not 4.10105e5); other numbers as JavaScript prints them. */
function numberText(value: number): string {
  return Number.isInteger(value) ? value.toFixed(0) : String(value);
}

/** ExcelJS cell values (rich text, hyperlinks, formulas, errors) down to plain values. */
function excelCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : excelCell(value.text);
  if ('formula' in value || 'sharedFormula' in value) return value.result === undefined ? null : excelCell(value.result);
  if ('error' in value) return value.error;
  return null;
}

function emptyFile(errors: ImportIssue[], sheets: ParsedFile['sheets'] = [], total = 0): ParsedFile {
  return { sheets, total, rows: { units: [], people: [], appointments: [] }, unreadable: [], errors };
}
