import { Controller, Get, Param, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import {
  ApiProblems,
  assertActsFor,
  attachmentDisposition,
  CurrentPrincipal,
  PARAMETER_PROBLEMS,
  ROLE_PROBLEMS,
  type Principal,
} from '@app/platform';
import { EVIDENCE_MEDIA_TYPES, EvidenceStore, MAX_EVIDENCE_BYTES, type UploadedEvidenceFile } from './evidence.store';

export class EvidenceUploadQuery {
  @ApiProperty({ example: 'JS-JYJ', description: 'The unit whose records the evidence belongs to; the caller acts for it' })
  @IsString()
  @Length(1, 64)
  unit!: string;
}

export class EvidenceParams {
  @ApiProperty({ description: 'SHA-256 of the file, lowercase hex' })
  @Matches(/^[0-9a-f]{64}$/)
  sha256!: string;
}

export class EvidenceView {
  @ApiProperty({ description: 'SHA-256 of the bytes, lowercase hex: what ledger entries and task records name' }) sha256!: string;
  @ApiProperty({ example: '2025年第一季度廉政谈话记录.pdf' }) name!: string;
  @ApiProperty({ enum: EVIDENCE_MEDIA_TYPES }) mediaType!: string;
  @ApiProperty({ description: 'Bytes' }) size!: number;
  @ApiProperty() unitCode!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
}

/** Evidence files (佐证材料): uploaded once, named by hash in ledger entries and task records. */
@ApiTags('evidence')
@Controller('evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceStore) {}

  @Post()
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 5 }, defParamCharset: 'utf8' }))
  @ApiOperation({
    summary: 'Upload an evidence file for a unit; the answer is the reference to name in a ledger entry or task record',
    description: `At most ${MAX_EVIDENCE_BYTES / 1024 / 1024} MiB. The same bytes uploaded again answer the same reference.`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiCreatedResponse({ type: EvidenceView })
  @ApiProblems(ROLE_PROBLEMS, PARAMETER_PROBLEMS, {
    400: ['EVIDENCE.FILE_REQUIRED', 'EVIDENCE.EMPTY_FILE', 'EVIDENCE.BAD_FILE_NAME', 'TEXT.NATIONAL_ID'],
    413: ['REQUEST.TOO_LARGE'],
    415: ['EVIDENCE.UNSUPPORTED_TYPE', 'REQUEST.UNSUPPORTED_MEDIA_TYPE'],
  })
  upload(
    @UploadedFile() file: UploadedEvidenceFile | undefined,
    @Query() query: EvidenceUploadQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<EvidenceView> {
    assertActsFor(principal, query.unit, 'write');
    return this.evidence.put(file, query.unit, principal, new Date());
  }

  @Get(':sha256')
  @ApiOperation({
    summary: 'Download an evidence file, checked against its hash',
    description:
      'The bytes as uploaded, with the media type and file name recorded at upload; bytes that no longer hash to the reference are refused (409), not served. Read by callers acting for the unit the evidence belongs to, auditors and registry administrators.',
  })
  @ApiOkResponse({ description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(ROLE_PROBLEMS, PARAMETER_PROBLEMS, { 404: ['EVIDENCE.NOT_FOUND'], 409: ['EVIDENCE.ALTERED'] })
  async download(@Param() params: EvidenceParams, @CurrentPrincipal() principal: Principal): Promise<StreamableFile> {
    const { evidence, bytes } = await this.evidence.read(params.sha256);
    assertActsFor(principal, evidence.unitCode, 'read');
    return new StreamableFile(bytes, {
      type: evidence.mediaType,
      length: evidence.size,
      disposition: attachmentDisposition(evidence.name, `${evidence.sha256}`),
    });
  }
}
