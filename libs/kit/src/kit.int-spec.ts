import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Injectable, Module, Param, Post } from '@nestjs/common';
import { CommandBus, CommandHandler, QueryBus, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { Ctx, Payload } from '@nestjs/microservices';
import { IsInt, Max, Min } from 'class-validator';
import { DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import type { IntegrationEnvelope } from '@app/contracts';
import { DomainError, type Command, type Decider, type DomainEvent } from '@app/domain';
import { createKafka, eventTopicSpecs, InboxEventPattern, type InboxContext } from '@app/messaging';
import { EventSourcing, type SealedEvent } from '@app/eventstore';
import { createLogger, CurrentPrincipal, Metrics, ServiceEnv, type Principal } from '@app/platform';
import { startTestApp, type TestApp } from '@app/testing';
import { CommandContextOf, type CommandContext } from './command-context';
import { CommandPath, type Aggregate, type CommandResponse, type CommandWithoutMetadata } from './command-path';
import { BusCommand, BusQuery, forwardingHandler } from './bus-messages';
import { foldBatch } from './fold-batch';
import { connectInbox, inboxCommandContext } from './inbox';
import { commandContext } from './command-context';
import { LogReactor } from './log-reactor';
import { ServiceKitModule } from './service-kit.module';

/**
 * A whole service on the kit, as small as one can be: a tally decider, two command handlers (one
 * forwarding, one with a rule), a read model, a controller, a process manager fed by the inbox,
 * and one module. Runs against the real PostgreSQL and Kafka.
 */

type Add = Command<'Add', { readonly tally: string; readonly amount: number }>;
type Reset = Command<'Reset', { readonly tally: string }>;
type Added = DomainEvent<'Added', { readonly tally: string; readonly amount: number }>;
type WasReset = DomainEvent<'WasReset', { readonly tally: string }>;
type TallyEvent = Added | WasReset;
type Tally = { readonly total: number };

const tallyDecider: Decider<Tally, Add | Reset, TallyEvent> = {
  initialState: () => ({ total: 0 }),
  decide: (command, state) => {
    switch (command.type) {
      case 'Add':
        if (state.total + command.data.amount > 100) throw new DomainError('TALLY.TOO_HIGH', 'a tally stops at 100', 'conflict');
        return [{ type: 'Added', data: command.data }];
      case 'Reset':
        return state.total === 0 ? [] : [{ type: 'WasReset', data: command.data }];
    }
  },
  evolve: (state, event) => (event.type === 'Added' ? { total: state.total + event.data.amount } : { total: 0 }),
};

@Injectable()
class TallyAggregate {
  private readonly aggregate: Aggregate<Tally, Add | Reset, TallyEvent> = {
    decider: tallyDecider,
    authorise: ({ principal }, streamId) => {
      if (streamId.endsWith('-locked'))
        throw new DomainError('AUTH.FORBIDDEN', `${principal.personId} may not touch ${streamId}`, 'forbidden');
    },
  };

  constructor(private readonly path: CommandPath) {}

  send(command: CommandWithoutMetadata<Add | Reset>, context: CommandContext): Promise<CommandResponse> {
    return this.path.execute(this.aggregate, `tally-${command.data.tally}`, command, context);
  }
}

class AddCommand extends BusCommand<Add['data']> {}
class ResetCommand extends BusCommand<Reset['data']> {}
const ResetHandler = forwardingHandler(ResetCommand, TallyAggregate, 'Reset');

@CommandHandler(AddCommand)
class AddHandler implements ICommandHandler<AddCommand> {
  constructor(private readonly tallies: TallyAggregate) {}

  execute({ data, context }: AddCommand): Promise<CommandResponse> {
    if (data.amount === 13) throw new DomainError('TALLY.UNLUCKY', 'not 13', 'invalid');
    return this.tallies.send({ type: 'Add', data }, context);
  }
}

class GetTally extends BusQuery<{ readonly tally: string }, { tally: string; total: number; version: number }> {}

@QueryHandler(GetTally)
class GetTallyHandler implements IQueryHandler<GetTally> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ params: { tally } }: GetTally) {
    const rows: { total: number; version: number }[] = await this.dataSource.query('SELECT total, version FROM tallies WHERE name = $1', [
      tally,
    ]);
    if (!rows[0]) throw new DomainError('TALLY.NOT_FOUND', `no tally ${tally}`, 'not_found');
    return { tally, ...rows[0] };
  }
}

