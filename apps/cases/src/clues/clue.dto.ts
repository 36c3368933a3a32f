import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDay } from '@app/kit';
import { CLUE_DISPOSAL_METHODS, CLUE_SOURCES } from './clue.events';

export class ClueSubjectDto {
  @ApiProperty({ example: 'S-0001', description: 'Staff number of the person the clue is about' })
  @IsString()
  @Length(1, 32)
  staffNumber!: string;

  @ApiProperty({ example: 'JS-XZ', description: 'Their unit on the registration day, known to the registry' })
  @IsString()
  @Length(1, 64)
  unitCode!: string;
}

export class RegisterClueDto {
  @ApiProperty({ example: 'JS-JW', description: 'The handling commission; the caller acts for it' })
  @IsString()
  @Length(1, 64)
  commission!: string;

  @ApiProperty({ enum: CLUE_SOURCES })
  @IsIn(CLUE_SOURCES)
  source!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'source petition: an accepted petition of the same commission' })
  @IsOptional()
  @IsUUID()
  petitionId?: string;

  @ApiPropertyOptional({ example: 'XC-2026-03', description: 'Other sources: the tour, audit or other reference number' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  reference?: string;

  @ApiProperty({ type: [ClueSubjectDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ClueSubjectDto)
  subjects!: ClueSubjectDto[];

  @ApiProperty({ example: '2026-03-02', description: 'The day the clue was registered; the disposal decision is due a month later' })
  @IsCalendarDay()
  registeredOn!: string;
}

export class ReviewClueDto {
  @ApiProperty({ example: '2026-03-10', description: 'The day of the collective review (集体研判)' })
  @IsCalendarDay()
  reviewedOn!: string;

  @ApiProperty({ type: [String], example: ['S-0101', 'S-0102'], description: 'Staff numbers of those who took part (at least 2)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  participants!: string[];
}

export class ProposeClueDisposalDto {
  @ApiProperty({ enum: CLUE_DISPOSAL_METHODS, description: '谈话函询, 初步核实, 暂存待查, 予以了结' })
  @IsIn(CLUE_DISPOSAL_METHODS, { message: `method must be one of ${CLUE_DISPOSAL_METHODS.join(', ')}` })
  method!: string;
}

export class ClueParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

const STATUSES = ['registered', 'reviewed', 'proposed', 'approved'] as const;

export class ClueListQuery {
  @ApiProperty({ example: 'JS-JW', description: 'The handling commission' })
  @IsString()
  @Length(1, 64)
  commission!: string;

  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'Only clues whose disposal decision is overdue' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
