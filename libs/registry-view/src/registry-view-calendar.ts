import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { adoptPublishedYears, type HolidayArrangement } from '@app/deadlines';
import { PLATFORM_LOGGER, type Logger } from '@app/platform';

/**
 * The national calendar of this service, extended with the years published in the registry
 * (`rv_holiday_arrangements`): at start, and after each `registry.HolidayArrangementPublished` has
 * committed in the inbox, so `WorkingDayCalendar.china()` answers for them in every decider.
 */
@Injectable()
export class RegistryViewCalendar implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {}

  async arrangements(): Promise<HolidayArrangement[]> {
    const rows = await this.dataSource.query<
      { year: number; sources: string[]; holidays: HolidayArrangement['holidays']; make_up_working_days: string[] }[]
    >('SELECT year, sources, holidays, make_up_working_days FROM rv_holiday_arrangements ORDER BY year');
    return rows.map((row) => ({
      year: row.year,
      sources: row.sources,
      holidays: row.holidays,
      makeUpWorkingDays: row.make_up_working_days,
    }));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.adopt();
  }

  /** Extends `WorkingDayCalendar.china()` with the published years; a failure is logged, the calendar stays as it was. */
  async adopt(): Promise<void> {
    try {
      const { adopted, waiting } = adoptPublishedYears(await this.arrangements());
      if (adopted.length > 0 || waiting.length > 0)
        this.logger.info({ adopted, waiting }, 'national calendar extended with published years');
    } catch (error) {
      this.logger.error({ error: (error as Error).message }, 'national calendar not extended: published years rejected');
    }
  }
}
