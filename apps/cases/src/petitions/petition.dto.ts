import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import { PETITION_CHANNELS, PETITION_SCREENING_OUTCOMES } from '@app/contracts';
import { PETITION_RESULTS, REPORTER_NOTICES } from './petition.events';
import { IsCalendarDay } from '@app/kit';

/**
 * Petition requests. Validation messages name fields, never values: nothing a reporter wrote comes
 * back in an error.
 */
export class RegisterPetitionDto {
  @ApiProperty({ example: 'JS-JW', description: 'The commission that received the petition; the caller acts for its petition office' })
  @IsString()
  @Length(1, 64)
  receivingCommission!: string;

  @ApiProperty({ enum: PETITION_CHANNELS, description: 'letter, visit, phone, web, or received on an inspection tour' })
  @IsIn(PETITION_CHANNELS)
  channel!: string;

  @ApiProperty({ description: 'Named (实名) or anonymous (匿名)' })
  @IsBoolean()
  named!: boolean;

  @ApiPropertyOptional({ example: '张某', description: 'Named petitions only; sealed (SM4) before it is stored' })
  @ValidateIf((dto: RegisterPetitionDto) => dto.named === true || dto.reporterName !== undefined)
  @IsString()
  @Length(1, 100)
  reporterName?: string;

  @ApiPropertyOptional({ example: '电话 0371-0000000', description: 'Named petitions only; sealed (SM4) before it is stored' })
  @ValidateIf((dto: RegisterPetitionDto) => dto.named === true || dto.reporterContact !== undefined)
  @IsString()
  @Length(1, 200)
  reporterContact?: string;

  @ApiProperty({ example: '反映某局违规发放津补贴问题', description: 'Sealed (SM4) before it is stored' })
  @IsString()
  @Length(1, 20000)
  content!: string;

  @ApiProperty({ type: [String], example: ['S-0001'], description: 'Staff numbers of the persons reported on' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  reportedPersons!: string[];

  @ApiProperty({ type: [String], example: ['JS-EDU'], description: 'Codes of the units reported on, known to the registry' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  reportedUnits!: string[];

  @ApiProperty({ example: '2026-03-02', description: 'The day the commission received it' })
  @IsCalendarDay()
  receivedOn!: string;
}

export class AssignOfficersDto {
  @ApiProperty({ type: [String], example: ['S-0101'], description: 'Staff numbers of the officers who handle the petition' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  officers!: string[];
}

export class ScreenPetitionDto {
  @ApiProperty({ enum: PETITION_SCREENING_OUTCOMES })
  @IsIn(PETITION_SCREENING_OUTCOMES)
  outcome!: string;

  @ApiPropertyOptional({ example: 'JS-XZ-JW', description: 'transferred: the lower commission it goes to' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  to?: string;

  @ApiPropertyOptional({ example: '不属于纪检监察机关受理范围', description: 'not_accepted: why' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'repeat: the earlier petition' })
  @IsOptional()
  @IsUUID()
  repeatOf?: string;
}

export class PetitionParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class ProtectedReadQuery {
  @ApiProperty({ example: '初核需要联系举报人', description: 'Why the protected fields are read; recorded with the read' })
  @IsString()
  @Length(2, 500)
  reason!: string;
}

export class NotifyReporterDto {
  @ApiProperty({ enum: REPORTER_NOTICES, description: 'acceptance (受理情况) or result (处理结果)' })
  @IsIn(REPORTER_NOTICES)
  notice!: string;

  @ApiProperty({ example: '2026-03-10', description: 'The day the reporter was told' })
  @IsCalendarDay()
  sentOn!: string;
}

export class ConcludePetitionDto {
  @ApiProperty({ enum: PETITION_RESULTS, description: '属实, 部分属实, 不属实, or referred as a clue (转为问题线索)' })
  @IsIn(PETITION_RESULTS)
  result!: string;
}

const LIST_STATUSES = ['registered', 'accepted', 'forwarded', 'transferred', 'not_accepted', 'repeat'] as const;

export class PetitionListQuery {
  @ApiProperty({ example: 'JS-JW', description: 'The receiving commission' })
  @IsString()
  @Length(1, 64)
  commission!: string;

  @ApiPropertyOptional({ enum: LIST_STATUSES })
  @IsOptional()
  @IsIn(LIST_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Only petitions with a missed deadline still not met' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ example: '2026-01-01', description: 'Received on or after' })
  @IsOptional()
  @IsCalendarDay()
  receivedFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Received on or before' })
  @IsOptional()
  @IsCalendarDay()
  receivedTo?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `next` of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  after?: string;
}
