import type ExcelJS from 'exceljs';

let loadedExcel: typeof ExcelJS | undefined;

/**
 * ExcelJS, loaded the first time a workbook is made or read: it costs about 28 MB resident and a
 * third of a second to load, which a service that never exports or imports a sheet need not pay.
 */
export function excel(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loadedExcel ??= require('exceljs') as typeof ExcelJS;
  return loadedExcel;
}

/** One column of a printed sheet: Chinese header, width in characters, whether long text wraps. */
export interface PrintedColumn<Row> {
  readonly header: string;
  readonly width: number;
  readonly wrap?: boolean;
  value(row: Row, index: number): string | number | null;
}

/** The colours of the three-colour warning (三色预警) and of finished items, as fills. */
export const STATUS_FILLS: Readonly<Record<string, string>> = {
  on_track: 'FFE2EFDA',
  due_soon: 'FFFFF2CC',
  overdue: 'FFF8CBAD',
  done_late: 'FFFCE4D6',
  done: 'FFC6E0B4',
};

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'SimSun';

/**
 * A sheet laid out as a reviewer prints it: a merged title, a line of particulars, a header row
 * repeated on every page, bordered cells in 宋体, A4 landscape fitted to the page width, and a
 * footer with page numbers. `statusOf` colours a row by its warning status.
 */
export function addPrintedSheet<Row>(
  workbook: ExcelJS.Workbook,
  options: {
    readonly name: string;
    readonly title: string;
    readonly particulars: string;
    readonly columns: readonly PrintedColumn<Row>[];
    readonly rows: readonly Row[];
    readonly statusOf?: (row: Row) => string | undefined;
  },
): ExcelJS.Worksheet {
  const { columns } = options;
  const sheet = workbook.addWorksheet(options.name, {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  sheet.columns = columns.map((column) => ({ width: column.width }));

  sheet.mergeCells(1, 1, 1, columns.length);
  const title = sheet.getCell(1, 1);
  title.value = options.title;
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 32;

  sheet.mergeCells(2, 1, 2, columns.length);
  const particulars = sheet.getCell(2, 1);
  particulars.value = options.particulars;
  particulars.font = { name: FONT, size: 10 };
  particulars.alignment = { horizontal: 'right' };

  const header = sheet.getRow(3);
  columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.value = column.header;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
  });
  header.height = 24;

  options.rows.forEach((row, rowIndex) => {
    const line = sheet.getRow(4 + rowIndex);
    const fill = STATUS_FILLS[options.statusOf?.(row) ?? ''];
    columns.forEach((column, index) => {
      const cell = line.getCell(index + 1);
      cell.value = column.value(row, rowIndex);
      cell.font = { name: FONT, size: 10 };
      cell.alignment = { vertical: 'top', wrapText: column.wrap ?? false, horizontal: column.wrap ? 'left' : 'center' };
      cell.border = BORDER;
      if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    });
  });
  return sheet;
}