class AddDto {
  @IsInt()
  @Min(1)
  @Max(100)
  amount!: number;
}

const PINGS_TOPIC = `kit.pings.${randomUUID().slice(0, 8)}`;
const SERVICE: Principal = { personId: 'service:tally', roles: [], units: [] };
const inboxCommands: CommandResponse[] = [];

@Controller('tallies')
class TallyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post(':tally/add')
  add(@Param('tally') tally: string, @Body() dto: AddDto, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new AddCommand({ tally, amount: dto.amount }, context));
  }

  @Post(':tally/reset')
  reset(@Param('tally') tally: string, @CommandContextOf() context: CommandContext) {
    return this.commands.execute(new ResetCommand({ tally }, context));
  }

  @Get(':tally')
  get(@Param('tally') tally: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new GetTally({ tally }, principal));
  }

  /** Process manager: each ping adds one to its tally, once per message however often it arrives. */
  @InboxEventPattern('kit.Pinged')
  async pinged(@Payload() envelope: IntegrationEnvelope<'kit.Pinged', { tally: string }>, @Ctx() _inbox: InboxContext) {
    const context = inboxCommandContext(envelope, 'tally-pings', SERVICE);
    inboxCommands.push(await this.commands.execute(new AddCommand({ tally: envelope.data.tally, amount: 1 }, context)));
  }
}

class Tallies1764100000000 implements MigrationInterface {
  name = 'Tallies1764100000000';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE tallies (name text PRIMARY KEY, total integer NOT NULL, version integer NOT NULL)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE tallies');
  }
}

const talliesProjection = {
  name: 'tallies',
  version: 1,
  handles: ['Added', 'WasReset'],
  async reset(manager: EntityManager) {
    await manager.query('TRUNCATE tallies');
  },
  apply(event: never, manager: EntityManager) {
    return this.applyAll([event], manager);
  },
  async applyAll(events: readonly (TallyEvent & { version: number })[], manager: EntityManager) {
    const touched = await foldBatch<Tally, TallyEvent>(events, {
      keyOf: (event) => event.data.tally,
      load: async (name) => {
        const [row] = await manager.query<{ total: number; version: number }[]>('SELECT total, version FROM tallies WHERE name = $1', [
          name,
        ]);
        return row && { state: { total: row.total }, version: row.version };
      },
      initialState: tallyDecider.initialState,
      evolve: tallyDecider.evolve,
    });
    for (const [name, { state, version }] of touched) {
      await manager.query(
        'INSERT INTO tallies (name, total, version) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET total = $2, version = $3',
        [name, state.total, version],
      );
    }
  },
};

@Module({})
class TallyModule {
  static forRoot() {
    return {
      module: TallyModule,
      imports: [
        ServiceKitModule.forService({
          eventSourcing: {
            source: 'tally',
            entities: [],
            migrations: [Tallies1764100000000],
            projections: [talliesProjection as never],
            topics: eventTopicSpecs('kit.tallies.v1', 1),
            streamFolders: { 'tally-': tallyDecider },
          },
          commands: { topic: 'kit.tallies.v1', toIntegration: () => null },
        }),
      ],
      controllers: [TallyController],
      providers: [TallyAggregate, AddHandler, ResetHandler, GetTallyHandler],
    };
  }
}

