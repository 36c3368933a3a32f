import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsCalendarDay } from '@app/kit';

export class CalendarYearParams {
  @ApiProperty({ example: 2027, description: 'The year the notice arranges' })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class HolidayPeriodDto {
  @ApiProperty({ example: '春节', description: 'The holiday as the notice names it' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ example: '2027-02-05', description: 'First day off (may be in December of the year before)' })
  @IsCalendarDay()
  from!: string;

  @ApiProperty({ example: '2027-02-11', description: 'Last day off' })
  @IsCalendarDay()
  to!: string;
}

export class PublishHolidayArrangementDto {
  @ApiProperty({
    type: [String],
    example: ['国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕N号，2026-MM-DD）'],
    description: 'The notice (and any amending notice): title, document number and publication date, as text',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 500, { each: true })
  sources!: string[];

  @ApiProperty({ type: [HolidayPeriodDto], description: 'The holiday periods in order, both ends included' })
  @IsArray()
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => HolidayPeriodDto)
  holidays!: HolidayPeriodDto[];

  @ApiProperty({ type: [String], example: ['2027-02-20'], description: 'Saturdays and Sundays worked (调休上班)' })
  @IsArray()
  @ArrayMaxSize(60)
  @IsCalendarDay({ each: true })
  makeUpWorkingDays!: string[];

  @ApiPropertyOptional({
    example: '通知更正：劳动节调休日期有误',
    description: 'Required for a correction (with If-Match): why it changes',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}
