import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy, type ValidationOptions } from 'class-validator';
import { chinaDay, isCalendarDay } from '@app/domain';

/** A real calendar day written YYYY-MM-DD (no 2025-02-30), checked at the edge: 400 otherwise. */
export function IsCalendarDay(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDay',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDay(value),
        defaultMessage: () => '$property must be a calendar day written YYYY-MM-DD',
      },
    },
    options,
  );
}

/** `?on=YYYY-MM-DD` for as-of reads; today in China Standard Time when left out. */
export class AsOfQuery {
  @ApiPropertyOptional({ description: 'Calendar day (China Standard Time); today when left out', example: '2025-06-30' })
  @IsOptional()
  @IsCalendarDay()
  on?: string;

  day(): string {
    return this.on ?? chinaDay(new Date());
  }
}