describe('service kit: a service is its deciders, handlers, read models, controllers and one module', () => {
  let app: TestApp<ServiceEnv>;
  let token: string;
  const tally = () => `t${randomUUID().slice(0, 8)}`;
  const add = (name: string, amount: number, headers: Record<string, string> = {}) =>
    app.request('POST', `/tallies/${name}/add`, { token, body: { amount }, headers });

  beforeAll(async () => {
    app = await startTestApp({ name: 'kit-tally', env: ServiceEnv, module: () => TallyModule.forRoot() });
    token = app.token(['unit_officer'], [], 'p-kit');
    await connectInbox(app.app, {
      groupId: `kit-${randomUUID().slice(0, 8)}`,
      topics: [PINGS_TOPIC],
      sessionTimeout: 10_000,
      heartbeatInterval: 1000,
    });
    await app.app.startAllMicroservices();
  });
  afterAll(() => app?.close());

  test('a command goes over the bus through the one path; the answer carries the version as ETag; a read sees it at once', async () => {
    const name = tally();
    const first = await add(name, 5);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ streamId: `tally-${name}`, version: 1, events: ['Added'], replayed: false, readModelsCurrent: true });
    expect(first.headers.get('etag')).toBe('"1"');
    const read = await app.request('GET', `/tallies/${name}`, { token });
    expect(read.body).toEqual({ tally: name, total: 5, version: 1 });
    expect(read.headers.get('etag')).toBe('"1"');
  });

  test('handler rules, decider rules and the authorisation hook answer with their codes and write nothing', async () => {
    const name = tally();
    expect((await add(name, 13)).body.code).toBe('TALLY.UNLUCKY');
    expect((await add(name, 60)).status).toBe(201);
    const tooHigh = await add(name, 60);
    expect([tooHigh.status, tooHigh.body.code]).toEqual([409, 'TALLY.TOO_HIGH']);
    const locked = await add(`${name}-locked`, 1);
    expect([locked.status, locked.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    expect((await app.request('GET', `/tallies/${name}`, { token })).body.total).toBe(60);
  });

  test('Idempotency-Key replays the first answer; a stale If-Match is refused with 412; a forwarding handler needs no class', async () => {
    const name = tally();
    const once = await add(name, 2, { 'idempotency-key': 'k-1' });
    const again = await add(name, 2, { 'idempotency-key': 'k-1' });
    expect(again.body).toEqual({ ...once.body, replayed: true });
    const stale = await add(name, 1, { 'if-match': '"0"' });
    expect([stale.status, stale.body.code]).toEqual([412, 'STREAM.WRONG_EXPECTED_VERSION']);
    const reset = await app.request('POST', `/tallies/${name}/reset`, { token, headers: { 'if-match': '"1"' } });
    expect([reset.status, reset.body.events]).toEqual([201, ['WasReset']]);
  });

  test('a process manager fed by the inbox sends commands on the bus, once per message however often it arrives', async () => {
    const name = tally();
    const kafka = createKafka({ clientId: 'kit-test' });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    const ping = {
      envelopeVersion: 1,
      id: randomUUID(),
      type: 'kit.Pinged',
      version: 1,
      source: 'test',
      correlationId: 'c-1',
      data: { tally: name },
    };
    const message = { key: name, value: JSON.stringify(ping) };
    await producer.send({ topic: PINGS_TOPIC, messages: [message, message] });
    await producer.disconnect();
    for (let i = 0; i < 100 && (await app.request('GET', `/tallies/${name}`, { token })).status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await app.request('GET', `/tallies/${name}`, { token })).body).toMatchObject({ total: 1, version: 1 });
    // After a crash between the command and the inbox's commit, the same message is handled again: the key replays it.
    const commands = app.app.get(CommandBus);
    const replay = await commands.execute(
      new AddCommand({ tally: name, amount: 1 }, inboxCommandContext(ping as never, 'tally-pings', SERVICE)),
    );
    expect(replay).toMatchObject({ version: 1, replayed: true });
  });

  /**
   * A process manager of the service's own log: every `Added` to a `src…` tally adds the same to
   * its `mirror…` tally, with the event id as idempotency key. `refuse…` tallies are refused for
   * good; `flaky…` ones fail with a conflict the first time.
   */
  /** Source events (src…) a reactor acted on, by reactor instance. */
  const acted = new Map<LogReactor, string[]>();
  function mirrorReactor(name: string, suffix: string, metrics = new Metrics('kit-reactor')) {
    const failedOnce = new Set<string>();
    const seen: string[] = [];
    const commands = app.app.get(CommandBus);
    const react = async (event: SealedEvent) => {
      const { tally: source, amount } = event.data as { tally: string; amount: number };
      if (!source.endsWith(suffix) || !/^(src|refuse|flaky)/.test(source)) return;
      if (source.startsWith('refuse')) throw new DomainError('MIRROR.REFUSED', 'not mirrored', 'invalid');
      if (source.startsWith('flaky') && !failedOnce.has(event.eventId)) {
        failedOnce.add(event.eventId);
        throw new DomainError('REGISTRY.NOT_CAUGHT_UP', 'not yet', 'conflict');
      }
      seen.push(event.eventId);
      const context = commandContext(SERVICE, { idempotencyKey: event.eventId, idempotencyScope: `reaction:${name}` });
      await commands.execute(new AddCommand({ tally: `mirror${suffix}`, amount }, context));
    };
    const reactor = new LogReactor(
      { name, handles: ['Added'], react },
      app.app.get(EventSourcing),
      createLogger('kit-reactor', 'silent'),
      metrics,
    );
    acted.set(reactor, seen);
    return reactor;
  }
  const total = async (name: string) => (await app.request('GET', `/tallies/${name}`, { token })).body.total as number | undefined;
  const sealed = async () => {
    const sourcing = app.app.get(EventSourcing);
    for (let i = 0; i < 100 && (await sourcing.store.lastSealedSeq()) < (await lastPosition()); i++)
      await new Promise((r) => setTimeout(r, 50));
  };
  const lastPosition = async () => {
    const { rows } = await app.app.get(EventSourcing).pool.query<{ n: string }>('SELECT count(*) AS n FROM es_events');
    return Number(rows[0].n);
  };

  test('a log reaction acts on each sealed event once, resumes after a restart from its checkpoint, retries conflicts and passes over refusals', async () => {
    const suffix = randomUUID().slice(0, 8);
    const reactionName = `mirror-${suffix}`;
    expect((await add(`src${suffix}`, 3)).status).toBe(201);
    expect((await add(`src${suffix}`, 4)).status).toBe(201);
    await sealed();
    const first = mirrorReactor(reactionName, suffix);
    expect(await first.catchUp()).toMatchObject({ ran: true, refused: 0 });
    expect(await total(`mirror${suffix}`)).toBe(7);
    // A restart: a new reactor of the same name starts after its checkpoint and acts on nothing twice.
    const restarted = mirrorReactor(reactionName, suffix);
    expect(await restarted.catchUp()).toMatchObject({ ran: true });
    expect(acted.get(first)).toHaveLength(2);
    expect(acted.get(restarted)).toEqual([]);
    expect(await total(`mirror${suffix}`)).toBe(7);

    expect((await add(`flaky${suffix}`, 5)).status).toBe(201);
    expect((await add(`refuse${suffix}`, 1)).status).toBe(201);
    expect((await add(`src${suffix}`, 1)).status).toBe(201);
    await sealed();
    const metrics = new Metrics('kit-reactor-2');
    const again = mirrorReactor(reactionName, suffix, metrics);
    await expect(again.catchUp()).rejects.toMatchObject({ code: 'REGISTRY.NOT_CAUGHT_UP' });
    expect(await total(`mirror${suffix}`)).toBe(7);
    expect(await again.catchUp()).toMatchObject({ ran: true, refused: 1 });
    expect(await total(`mirror${suffix}`)).toBe(13);
    expect(await metrics.registry.getSingleMetricAsString('log_reaction_refusals_total')).toContain('code="MIRROR.REFUSED"');
  });

  test('started, a log reaction is woken by the seal and acts within moments; one instance at a time', async () => {
    const suffix = randomUUID().slice(0, 8);
    const live = mirrorReactor(`live-${suffix}`, suffix);
    const rival = mirrorReactor(`live-${suffix}`, suffix);
    // Everything before now is old news for this reaction.
    await live.catchUp();
    await live.start();
    try {
      expect((await add(`src${suffix}`, 9)).status).toBe(201);
      for (let i = 0; i < 100 && (await total(`mirror${suffix}`)) !== 9; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await total(`mirror${suffix}`)).toBe(9);
      await rival.catchUp();
      expect(acted.get(rival)).toEqual([]);
    } finally {
      await live.stop();
    }
  });
});
