import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsCalendarDay } from '@app/kit';
import { POST_KINDS } from './posts';
import { APPOINTMENT_END_REASONS, PAIRING_END_REASONS } from './unit.events';
import { UNIT_KINDS, UNIT_LEVELS } from './unit-kinds';

export class RegisterUnitDto {
  @ApiProperty({ example: 'JS-JYJ', description: 'Unique, stable unit code' })
  @IsString()
  @Length(1, 64)
  code!: string;

  @ApiProperty({ example: '金水区教育局' })
  @IsString()
  @Length(1, 128)
  name!: string;

  @ApiProperty({ enum: UNIT_KINDS })
  @IsIn(UNIT_KINDS)
  kind!: string;

  @ApiProperty({ enum: UNIT_LEVELS })
  @IsIn(UNIT_LEVELS)
  level!: string;

  @ApiPropertyOptional({ example: 'JS-QW', description: 'Code of the parent unit; left out for a top-level unit' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  parentCode?: string;

  @ApiProperty({ example: '410105', description: '6-digit administrative division code' })
  @IsString()
  @Length(6, 6)
  jurisdictionCode!: string;

  @ApiProperty({ example: '2025-01-01' })
  @IsCalendarDay()
  effectiveFrom!: string;
}

export class RenameUnitDto {
  @ApiProperty({ example: '金水区教育体育局' })
  @IsString()
  @Length(1, 128)
  name!: string;

  @ApiProperty({ example: '2025-07-01' })
  @IsCalendarDay()
  effectiveFrom!: string;
}

export class MoveUnitDto {
  @ApiProperty({ example: 'JS-QW' })
  @IsString()
  @Length(1, 64)
  parentCode!: string;

  @ApiProperty({ example: '2025-07-01' })
  @IsCalendarDay()
  effectiveFrom!: string;
}

export class DissolveUnitDto {
  @ApiProperty({ example: '2025-12-31', description: 'First day the unit no longer exists' })
  @IsCalendarDay()
  effectiveFrom!: string;

  @ApiProperty({ example: '机构改革撤并' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class PairUnitDto {
  @ApiProperty({ example: 'JS-JW', description: 'The discipline commission or inspection group that supervises this committee' })
  @IsString()
  @Length(1, 64)
  supervisorCode!: string;

  @ApiProperty({ example: '2025-01-01' })
  @IsCalendarDay()
  effectiveFrom!: string;
}

export class EndPairingDto {
  @ApiProperty({ example: '2025-06-30', description: 'Last day the pairing held' })
  @IsCalendarDay()
  effectiveTo!: string;

  @ApiProperty({ enum: PAIRING_END_REASONS })
  @IsIn(PAIRING_END_REASONS)
  reason!: string;
}

export class MakeAppointmentDto {
  @ApiProperty({ example: 'ZZ-0001' })
  @IsString()
  @Length(1, 32)
  staffNumber!: string;

  @ApiProperty({ enum: POST_KINDS })
  @IsIn(POST_KINDS)
  post!: string;

  @ApiPropertyOptional({ default: false, description: '代理/主持工作' })
  @IsOptional()
  @IsBoolean()
  acting?: boolean;

  @ApiProperty({ example: '2025-01-01' })
  @IsCalendarDay()
  effectiveFrom!: string;

  @ApiPropertyOptional({ example: '2016-12-31', description: 'To record a past holder: the last day in post (with endReason)' })
  @IsOptional()
  @IsCalendarDay()
  effectiveTo?: string;

  @ApiPropertyOptional({ enum: APPOINTMENT_END_REASONS, description: 'Required with effectiveTo' })
  @IsOptional()
  @IsIn(APPOINTMENT_END_REASONS)
  endReason?: string;
}

export class EndAppointmentDto {
  @ApiProperty({ example: '2025-06-30', description: 'Last day in post' })
  @IsCalendarDay()
  effectiveTo!: string;

  @ApiProperty({ enum: APPOINTMENT_END_REASONS })
  @IsIn(APPOINTMENT_END_REASONS)
  reason!: string;

  @ApiPropertyOptional({ description: 'Required when the reason is other' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class AssignPortfolioDto {
  @ApiProperty({ example: ['JS-JYJ', 'JS-WJW'], description: 'Units this team member is in charge of (分管/联系)' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  coveredUnitCodes!: string[];

  @ApiProperty({ example: '2025-01-01' })
  @IsCalendarDay()
  effectiveFrom!: string;
}

export class EndPortfolioDto {
  @ApiProperty({ example: '2025-06-30' })
  @IsCalendarDay()
  effectiveTo!: string;
}

export class UnitSearchQuery {
  @ApiProperty({ description: 'Part of the Chinese name, or the start of the code', example: '教育' })
  @IsString()
  @Length(1, 64)
  q!: string;
}

export class UnitTreeQuery {
  @ApiPropertyOptional({ description: 'Only the subtree below this unit' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  root?: string;

  @ApiPropertyOptional({ example: '2025-06-30' })
  @IsOptional()
  @IsCalendarDay()
  on?: string;
}
