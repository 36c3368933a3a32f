import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { adoptPublishedYears } from '@app/deadlines';
import { PLATFORM_LOGGER, type Logger } from '@app/platform';
import type { PublishedYear } from './calendar-year.decider';

/**
 * The years published in this registry (read model `reg_calendar_years`), and the process's national
 * calendar extended with them: at start, and after each publication has committed.
 */
@Injectable()
export class PublishedCalendar implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(PLATFORM_LOGGER) private readonly logger: Logger,
  ) {}

  async years(): Promise<PublishedYear[]> {
    const rows = await this.dataSource.query<{ state: PublishedYear }[]>(
      'SELECT state FROM reg_calendar_years WHERE year IS NOT NULL ORDER BY year',
    );
    return rows.map((row) => row.state);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.adopt();
  }

  /** Extends `WorkingDayCalendar.china()` with the published years; a failure is logged, the calendar stays as it was. */
  async adopt(): Promise<void> {
    try {
      const { adopted, waiting } = adoptPublishedYears((await this.years()).map((year) => year.arrangement));
      if (adopted.length > 0 || waiting.length > 0)
        this.logger.info({ adopted, waiting }, 'national calendar extended with published years');
    } catch (error) {
      this.logger.error({ error: (error as Error).message }, 'national calendar not extended: published years rejected');
    }
  }
}
