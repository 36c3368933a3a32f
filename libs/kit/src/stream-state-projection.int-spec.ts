import { DataSource } from 'typeorm';
import type { Command, Decider } from '@app/domain';
import { EventStore, executeCommand, ProjectionRunner, type StoredEvent } from '@app/eventstore';
import { createTestDatabase, PG_CONNECTION, type TestDatabase } from '@app/testing';
import { streamStateLinesTableSql, streamStateProjection, streamStateTableSql, type StreamStateReadModel } from './stream-state-projection';

type Opened = { type: 'ListOpened'; data: { unitCode: string; year: number } };
type Ticked = { type: 'ItemTicked'; data: { item: string } };
type ListEvent = Opened | Ticked;
type List = { unitCode: string | null; year: number | null; ticked: string[] };

const model: StreamStateReadModel<List, ListEvent> = {
  name: 'test-lists',
  version: 1,
  table: 'test_lists',
  handles: ['ListOpened', 'ItemTicked'],
  initialState: () => ({ unitCode: null, year: null, ticked: [] }),
  evolve: (state, event) =>
    event.type === 'ListOpened' ? { ...state, ...event.data } : { ...state, ticked: [...state.ticked, event.data.item] },
  columns: {
    unit_code: { type: 'text', of: (state) => state.unitCode },
    year: { type: 'integer', of: (state) => state.year },
    ticked_count: { type: 'integer', of: (state) => state.ticked.length },
  },
};

/** The same lists with a line per ticked item, for set-based reads over the items. */
const withLines: StreamStateReadModel<List, ListEvent> = {
  ...model,
  name: 'test-lists-lines',
  table: 'test_lists_l',
  lines: {
    table: 'test_list_lines',
    columns: { unit_code: 'text', item: 'text', place: 'integer' },
    of: (state) => state.ticked.map((item, index) => ({ unit_code: state.unitCode, item, place: index + 1 })),
  },
};

let position = 0;
function stored(streamId: string, version: number, event: ListEvent): StoredEvent {
  position += 1;
  return {
    ...event,
    position,
    streamId,
    version,
    eventId: `e${position}`,
    schemaVersion: 1,
    metadata: {} as never,
    recordedAt: new Date(),
    contentHash: '',
  };
}

