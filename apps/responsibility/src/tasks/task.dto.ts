import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDay } from '@app/kit';
import { MAX_ATTACHMENTS_PER_ENTRY } from '../duty-template/evidence-attachments';

/** An uploaded evidence file named by an entry, as `POST /evidence` answered it. */
export class EvidenceAttachmentDto {
  @ApiProperty({ example: '2025年第一季度廉政谈话记录.pdf' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'application/pdf' })
  @IsString()
  @Length(3, 191)
  mediaType!: string;

  @ApiProperty({ description: 'Bytes' })
  @IsInt()
  @Min(1)
  size!: number;

  @ApiProperty({ description: 'SHA-256 of the file, lowercase hex' })
  @Matches(/^[0-9a-f]{64}$/)
  sha256!: string;
}

export class AssignTaskDto {
  @ApiProperty({ example: 'JS-JYJ', description: 'The unit whose year list the task carries out' })
  @IsString()
  @Length(1, 64)
  unitCode!: string;

  @ApiProperty({ example: 2025 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: 'talks.quarterly', description: 'Key of the item of the unit’s year list' })
  @IsString()
  @Length(1, 131)
  itemKey!: string;

  @ApiProperty({ example: 'JS-JYJ-JJK', description: 'The unit or field in the assignee’s portfolio (分管范围) the task concerns' })
  @IsString()
  @Length(1, 64)
  areaCode!: string;

  @ApiProperty({ example: '第一季度分管领域廉政谈话' })
  @IsString()
  @Length(1, 100)
  title!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({ example: 'S-0102', description: 'Staff number of the team member the task goes to' })
  @IsString()
  @Length(1, 32)
  assignee!: string;

  @ApiProperty({ example: '2025-03-31', description: 'Due day; not after the item’s deadline' })
  @IsCalendarDay()
  due!: string;
}

export class TaskEntryDto {
  @ApiProperty({
    example: '2025-03-12',
    description: 'The day the work was done or the account written; not before the assignment, not after today',
  })
  @IsCalendarDay()
  day!: string;

  @ApiProperty({ example: '与分管科室负责人开展廉政谈话' })
  @IsString()
  @Length(1, 2000)
  text!: string;

  @ApiPropertyOptional({ type: [EvidenceAttachmentDto], description: 'Evidence uploaded beforehand with POST /evidence' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ATTACHMENTS_PER_ENTRY)
  @ValidateNested({ each: true })
  @Type(() => EvidenceAttachmentDto)
  attachments?: EvidenceAttachmentDto[];
}

export class TaskParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

/** A unit in a route (`/units/{unit}/…`); shared by the reads of tasks, ten things and follow-ups. */
export class UnitParams {
  @ApiProperty({ example: 'JS-JYJ' })
  @IsString()
  @Length(1, 64)
  unit!: string;
}

export class YearQuery {
  @ApiProperty({ example: 2025 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}
