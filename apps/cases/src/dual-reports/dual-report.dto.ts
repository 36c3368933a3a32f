import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export class AcknowledgeDualReportDto {
  @ApiProperty({ example: 'JS', description: 'The recipient unit acknowledging; the caller acts for it' })
  @IsString()
  @Length(1, 64)
  recipient!: string;
}

export class DualReportParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class DualReportListQuery {
  @ApiProperty({ example: 'JS-JW', description: 'The reporting commission' })
  @IsString()
  @Length(1, 64)
  commission!: string;

  @ApiPropertyOptional({ description: 'Only the reports of this clue or case' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  matterId?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