describe('stream state read model: one folded row per stream, kept by the aggregate’s own evolve', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const projection = streamStateProjection(model);

  beforeAll(async () => {
    database = await createTestDatabase('stream_state');
    dataSource = await new DataSource({
      type: 'postgres',
      ...PG_CONNECTION,
      username: PG_CONNECTION.user,
      database: database.name,
    }).initialize();
    await dataSource.query(streamStateTableSql(model as never));
    await dataSource.query(streamStateTableSql(withLines as never));
    await dataSource.query(streamStateLinesTableSql(withLines as never));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const rows = () =>
    dataSource.query<{ stream_id: string; version: number; state: List; unit_code: string; year: number; ticked_count: number }[]>(
      'SELECT * FROM test_lists ORDER BY stream_id',
    );

  test('a batch over several streams writes each touched row once, with its version, state and derived columns', async () => {
    await projection.applyAll!(
      [
        stored('list-A', 1, { type: 'ListOpened', data: { unitCode: 'A', year: 2025 } }),
        stored('list-B', 1, { type: 'ListOpened', data: { unitCode: 'B', year: 2026 } }),
        stored('list-A', 2, { type: 'ItemTicked', data: { item: 'x' } }),
      ],
      dataSource.manager,
    );
    expect(await rows()).toEqual([
      { stream_id: 'list-A', version: 2, state: { unitCode: 'A', year: 2025, ticked: ['x'] }, unit_code: 'A', year: 2025, ticked_count: 1 },
      { stream_id: 'list-B', version: 1, state: { unitCode: 'B', year: 2026, ticked: [] }, unit_code: 'B', year: 2026, ticked_count: 0 },
    ]);
  });

  test('an event delivered again (inline, then from the seal) is folded once; a gap waits for the missing event', async () => {
    const again = stored('list-A', 2, { type: 'ItemTicked', data: { item: 'x' } });
    await projection.apply(again, dataSource.manager);
    const afterGap = stored('list-A', 4, { type: 'ItemTicked', data: { item: 'z' } });
    await projection.applyAll!([afterGap], dataSource.manager);
    expect((await rows())[0]).toMatchObject({ version: 2, ticked_count: 1 });
    await projection.applyAll!([stored('list-A', 3, { type: 'ItemTicked', data: { item: 'y' } }), afterGap], dataSource.manager);
    expect((await rows())[0]).toMatchObject({ version: 4, state: { ticked: ['x', 'y', 'z'] }, ticked_count: 3 });
  });

  test('inline, a state the command path folded with the same fold is taken instead of loading the row; another fold is not', async () => {
    const queries: string[] = [];
    const manager = new Proxy(dataSource.manager, {
      get: (target, key) =>
        key === 'query'
          ? (text: string, params?: unknown[]) => {
              queries.push(text.split(' ')[0]);
              return target.query(text, params);
            }
          : (Reflect.get(target, key) as unknown),
    });
    const folded = (version: number, state: List, evolve: unknown = model.evolve) => ({
      streamId: 'list-C',
      version,
      state,
      evolve,
      initialState: model.initialState,
      types: new Set(version === 0 ? [] : ['ListOpened']),
    });
    await projection.applyAll!(
      [stored('list-C', 1, { type: 'ListOpened', data: { unitCode: 'C', year: 2027 } })],
      manager,
      folded(0, model.initialState()),
    );
    const opened = { unitCode: 'C', year: 2027, ticked: [] };
    await projection.applyAll!([stored('list-C', 2, { type: 'ItemTicked', data: { item: 'p' } })], manager, folded(1, opened));
    expect(queries).toEqual(['INSERT', 'INSERT']);
    expect((await rows()).find((row) => row.stream_id === 'list-C')).toMatchObject({
      version: 2,
      state: { ticked: ['p'] },
      ticked_count: 1,
    });
    queries.length = 0;
    await projection.applyAll!(
      [stored('list-C', 3, { type: 'ItemTicked', data: { item: 'q' } })],
      manager,
      folded(2, { ...opened, ticked: ['wrong'] }, () => undefined),
    );
    expect(queries).toEqual(['SELECT', 'INSERT']);
    expect((await rows()).find((row) => row.stream_id === 'list-C')).toMatchObject({ version: 3, state: { ticked: ['p', 'q'] } });
  });

  test('reset empties the table for a rebuild; identifiers outside [a-z0-9_] are refused when the model is declared', async () => {
    await projection.reset(dataSource.manager);
    expect(await rows()).toEqual([]);
    expect(() => streamStateProjection({ ...model, table: 'lists; DROP TABLE x' })).toThrow(/bad read model identifier/);
    expect(() => streamStateProjection({ ...model, columns: { state: { type: 'text', of: () => null } } })).toThrow(
      /bad read model identifier/,
    );
  });

  test('lines derived from the state are replaced with each write of the stream, and reset empties them too', async () => {
    const lined = streamStateProjection(withLines);
    const lines = () => dataSource.query('SELECT stream_id, unit_code, item, place FROM test_list_lines ORDER BY stream_id, place');
    await lined.applyAll!(
      [
        stored('list-A', 1, { type: 'ListOpened', data: { unitCode: 'A', year: 2025 } }),
        stored('list-A', 2, { type: 'ItemTicked', data: { item: 'x' } }),
        stored('list-B', 1, { type: 'ListOpened', data: { unitCode: 'B', year: 2025 } }),
      ],
      dataSource.manager,
    );
    await lined.applyAll!([stored('list-A', 3, { type: 'ItemTicked', data: { item: 'y' } })], dataSource.manager);
    await lined.apply(stored('list-A', 3, { type: 'ItemTicked', data: { item: 'y' } }), dataSource.manager);
    expect(await lines()).toEqual([
      { stream_id: 'list-A', unit_code: 'A', item: 'x', place: 1 },
      { stream_id: 'list-A', unit_code: 'A', item: 'y', place: 2 },
    ]);
    await lined.reset(dataSource.manager);
    expect(await lines()).toEqual([]);
    expect(() => streamStateProjection({ ...withLines, lines: { ...withLines.lines!, table: 'x y' } })).toThrow(
      /bad read model identifier/,
    );
  });

  test('through the store, each command writes its row and replaces its lines in the append’s own statement', async () => {
    type Tick = Command<'Open', { unitCode: string; year: number }> | Command<'Tick', { item: string }>;
    const lists: Decider<List, Tick, ListEvent> = {
      initialState: withLines.initialState,
      evolve: withLines.evolve,
      decide: (command) =>
        command.type === 'Open' ? [{ type: 'ListOpened', data: command.data }] : [{ type: 'ItemTicked', data: command.data }],
    };
    const store = new EventStore(database.pool, { source: 'test', hashAlgorithm: 'sm3' });
    const runner = new ProjectionRunner(store, dataSource, [streamStateProjection(withLines)]);
    let transactions = 0;
    const transaction = runner.transaction.bind(runner);
    runner.transaction = (work) => ((transactions += 1), transaction(work));
    store.projectInline(runner);
    const send = (command: Omit<Tick, 'metadata'>) =>
      executeCommand(store, lists, 'list-S', { ...command, metadata: { now: new Date(), actor: { personId: 'p-1' } } } as Tick, {
        correlationId: 'c',
      });
    await send({ type: 'Open', data: { unitCode: 'S', year: 2026 } });
    await send({ type: 'Tick', data: { item: '一' } });
    await send({ type: 'Tick', data: { item: '二' } });
    expect(transactions).toBe(0);
    expect(await dataSource.query("SELECT version, state, ticked_count FROM test_lists_l WHERE stream_id = 'list-S'")).toEqual([
      { version: 3, state: { unitCode: 'S', year: 2026, ticked: ['一', '二'] }, ticked_count: 2 },
    ]);
    expect(await dataSource.query("SELECT unit_code, item, place FROM test_list_lines WHERE stream_id = 'list-S' ORDER BY place")).toEqual([
      { unit_code: 'S', item: '一', place: 1 },
      { unit_code: 'S', item: '二', place: 2 },
    ]);
  });
});
