import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { IsCalendarDay } from '@app/kit';
import { CHECK_DECISIONS } from './preliminary-check.events';

export class MatterParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class ConcludeCheckDto {
  @ApiProperty({ enum: CHECK_DECISIONS, description: 'open_case (立案) or close (予以了结)' })
  @IsIn(CHECK_DECISIONS)
  decision!: string;

  @ApiProperty({ example: '经初步核实，反映的问题基本属实，需立案审查', description: 'Why' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class FindingDto {
  @ApiProperty({ example: 'JS-EDU', description: 'The unit where the conduct was found' })
  @IsString()
  @Length(1, 64)
  unitCode!: string;

  @ApiProperty({ type: [String], example: ['S-0001'], description: 'Staff numbers of the persons found responsible' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  staffNumbers!: string[];

  @ApiProperty({ example: '2022-01-01', description: 'First day of the conduct' })
  @IsCalendarDay()
  periodFrom!: string;

  @ApiProperty({ example: '2023-12-31', description: 'Last day of the conduct' })
  @IsCalendarDay()
  periodTo!: string;
}

export class ConcludeCaseDto {
  @ApiProperty({ type: [FindingDto], description: 'One per unit: the persons and the period of the conduct found there' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings!: FindingDto[];
}
