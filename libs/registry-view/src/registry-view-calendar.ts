import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { adoptPublishedYears, type HolidayArrangement } from '@app/deadlines';
import { PLATFORM_LOGGER, type Logger } from '@app/platform';

/**
 * The national calendar of this service, extended with the years published in the registry
 * (`rv_holiday_arrangements`): at start, after each `registry.HolidayArrangementPublished` has
 * committed in the inbox, and every `reloadMs` besides — with several instances of a service only
 * the one whose consumer reads the message applies it at once; the others find it in the table.
 */
@Injectable()
export class RegistryViewCalendar implements OnApplicationBootstrap, OnApplicationShutdown {
  /** How often every instance reloads the published years from its table. */
  static reloadMs = 60_000;
  private reload?: NodeJS.Timeout;
  /** What was last adopted, so that a reload that finds nothing new says nothing. */
  private lastAdopted?: string;

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
    this.reload = setInterval(() => void this.adopt(), RegistryViewCalendar.reloadMs);
    this.reload.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.reload);
  }

  /** Extends `WorkingDayCalendar.china()` with the published years; a failure is logged, the calendar stays as it was. */
  async adopt(): Promise<void> {
    try {
      const arrangements = await this.arrangements();
      const { adopted, waiting } = adoptPublishedYears(arrangements);
      const seen = JSON.stringify(arrangements);
      if ((adopted.length > 0 || waiting.length > 0) && seen !== this.lastAdopted)
        this.logger.info({ adopted, waiting }, 'national calendar extended with published years');
      this.lastAdopted = seen;
    } catch (error) {
      this.logger.error({ error: (error as Error).message }, 'national calendar not extended: published years rejected');
    }
  }
}
