import type { EntityManager } from 'typeorm';
import type { FoldedStream, InlineWrite, PendingEvent, Projection, StoredEvent } from '@app/eventstore';
import { foldBatch, foldOnward } from './fold-batch';

type ColumnType = 'text' | 'integer' | 'date' | 'boolean';
type ColumnValue = string | number | boolean | null;

/** The folded state of every stream of one aggregate, one row per stream, as a read model. */
export interface StreamStateReadModel<State, Event> {
  /** Projection name; bump `version` when the state's shape or the columns change (rebuilt from the log). */
  readonly name: string;
  readonly version: number;
  /** Table: `stream_id text PRIMARY KEY, version integer, state jsonb` and the columns below. */
  readonly table: string;
  /** The aggregate's event types. */
  readonly handles: readonly string[];
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  /** Columns derived from the state, for filtered and sorted reads (`unit_code`, `year`, `status`). */
  readonly columns?: Readonly<Record<string, { readonly type: ColumnType; readonly of: (state: State) => ColumnValue }>>;
  /**
   * Rows of a second table derived from each stream's state (e.g. a list's items), replaced
   * whenever the stream's row is written, for set-based reads over what the state holds as an
   * array. The table has `stream_id text` and these columns (see `streamStateLinesTableSql`).
   */
  readonly lines?: {
    readonly table: string;
    readonly columns: Readonly<Record<string, ColumnType>>;
    readonly of: (state: State) => readonly Readonly<Record<string, ColumnValue>>[];
  };
}

const IDENTIFIER = /^[a-z][a-z0-9_]{0,62}$/;

function checked<State, Event>(
  model: StreamStateReadModel<State, Event>,
): [string, { type: ColumnType; of: (state: State) => ColumnValue }][] {
  const columns = Object.entries(model.columns ?? {});
  const lines = model.lines ? [model.lines.table, ...Object.keys(model.lines.columns)] : [];
  for (const name of [model.table, ...columns.map(([column]) => column), ...lines]) {
    if (!IDENTIFIER.test(name) || ['stream_id', 'version', 'state'].includes(name)) throw new Error(`bad read model identifier ${name}`);
  }
  return columns;
}

/** `CREATE TABLE` of the read model, for the feature's migration (indexes on the columns are the feature's choice). */
export function streamStateTableSql(model: StreamStateReadModel<never, never>): string {
  const columns = checked(model).map(([name, { type }]) => `, ${name} ${type}`);
  return `CREATE TABLE ${model.table} (stream_id text PRIMARY KEY, version integer NOT NULL, state jsonb NOT NULL${columns.join('')})`;
}

/** `CREATE TABLE` of the model's lines (indexes are the feature's choice); none without `lines`. */
export function streamStateLinesTableSql(model: StreamStateReadModel<never, never>): string {
  checked(model);
  if (!model.lines) throw new Error(`read model ${model.name} has no lines`);
  const columns = Object.entries(model.lines.columns).map(([name, type]) => `, ${name} ${type}`);
  return `CREATE TABLE ${model.lines.table} (stream_id text NOT NULL${columns.join('')})`;
}

/**
 * The projection keeping a `StreamStateReadModel`: each batch loads the rows of the streams it
 * touches with one query, folds them with the aggregate's own `evolve` (skipping what a row has
 * already folded, so inline and seal-ordered delivery meet), and writes them with one upsert.
 */
