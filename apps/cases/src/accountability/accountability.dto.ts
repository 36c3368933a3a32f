import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { IsCalendarDay } from '@app/kit';
import { ADJUSTMENTS, CADRE_MEASURES, ORGANISATION_MEASURES, SANCTION_KINDS } from './sanction-table';

/** Accountability requests. Measures and sanction types are checked by the decider, which names the field and the allowed values. */
export class TargetDto {
  @ApiProperty({ enum: ['organisation', 'cadre'] })
  @IsIn(['organisation', 'cadre'])
  kind!: string;

  @ApiProperty({ example: 'JS-EDU', description: 'The organisation held to account, or the cadre’s unit' })
  @IsString()
  @Length(1, 64)
  unitCode!: string;

  @ApiPropertyOptional({ example: 'S-0001', description: 'Cadres: the staff number' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  staffNumber?: string;
}

export class DecideAccountabilityDto {
  @ApiProperty({ example: 'JS-JW', description: 'The deciding commission; the caller acts for it' })
  @IsString()
  @Length(1, 64)
  commission!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The case decided on (or matterId)' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The one-case-two-investigations matter decided on (or caseId)' })
  @IsOptional()
  @IsUUID()
  matterId?: string;

  @ApiProperty({ type: TargetDto })
  @ValidateNested()
  @Type(() => TargetDto)
  target!: TargetDto;

  @ApiProperty({
    type: [String],
    example: ['admonishment', 'disciplinary_sanction'],
    description: `Organisations: ${ORGANISATION_MEASURES.join(', ')}; cadres: ${CADRE_MEASURES.join(', ')} (combinable)`,
  })
  @IsArray()
  @ArrayMaxSize(4)
  @IsString({ each: true })
  measures!: string[];

  @ApiPropertyOptional({ enum: ADJUSTMENTS, description: 'organisational_adjustment: which one' })
  @IsOptional()
  @IsString()
  adjustment?: string;

  @ApiPropertyOptional({ description: 'Counted as a typical case (典型案例) in the quarterly return' })
  @IsOptional()
  @IsBoolean()
  typical?: boolean;

  @ApiProperty({ example: '2026-03-10' })
  @IsCalendarDay()
  decidedOn!: string;
}

export class ImposeSanctionDto {
  @ApiProperty({ enum: SANCTION_KINDS })
  @IsString()
  kind!: string;

  @ApiProperty({
    example: 'serious_warning',
    description:
      'party: warning, serious_warning, removal_from_party_posts, probation, expulsion; administrative: warning, demerit, major_demerit, downgrade, dismissal_from_post, expulsion',
  })
  @IsString()
  @Length(1, 64)
  type!: string;

  @ApiProperty({ example: '2026-03-12' })
  @IsCalendarDay()
  effectiveOn!: string;

  @ApiPropertyOptional({ description: 'party probation (留党察看): 1 or 2 years' })
  @IsOptional()
  @IsInt()
  probationYears?: number;

  @ApiPropertyOptional({ description: 'Transferred for prosecution: counted in the fourth form' })
  @IsOptional()
  @IsBoolean()
  transferredForProsecution?: boolean;
}

export class DayDto {
  @ApiProperty({ example: '2026-03-20' })
  @IsCalendarDay()
  on!: string;
}

export class CloseCaseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  caseId!: string;

  @ApiProperty({ example: 'JS-JW' })
  @IsString()
  @Length(1, 64)
  commission!: string;
}

export class DecisionParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class CommissionQuery {
  @ApiProperty({ example: 'JS-JW' })
  @IsString()
  @Length(1, 64)
  commission!: string;
}

export class DecisionListQuery extends CommissionQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;

  @ApiPropertyOptional({ example: '2026-01-01' })
  @IsOptional()
  @IsCalendarDay()
  decidedFrom?: string;

  @ApiPropertyOptional({ example: '2026-03-31' })
  @IsOptional()
  @IsCalendarDay()
  decidedTo?: string;
}

export class MatterListQuery extends CommissionQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: not decided yet' })
  @IsOptional()
  @IsIn(['true', 'false'])
  open?: string;
}
