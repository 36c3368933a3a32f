import type { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { createLogger, Metrics, type Logger } from '@app/platform';
import { createTestDatabase, PG_CONNECTION, type TestDatabase } from '@app/testing';
import type { CommandContext } from './command-context';
import { DeadlineSweepService, type DeadlineSweepDeps } from './deadline-sweep';

/** A command of the sweep under test: records the item's miss unless it was recorded before. */
class MarkMissed {
  constructor(
    readonly item: string,
    readonly context: CommandContext,
  ) {}
}

class Sweep extends DeadlineSweepService<string> {
  readonly asked: string[] = [];

  constructor(
    deps: DeadlineSweepDeps,
    private readonly items: readonly string[],
  ) {
    super('test-deadlines', deps);
  }

  protected due(today: string): Promise<string[]> {
    this.asked.push(today);
    return Promise.resolve([...this.items]);
  }

  protected command(item: string, context: CommandContext) {
    return new MarkMissed(item, context);
  }
}

describe('deadline sweep: one command per due item, each miss once, a failing item not holding up the rest', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const errors: unknown[] = [];
  const logger = createLogger('deadline-sweep-test', 'silent');
  const recording: Logger = Object.assign(Object.create(logger) as Logger, {
    error: (fields: unknown) => {
      errors.push(fields);
    },
  });

  beforeAll(async () => {
    database = await createTestDatabase('deadline_sweep');
    dataSource = await new DataSource({
      type: 'postgres',
      ...PG_CONNECTION,
      username: PG_CONNECTION.user,
      database: database.name,
    }).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  test('asks for the items due as of the China day of `now`, acts on each, and a second pass acts on none', async () => {
    const recorded = new Set<string>();
    const sent: MarkMissed[] = [];
    const commands = {
      execute: (command: MarkMissed) => {
        sent.push(command);
        if (command.item === 'broken') return Promise.reject(new Error('the stream is unreadable'));
        const events = recorded.has(command.item) ? [] : [{ type: 'Missed' }];
        recorded.add(command.item);
        return Promise.resolve({ events });
      },
    } as unknown as CommandBus;
    const sweep = new Sweep({ commands, dataSource, logger: recording, metrics: new Metrics('sweep') }, ['a', 'broken', 'b']);

    // 2026-03-23T17:00Z is already 24 March in China Standard Time.
    const now = new Date('2026-03-23T17:00:00Z');
    expect(await sweep.runNow(now)).toEqual({ ran: true, acted: 2 });
    expect(sweep.asked).toEqual(['2026-03-24']);
    expect(sent.map((command) => command.item)).toEqual(['a', 'broken', 'b']);
    expect(sent[0].context).toMatchObject({ principal: { personId: 'service:test-deadlines' }, now });
    expect(errors).toEqual([expect.objectContaining({ job: 'test-deadlines', item: 'broken' })]);

    expect(await sweep.runNow(now)).toEqual({ ran: true, acted: 0 });
  });
});