export function streamStateProjection<State, Event>(model: StreamStateReadModel<State, Event>): Projection {
  const columns = checked(model);
  const names = ['stream_id', 'version', 'state', ...columns.map(([name]) => name)];
  const types = ['text', 'integer', 'jsonb', ...columns.map(([, { type }]) => type)];
  const upsert =
    `INSERT INTO ${model.table} (${names.join(', ')}) ` +
    `SELECT * FROM unnest(${types.map((type, index) => `$${index + 1}::${type}[]`).join(', ')}) ` +
    `ON CONFLICT (stream_id) DO UPDATE SET ${names
      .slice(1)
      .map((name) => `${name} = excluded.${name}`)
      .join(', ')}`;
  const lines = model.lines ? linesWriter(model.lines) : undefined;
  const projection: Projection = {
    name: model.name,
    version: model.version,
    handles: model.handles,
    async reset(manager: EntityManager) {
      await manager.query(`TRUNCATE ${[model.table, ...(model.lines ? [model.lines.table] : [])].join(', ')}`);
    },
    apply(event: StoredEvent, manager: EntityManager) {
      return projection.applyAll!([event], manager);
    },
    async applyAll(events: readonly StoredEvent[], manager: EntityManager, folded?: FoldedStream) {
      const streamIds = [...new Set(events.map((event) => event.streamId))];
      // Inline, the command path has just folded the stream with this model's own fold: its state
      // is the row (as the row would read), so the row is not loaded again.
      const own = folded !== undefined && streamIds.length === 1 && folded.streamId === streamIds[0] ? ownFold(folded) : undefined;
      const rows: { stream_id: string; state: State; version: number }[] = own
        ? own.version === 0
          ? []
          : [{ stream_id: own.streamId, state: own.state, version: own.version }]
        : await manager.query(`SELECT stream_id, state, version FROM ${model.table} WHERE stream_id = ANY($1::text[])`, [streamIds]);
      const loaded = new Map(rows.map((row) => [row.stream_id, row]));
      const byStream = new Map(events.map((event) => [event as unknown, event.streamId]));
      const touched = await foldBatch<State, Event>(events, {
        keyOf: (event) => byStream.get(event)!,
        load: (streamId) => Promise.resolve(loaded.get(streamId)),
        initialState: model.initialState,
        evolve: model.evolve,
      });
      for (const write of writesOf([...touched])) await manager.query(write.text, [...write.values]);
    },
    /** The row (and its lines) from the command path's fold and the events, without reading it. */
    inlineWrites(events: readonly PendingEvent[], folded: FoldedStream): readonly InlineWrite[] | undefined {
      const own = ownFold(folded);
      if (!own || events.some((event) => event.streamId !== own.streamId)) return undefined;
      const next = foldOnward(own, events, model.evolve);
      return next && writesOf([[own.streamId, next]]);
    },
  };

  /** The offered fold as this model's row would read (through JSON), if it is this model's own fold. */
  function ownFold(folded: FoldedStream): { readonly streamId: string; readonly state: State; readonly version: number } | undefined {
    if (folded.evolve !== model.evolve || folded.initialState !== model.initialState) return undefined;
    const state = folded.version === 0 ? model.initialState() : (JSON.parse(JSON.stringify(folded.state)) as State);
    return { streamId: folded.streamId, state, version: folded.version };
  }

  /** The upsert of the rows written, then the replacement of their lines. */
  function writesOf(written: readonly (readonly [string, { readonly state: State; readonly version: number }])[]): InlineWrite[] {
    if (written.length === 0) return [];
    return [
      {
        text: upsert,
        values: [
          written.map(([streamId]) => streamId),
          written.map(([, row]) => row.version),
          written.map(([, row]) => JSON.stringify(row.state)),
          ...columns.map(([, column]) => written.map(([, row]) => column.of(row.state))),
        ],
      },
      ...(lines ? lines.replace(written) : []),
    ];
  }
  return projection;
}

/**
 * Replaces the lines of the streams written: one delete and one set-based insert per batch. Run
 * as one statement's `WITH` items, the delete sees only the old lines, so the two never collide.
 */
function linesWriter<State>(lines: NonNullable<StreamStateReadModel<State, never>['lines']>) {
  const columns = Object.entries(lines.columns);
  const names = ['stream_id', ...columns.map(([name]) => name)];
  const types = ['text', ...columns.map(([, type]) => type)];
  const insert =
    `INSERT INTO ${lines.table} (${names.join(', ')}) ` +
    `SELECT * FROM unnest(${types.map((type, index) => `$${index + 1}::${type}[]`).join(', ')})`;
  return {
    replace(written: readonly (readonly [string, { readonly state: State }])[]): InlineWrite[] {
      const deleted = {
        text: `DELETE FROM ${lines.table} WHERE stream_id = ANY($1::text[])`,
        values: [written.map(([streamId]) => streamId)],
      };
      const rows = written.flatMap(([streamId, { state }]) => lines.of(state).map((line) => [streamId, line] as const));
      if (rows.length === 0) return [deleted];
      return [
        deleted,
        {
          text: insert,
          values: [rows.map(([streamId]) => streamId), ...columns.map(([name]) => rows.map(([, line]) => line[name] ?? null))],
        },
      ];
    },
  };
}
