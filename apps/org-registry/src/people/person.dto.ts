import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsCalendarDay } from '@app/kit';
import { ERASURE_LEGAL_BASES, GENDERS, KEY_REVOCATION_REASONS, KINSHIP_DEGREES, RELATION_KINDS, SIGNING_ALGORITHMS } from './person.events';

export class ContactDto {
  @ApiPropertyOptional({ example: '0371-12345678' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;

  @ApiPropertyOptional({ example: 'zhang.wei@example.gov.cn' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  email?: string;
}

export class RegisterPersonDto {
  @ApiProperty({ example: 'ZZ-0001' })
  @IsString()
  @Length(1, 32)
  staffNumber!: string;

  @ApiProperty({ example: '张伟' })
  @IsString()
  @Length(1, 64)
  name!: string;

  @ApiProperty({ enum: GENDERS })
  @IsIn(GENDERS)
  gender!: string;

  @ApiProperty({ example: 1972 })
  @IsInt()
  @Min(1900)
  birthYear!: number;

  @ApiPropertyOptional({ type: ContactDto, description: 'Leave out to keep; null is refused (send the fields to change)' })
  @ValidateIf((_object, value) => value !== undefined)
  @IsObject({ message: 'contact must be an object with phone and/or email; null is not accepted' })
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ example: '张伟' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  name?: string;

  @ApiPropertyOptional({
    example: '2025-07-01',
    format: 'date',
    description:
      'First day the person bears the new name; with `name` only. Defaults to today in China Standard Time; may be earlier, not later.',
  })
  @IsOptional()
  @IsCalendarDay()
  effectiveFrom?: string;

  @ApiPropertyOptional({ enum: GENDERS })
  @IsOptional()
  @IsIn(GENDERS)
  gender?: string;

  @ApiPropertyOptional({ example: 1972 })
  @IsOptional()
  @IsInt()
  @Min(1900)
  birthYear?: number;

  @ApiPropertyOptional({ type: ContactDto, description: 'Leave out to keep; null is refused (send the fields to change)' })
  @ValidateIf((_object, value) => value !== undefined)
  @IsObject({ message: 'contact must be an object with phone and/or email; null is not accepted' })
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

export class RegisterSigningKeyDto {
  @ApiProperty({ enum: SIGNING_ALGORITHMS })
  @IsIn(SIGNING_ALGORITHMS)
  algorithm!: string;

  @ApiProperty({ description: 'Ed25519: 32-byte hex or PEM SPKI; SM2: uncompressed (04‖x‖y) or compressed hex point' })
  @IsString()
  @Length(1, 4096)
  publicKey!: string;

  @ApiProperty({ example: '2025-01-01' })
  @IsCalendarDay()
  effectiveFrom!: string;
}

export class RevokeSigningKeyDto {
  @ApiProperty({ example: '2025-06-30', description: 'First day the key is no longer valid' })
  @IsCalendarDay()
  effectiveFrom!: string;

  @ApiProperty({ enum: KEY_REVOCATION_REASONS })
  @IsIn(KEY_REVOCATION_REASONS)
  reason!: string;
}

export class DeclareRelationDto {
  @ApiProperty({ enum: RELATION_KINDS })
  @IsIn(RELATION_KINDS)
  kind!: string;

  @ApiProperty({ example: 'JS-JYJ' })
  @IsString()
  @Length(1, 64)
  unitCode!: string;

  @ApiPropertyOptional({ enum: KINSHIP_DEGREES, description: 'Required for kinship' })
  @IsOptional()
  @IsIn(KINSHIP_DEGREES)
  kinship?: string;

  @ApiProperty({ example: '2020-01-01' })
  @IsCalendarDay()
  effectiveFrom!: string;

  @ApiPropertyOptional({ example: '2023-12-31', description: 'Required for a former post' })
  @IsOptional()
  @IsCalendarDay()
  effectiveTo?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class WithdrawRelationDto {
  @ApiProperty({ example: '2025-06-30' })
  @IsCalendarDay()
  effectiveTo!: string;
}

export class ErasePersonalDataDto {
  @ApiProperty({ enum: ERASURE_LEGAL_BASES, description: 'PIPL art. 47 ground' })
  @IsIn(ERASURE_LEGAL_BASES)
  legalBasis!: string;

  @ApiProperty({ example: '本人撤回同意，申请编号 2026-017', description: 'The request or case it answers; never the erased values' })
  @IsString()
  @Length(1, 500)
  note!: string;
}

export class PersonSearchQuery {
  @ApiProperty({ description: 'Part of the name, or the start of the staff number', example: '张' })
  @IsString()
  @Length(1, 64)
  q!: string;
}
