import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The schemas of the calendar routes' answers, as the query handlers give them. */

const DAY = { example: '2027-01-01', format: 'date' } as const;

export class HolidayPeriodView {
  @ApiProperty({ example: '春节' }) name!: string;
  @ApiProperty(DAY) from!: string;
  @ApiProperty(DAY) to!: string;
}

export class CalendarYearSummaryView {
  @ApiProperty({ example: 2027 }) year!: number;
  @ApiProperty({ enum: ['built_in', 'published'], description: 'Compiled into the code, or published in the registry' }) origin!: string;
  @ApiProperty({ type: [String], description: 'The notice(s) the arrangement is taken from' }) sources!: string[];
  @ApiPropertyOptional({ description: 'Published years: the stream version (one more per correction)' }) version?: number;
  @ApiPropertyOptional({ description: 'Published years: who published the arrangement in force' }) publishedBy?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Published years: when the arrangement in force was published' })
  publishedAt?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Published years: when the year was first published' })
  firstPublishedAt?: string;
  @ApiPropertyOptional({ description: 'Published years: why the latest correction was made' }) correctionReason?: string;
}

export class CalendarYearsView {
  @ApiProperty({ example: 2014 }) firstYear!: number;
  @ApiProperty({ example: 2027, description: 'The last year the calendar answers for' }) lastYear!: number;
  @ApiProperty({ type: [CalendarYearSummaryView], description: 'Every covered year, oldest first' }) years!: CalendarYearSummaryView[];
}

export class CalendarYearView extends CalendarYearSummaryView {
  @ApiProperty({ type: [HolidayPeriodView] }) holidays!: HolidayPeriodView[];
  @ApiProperty({ type: [String], example: ['2027-02-20'] }) makeUpWorkingDays!: string[];
}
