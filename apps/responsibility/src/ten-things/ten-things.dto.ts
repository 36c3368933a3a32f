import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
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
import { MAX_ATTACHMENTS_PER_ENTRY } from '../duty-template/evidence-attachments';
import { EvidenceAttachmentDto } from '../tasks/task.dto';

export class OpenTenThingsProjectDto {
  @ApiProperty({ example: 'JS-JYJ' })
  @IsString()
  @Length(1, 64)
  unitCode!: string;

  @ApiProperty({ example: 2025, description: 'This year or the next' })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: 3, description: 'Which of the ten things (seed §7), 1 to 10' })
  @IsInt()
  @Min(1)
  @Max(10)
  number!: number;
}

export class LedgerEntryDto {
  @ApiProperty({ example: '2025-04-10', description: 'The day the work was done, in the project’s year, not after today' })
  @IsCalendarDay()
  day!: string;

  @ApiProperty({ example: '主持召开党风廉政建设专题会议' })
  @IsString()
  @Length(1, 2000)
  text!: string;

  @ApiProperty({ type: [String], example: ['S-0101'], description: 'Staff numbers of those who did the work' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  doneBy!: string[];

  @ApiPropertyOptional({ type: [EvidenceAttachmentDto], description: 'Evidence uploaded beforehand with POST /evidence' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS_PER_ENTRY)
  @ValidateNested({ each: true })
  @Type(() => EvidenceAttachmentDto)
  attachments?: EvidenceAttachmentDto[];

  @ApiProperty({
    example: 40,
    description: 'The project’s cumulative progress in percent as of this line; never lower than the line before',
  })
  @IsInt()
  @Min(0)
  @Max(100)
  progress!: number;
}

export class LedgerCorrectionDto extends LedgerEntryDto {
  @ApiProperty({ format: 'uuid', description: 'The ledger line this one replaces' })
  @IsUUID()
  supersedes!: string;

  @ApiProperty({ example: '进度填报有误，予以更正' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class ProjectParams {
  @ApiProperty({ example: 'JS-JYJ' })
  @IsString()
  @Length(1, 64)
  unit!: string;

  @ApiProperty({ example: 2025 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: 3 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  n!: number;
}
