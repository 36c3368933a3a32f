import { Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@app/domain';
import {
  ApiProblems,
  ApiRead,
  attachmentDisposition,
  CurrentPrincipal,
  PARAMETER_PROBLEMS,
  ROLE_PROBLEMS,
  Roles,
  type Principal,
} from '@app/platform';
import { ImportJobView, ImportListView, ImportQuery, importJobView } from './import.dto';
import { ImportService, MAX_FILE_BYTES, type UploadedImportFile } from './import.service';
import { isSheetName, SHEET_NAMES } from './import-sheets';
import { csvTemplate, xlsxTemplate } from './import-template';

type Response = { setHeader(name: string, value: string): unknown };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('imports')
@Roles('registry_admin')
@Controller('imports')
export class ImportController {
  constructor(private readonly imports: ImportService) {}

  @Post()
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10 }, defParamCharset: 'utf8' }))
  @ApiOperation({
    summary:
      'Import units, people and appointments from XLSX or CSV: validated whole (nothing written if a row fails), then applied row by row, resumable and idempotent',
    description:
      'Every row is checked through the real rules first; if any fails the job ends rejected with a report naming each row, column and rule, and nothing is written. Accepted files are applied in the background; importing the same file twice changes nothing.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: {
          type: 'string',
          format: 'binary',
          description: 'XLSX (sheets units, people, appointments) or CSV of one sheet, at most 20 MB',
        },
      },
    },
  })
  @ApiAcceptedResponse({ type: ImportJobView, description: 'Accepted; follow Location for progress and the report' })
  @ApiProblems(ROLE_PROBLEMS, PARAMETER_PROBLEMS, {
    400: ['IMPORT.FILE_REQUIRED', 'IMPORT.EMPTY_FILE', 'IMPORT.SHEET_REQUIRED'],
    413: ['REQUEST.TOO_LARGE'],
    415: ['IMPORT.UNSUPPORTED_FORMAT', 'REQUEST.UNSUPPORTED_MEDIA_TYPE'],
  })
  async submit(
    @UploadedFile() file: UploadedImportFile | undefined,
    @Query() query: ImportQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const job = await this.imports.submit(file, query.sheet, principal);
    res.setHeader('Location', `/imports/${job.id}`);
    return importJobView(job);
  }

  @Get('template.xlsx')
  @ApiOperation({
    summary: 'The import workbook template, with Chinese labels and example rows',
    description: 'An XLSX with the sheets units, people and appointments, their columns and example rows.',
  })
  @ApiOkResponse({ description: 'The workbook', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(ROLE_PROBLEMS)
  async xlsxTemplate() {
    return new StreamableFile(await xlsxTemplate(), {
      type: XLSX_TYPE,
      disposition: attachmentDisposition('组织机构导入模板.xlsx', 'org-import-template.xlsx'),
    });
  }

  @Get('template/:sheet.csv')
  @ApiOperation({
    summary: 'The template of one sheet as CSV (UTF-8 with BOM)',
    description: 'The columns and example rows of one sheet: units, people or appointments.',
  })
  @ApiOkResponse({ description: 'The CSV file', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiProblems(ROLE_PROBLEMS, PARAMETER_PROBLEMS, { 404: ['IMPORT.UNKNOWN_SHEET'] })
  csvTemplate(@Param('sheet') sheet: string) {
    if (!isSheetName(sheet))
      throw new DomainError('IMPORT.UNKNOWN_SHEET', `No sheet ${sheet}; use ${SHEET_NAMES.join(', ')}.`, 'not_found');
    return new StreamableFile(csvTemplate(sheet), {
      type: 'text/csv; charset=utf-8',
      disposition: attachmentDisposition(`${sheet}.csv`, `${sheet}.csv`),
    });
  }

  @Get()
  @ApiRead({
    summary: 'The latest imports, newest first (without their reports)',
    description: 'Status and counts of the most recent import jobs.',
    type: ImportListView,
    parameters: false,
  })
  async recent(): Promise<ImportListView> {
    return { imports: (await this.imports.recent()).map(importJobView) };
  }

  @Get(':id')
  @ApiRead({
    summary: 'Progress of an import, and its report',
    description: 'Rows checked, applied and unchanged so far; for a rejected file, each bad row with its column and rule.',
    type: ImportJobView,
    problems: { 404: ['IMPORT.NOT_FOUND'] },
  })
  async job(@Param('id') id: string) {
    return importJobView(await this.imports.job(id));
  }
}
