import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { chinaDay } from '@app/domain';

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const DAY_MESSAGE = '$property must be a calendar day written YYYY-MM-DD';

/** `?on=YYYY-MM-DD` for as-of reads; today in China Standard Time when left out. */
export class AsOfQuery {
  @ApiPropertyOptional({ description: 'Calendar day (China Standard Time); today when left out', example: '2025-06-30' })
  @IsOptional()
  @Matches(DAY_PATTERN, { message: DAY_MESSAGE })
  on?: string;

  day(): string {
    return this.on ?? chinaDay(new Date());
  }
}
