import type { Pool, PoolClient } from 'pg';
import { DomainError } from '@app/domain';
import { hash, canonicalJson } from '@app/crypto';
import { ENVELOPE_VERSION, HEADERS, type IntegrationEnvelope } from '@app/contracts';
import { contentHash } from './event-hash';
import { uuidv7 } from './event-id';
import type { AppendResult, EventMetadata, HashAlgorithm, NewEvent, OutboxMessage, SealedEvent, StoredEvent } from './stored-event';
import { plainData } from './plain-data';
import { Upcasters } from './upcasters';
import { inTransaction, PersonalData, type PersonalDataPolicy, type PersonalDataView } from './personal-data';

export interface EventStoreOptions {
  /** Name of the producing service, written into integration envelopes. */
  readonly source: string;
  readonly hashAlgorithm: HashAlgorithm;
  readonly upcasters?: Upcasters;
  /** Which values of which events are personal data, kept encrypted per subject and erasable (personal-data.ts). */
  readonly personalData?: PersonalDataPolicy;
  /** Called with the number of events after each append that wrote some. */
  readonly onAppended?: (count: number) => void;
}

/** Something that runs plain SQL: the pool, or one connection inside a transaction. */
export type Queryable = Pick<Pool, 'query'> | PoolClient;

/**
 * Runs an append and the service's own read models in one transaction. `work` appends on
 * `client`; `project` applies the appended events to the read models on the same transaction.
 * Given to the store by whoever owns the read models (ProjectionRunner).
 */
export interface InlineProjection {
  transaction<T>(
    work: (client: PoolClient, project: (events: readonly StoredEvent[], folded?: FoldedStream) => Promise<void>) => Promise<T>,
  ): Promise<T>;
  /**
   * The read models' writes for an append, as SQL the store runs inside the append's own
   * statement (see InlineWrite), when every projection the events reach can tell its rows from
   * the offered fold alone; `undefined` otherwise (then `transaction` is used).
   */
  writesFor?(events: readonly PendingEvent[], folded: FoldedStream): readonly InlineWrite[] | undefined;
  /** Told after an append whose `writesFor` writes committed with it. */
  committed?(events: readonly StoredEvent[]): void;
}

/** An event about to be appended: everything but its log position. */
export type PendingEvent = Omit<StoredEvent, 'position'>;

/**
 * One data-modifying statement (`INSERT`, `UPDATE` or `DELETE`, no `RETURNING`) of a read model,
 * run as a `WITH` item of the append's statement: it commits with the events in one round trip,
 * or not at all. Parameters are `$1…$n` of `values` only (renumbered when combined; no
 * dollar-quoted text). Like every `WITH` item it sees the tables as they were before the
 * statement, so the writes of one append must touch disjoint rows.
 */
export interface InlineWrite {
  readonly text: string;
  readonly values: readonly unknown[];
}

/**
 * The state the command path folded a stream to before it decided and appended, offered to the
 * inline projections: one that keeps exactly this fold of the stream (same `evolve`, same
 * `initialState`, every type folded among those it handles) may start from it instead of
 * loading its row again. Only ever given with an append that committed at `version + 1`.
 */
export interface FoldedStream {
  readonly streamId: string;
  /** The stream version the state is folded to: the append's expected version. */
  readonly version: number;
  readonly state: unknown;
  /** The fold that made it, compared by identity. */
  readonly evolve: unknown;
  readonly initialState: unknown;
  /** Types of the events folded into it. */
  readonly types: ReadonlySet<string>;
}

export interface AppendRequest {
  readonly streamId: string;
  /** The version the caller decided on: 0 for a new stream. */
  readonly expectedVersion: number;
  /** Content hash of the event at expectedVersion (null for a new stream). */
  readonly previousHash: string | null;
  readonly events: readonly NewEvent[];
  readonly metadata: EventMetadata;
  readonly outbox?: readonly OutboxMessage[];
  readonly idempotencyKey?: string;
  /** Identifies the request behind the key, so a reused key with another request is refused. */
  readonly requestFingerprint?: unknown;
  /** Whether a version mismatch is the caller's stale precondition (412) or a lost race (409). */
  readonly conflictKind?: 'precondition' | 'conflict';
  readonly now?: Date;
  /** The state the caller folded the stream to at `expectedVersion`, for the inline projections (see FoldedStream). */
  readonly folded?: FoldedStream;
}

export interface ReadStreamOptions {
  readonly toVersion?: number;
  /** Only events recorded at or before this instant. */
  readonly at?: Date;
  /** Personal values decrypted (the default, for folding) or masked (for auditors). */
  readonly personalData?: PersonalDataView;
}

/** A row of es_events as `pg` returns it. */
export interface EventRow {
  position: string;
  stream_id: string;
  version: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
  content_hash: Buffer;
  previous_hash: Buffer | null;
}

interface SealedRow extends EventRow {
  seq: string;
  chain_hash: Buffer;
}

const EVENT_COLUMNS =
  'e.position, e.stream_id, e.version, e.event_id, e.type, e.schema_version, e.data, e.metadata, e.recorded_at, e.content_hash, e.previous_hash';

export const STREAM_CONFLICT = 'STREAM.WRONG_EXPECTED_VERSION';

/**
 * The append, in one statement and one round trip: the stream's version is checked, the
 * idempotency key claimed (waiting for a concurrent holder of the same key), the events and the
 * outbox messages inserted — or nothing at all. The database sets each event's transaction id and
 * refuses an event whose previous hash is not its stream head's (002_database_guard.sql). The
 * caller reads a version mismatch from
 * `current`, a key taken first by another request from `positions` being null, and a concurrent
 * append of the same version from the (stream_id, version) unique violation. No NOTIFY here: a
 * notifying transaction holds PostgreSQL's cluster-wide notify lock through its commit flush and
 * would serialise all appends; the store notifies after commit.
 */
const APPEND_SQL = `
WITH cur AS (SELECT coalesce(max(version), 0) AS v FROM es_events WHERE stream_id = $1),
checked AS (SELECT v FROM cur WHERE v = $2),
idem AS (
  INSERT INTO es_idempotency (key, request_hash, result)
  SELECT $3, $4, $16::jsonb FROM checked WHERE $3::text IS NOT NULL
  ON CONFLICT (key) DO NOTHING RETURNING key),
ins AS (
  INSERT INTO es_events (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, content_hash, previous_hash)
  SELECT $1, c.v + e.ord, e.event_id, e.type, e.schema_version, e.data, e.metadata, $10, e.hash,
         CASE WHEN e.ord = 1 THEN $17::bytea ELSE ($11::bytea[])[e.ord - 1] END
    FROM checked c,
         unnest($5::uuid[], $6::text[], $7::int[], $8::jsonb[], $9::jsonb[], $11::bytea[])
           WITH ORDINALITY AS e(event_id, type, schema_version, data, metadata, hash, ord)
   WHERE $3::text IS NULL OR EXISTS (SELECT 1 FROM idem)
  RETURNING position, version),
outbox AS (
  INSERT INTO es_outbox (position, topic, message_key, message, headers)
  SELECT i.position, o.topic, $1, o.message || jsonb_build_object('position', i.position), o.headers
    FROM unnest($12::int[], $13::text[], $14::jsonb[], $15::jsonb[]) AS o(idx, topic, message, headers)
    JOIN ins i ON i.version = $2 + o.idx)
SELECT (SELECT v FROM cur)::int AS current, (SELECT array_agg(position ORDER BY version) FROM ins) AS positions`;
export const IDEMPOTENCY_KEY_REUSED = 'REQUEST.IDEMPOTENCY_KEY_REUSED';

/** APPEND_SQL up to its final SELECT: its `WITH` items, to which read-model writes are added. */
const APPEND_WITH = APPEND_SQL.slice(0, APPEND_SQL.lastIndexOf('\nSELECT '));
const APPEND_PARAMETERS = 17;
/** Raised by es_append_refused() (008_inline_writes.sql): nothing was appended, so nothing was written. */
const APPEND_REFUSED = 'ES412';

/**
 * The append with the read models' writes in one statement, run outside any transaction: the
 * `WITH` items all run to completion, and es_append_refused() aborts the whole statement (the
 * writes too) when the version check or the key claim let no event in.
 */
function withInlineWrites(writes: readonly InlineWrite[]): { readonly text: string; readonly values: unknown[] } {
  let next = APPEND_PARAMETERS;
  const items = writes.map((write, index) => {
    const offset = next;
    next += write.values.length;
    const text = write.text.replace(/\$(\d+)/g, (_, n: string) => {
      if (Number(n) < 1 || Number(n) > write.values.length) throw new Error(`inline write uses $${n} of ${write.values.length} values`);
      return `$${Number(n) + offset}`;
    });
    return `,\nrm${index + 1} AS (${text})`;
  });
  return {
    text:
      `${APPEND_WITH}${items.join('')}\n` +
      'SELECT (SELECT v FROM cur)::int AS current, p.positions, es_append_refused(p.positions IS NULL) AS refused ' +
      'FROM (SELECT array_agg(position ORDER BY version) AS positions FROM ins) p',
    values: writes.flatMap((write) => write.values),
  };
}

/** Prepared statement names of combined appends, by text (a connection prepares each name once). */
const combinedNames = new Map<string, string>();
function combinedName(text: string): string {
  let name = combinedNames.get(text);
  if (!name) {
    name = `es_append_rm_${hash('sha256', text).toString('hex').slice(0, 16)}`;
    combinedNames.set(text, name);
  }
  return name;
}

/** The channels a committed append wakes: the sealer's (es_appended) and the outbox relay's (es_outbox). */
export type WakeChannel = 'es_appended' | 'es_outbox';

/** The append-only log of one service, on PostgreSQL through plain `pg`. */
export class EventStore {
  private readonly upcasters: Upcasters;
  private readonly personal?: PersonalData;
  /** Channels with a pg_notify in flight, and those to notify once more when it is done. */
  private readonly notifying = new Set<WakeChannel>();
  private readonly notifyAgain = new Set<WakeChannel>();
  private readonly wakeListeners = new Map<WakeChannel, (() => boolean)[]>();

  constructor(
    readonly pool: Pool,
    readonly options: EventStoreOptions,
  ) {
    this.upcasters = options.upcasters ?? new Upcasters();
    if (options.personalData) this.personal = new PersonalData(options.personalData);
  }

  get hashAlgorithm(): HashAlgorithm {
    return this.options.hashAlgorithm;
  }

  private inline?: InlineProjection;

  /**
   * From now on every append also applies its events to the service's own read models, in the
   * append's transaction: a command answers once both are committed, and waits for nothing else.
   */
  projectInline(inline: InlineProjection): void {
    this.inline = inline;
  }

  /**
   * Appends in one statement (and, with inline projections, the read models in the same
   * transaction); throws DomainError STREAM.WRONG_EXPECTED_VERSION on a stale version.
   */
  async append(request: AppendRequest): Promise<AppendResult> {
    if (request.events.length === 0) throw new Error('append needs at least one event');
    const recordedAt = request.now ?? new Date();
    // Hashed as stored: plain JSON data, whatever objects the caller built.
    const events = request.events.map((event) => ({
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      data: plainData(event.data),
    }));
    const metadata = plainData(request.metadata);
    // Personal values are encrypted with their subject's key before they are hashed and stored.
    const storedData = this.personal
      ? await this.personal.seal(this.pool, request.streamId, request.expectedVersion + 1, events)
      : events.map((e) => e.data);
    const erasures = this.personal?.erasuresIn(events) ?? [];
    const eventIds = request.events.map(() => uuidv7());
    const hashes: string[] = [];
    let previous = request.previousHash;
    events.forEach((event, i) => {
      previous = contentHash(
        this.options.hashAlgorithm,
        {
          streamId: request.streamId,
          version: request.expectedVersion + i + 1,
          eventId: eventIds[i],
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: storedData[i],
          metadata,
          recordedAt,
        },
        previous,
      );
      hashes.push(previous);
    });
    const outbox = request.outbox ?? [];
    const envelopes = outbox.map((message) =>
      this.envelope(request, message, eventIds[message.eventIndex], hashes[message.eventIndex], recordedAt),
    );
    const requestHash = request.idempotencyKey ? requestHashOf(request.streamId, request.requestFingerprint ?? request.events) : null;
    const fromVersion = request.expectedVersion + 1;
    const toVersion = request.expectedVersion + request.events.length;
    const statement = {
      name: 'es_append',
      text: APPEND_SQL,
      values: [
        request.streamId,
        request.expectedVersion,
        request.idempotencyKey ?? null,
        requestHash,
        eventIds,
        events.map((e) => e.type),
        events.map((e) => e.schemaVersion),
        storedData.map((data) => JSON.stringify(data)),
        events.map(() => JSON.stringify(metadata)),
        recordedAt,
        hashes.map((h) => Buffer.from(h, 'hex')),
        outbox.map((m) => m.eventIndex + 1),
        outbox.map((m) => m.topic),
        envelopes.map((e) => JSON.stringify(e)),
        envelopes.map((e) => JSON.stringify(messageHeaders(e))),
        JSON.stringify({ streamId: request.streamId, fromVersion, toVersion, eventIds }),
        request.previousHash === null ? null : Buffer.from(request.previousHash, 'hex'),
      ],
    };
    const pending: PendingEvent[] = events.map((event, i) => ({
      streamId: request.streamId,
      version: fromVersion + i,
      eventId: eventIds[i],
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata,
      recordedAt,
      contentHash: hashes[i],
    }));
    const appended = (positions: readonly string[]): StoredEvent[] =>
      pending.map((event, i) => ({ position: Number(positions[i]), ...event }));
    // The fold the command path offers the read models: only for exactly the next version, never for personal data.
    const folded =
      request.folded?.version === request.expectedVersion && !this.holdsPersonalData(request.folded.types, events)
        ? request.folded
        : undefined;
    // With every read model's rows known from the fold, the whole command is this one statement.
    const writes = folded && erasures.length === 0 ? this.inline?.writesFor?.(pending, folded) : undefined;
    let row: { current: number; positions: string[] | null };
    // An erasure destroys its keys after the append statement, in its transaction (the append stays the first write).
    const erase = async (client: Queryable, written: { current: number; positions: string[] | null }) => {
      if (erasures.length > 0 && written.current === request.expectedVersion && written.positions !== null) {
        await this.personal!.erase(client, erasures);
      }
    };
    try {
      row = writes
        ? await this.appendWithWrites(statement, writes)
        : this.inline
          ? await this.inline.transaction(async (client, project) => {
              const { rows } = await client.query<{ current: number; positions: string[] | null }>(statement);
              if (rows[0].current === request.expectedVersion && rows[0].positions !== null) {
                await project(appended(rows[0].positions), folded);
              }
              await erase(client, rows[0]);
              return rows[0];
            })
          : erasures.length > 0
            ? await inTransaction(this.pool, async (client) => {
                const { rows } = await client.query<{ current: number; positions: string[] | null }>(statement);
                await erase(client, rows[0]);
                return rows[0];
              })
            : (await this.pool.query<{ current: number; positions: string[] | null }>(statement)).rows[0];
    } catch (error) {
      const translated = translateAppendError(error, request.conflictKind ?? 'conflict');
      // Lost the race for the version to a request with the same key: that one is ours.
      if (request.idempotencyKey && translated instanceof DomainError && translated.code === STREAM_CONFLICT) {
        const earlier = await this.findIdempotentResult(
          request.idempotencyKey,
          request.streamId,
          request.requestFingerprint ?? request.events,
        );
        if (earlier) return earlier;
      }
      throw translated;
    }
    const { current, positions } = row;
    if (current !== request.expectedVersion || positions === null) {
      // A request with this key that committed first wins over a version mismatch: replay it.
      const earlier = request.idempotencyKey
        ? await this.findIdempotentResult(request.idempotencyKey, request.streamId, request.requestFingerprint ?? request.events)
        : undefined;
      if (earlier) return earlier;
      throw new DomainError(
        STREAM_CONFLICT,
        `stream ${request.streamId} is at version ${current}, expected ${request.expectedVersion}`,
        request.conflictKind ?? 'conflict',
        {
          actual: current,
          expected: request.expectedVersion,
        },
      );
    }
    if (writes) this.inline?.committed?.(appended(positions));
    this.wake('es_appended');
    if (outbox.length > 0) this.wake('es_outbox');
    this.options.onAppended?.(eventIds.length);
    return {
      streamId: request.streamId,
      fromVersion,
      toVersion,
      positions: positions.map(Number),
      eventIds,
      replayed: false,
      lastContentHash: previous ?? undefined,
    };
  }

  /**
   * The append and the read models' writes as one statement. When it lets no event in (a stale
   * version, a key another request holds) the database aborts it, writes and all, and the answer
   * is read as the plain append would have given it: the stream's version now, no positions.
   */
  private async appendWithWrites(
    append: { readonly text: string; readonly values: readonly unknown[] },
    writes: readonly InlineWrite[],
  ): Promise<{ current: number; positions: string[] | null }> {
    const combined = withInlineWrites(writes);
    try {
      const { rows } = await this.pool.query<{ current: number; positions: string[] }>({
        name: combinedName(combined.text),
        text: combined.text,
        values: [...append.values, ...combined.values],
      });
      return rows[0];
    } catch (error) {
      if ((error as { code?: string }).code !== APPEND_REFUSED) throw error;
      const { rows } = await this.pool.query<{ current: number }>(
        'SELECT coalesce(max(version), 0)::int AS current FROM es_events WHERE stream_id = $1',
        [append.values[0]],
      );
      return { current: rows[0].current, positions: null };
    }
  }

  /**
   * The result of an earlier command made with this idempotency key, if any; a key that was used
   * for a different request is refused (REQUEST.IDEMPOTENCY_KEY_REUSED).
   */
  async findIdempotentResult(key: string, streamId: string, requestFingerprint: unknown): Promise<AppendResult | undefined> {
    try {
      const { rows } = await this.pool.query<{ result: AppendResult }>(
        'SELECT es_replay(i, $2) AS result FROM es_idempotency i WHERE i.key = $1',
        [key, requestHashOf(streamId, requestFingerprint)],
      );
      return rows[0] ? normaliseResult(rows[0].result) : undefined;
    } catch (error) {
      throw translateAppendError(error, 'conflict');
    }
  }

  /** Which of these idempotency keys have been used already (for bulk work that skips done steps). */
  async usedIdempotencyKeys(keys: readonly string[]): Promise<Set<string>> {
    const { rows } = await this.pool.query<{ key: string }>('SELECT key FROM es_idempotency WHERE key = ANY($1::text[])', [keys]);
    return new Set(rows.map((row) => row.key));
  }

  /**
   * The command path's first read, in one statement and one round trip: the result of an earlier
   * request made with this idempotency key (then no events are read), or else the stream's
   * events. A key used for a different request is refused (REQUEST.IDEMPOTENCY_KEY_REUSED), as
   * by `findIdempotentResult`. Both come from one snapshot.
   */
  async readStreamOrReplay(
    streamId: string,
    key: string,
    requestFingerprint: unknown,
  ): Promise<{ readonly replay?: AppendResult; readonly events: StoredEvent[] }> {
    let rows: (EventRow & { replay: AppendResult | null })[];
    try {
      ({ rows } = await this.pool.query<EventRow & { replay: AppendResult | null }>({
        name: 'es_read_or_replay',
        text: `WITH r AS (SELECT es_replay(i, $3) AS result FROM es_idempotency i WHERE i.key = $2)
          SELECT r.result AS replay, ${EVENT_COLUMNS} FROM (SELECT 1) one
            LEFT JOIN r ON true
            LEFT JOIN es_events e ON e.stream_id = $1 AND r.result IS NULL
           ORDER BY e.version`,
        values: [streamId, key, requestHashOf(streamId, requestFingerprint)],
      }));
    } catch (error) {
      throw translateAppendError(error, 'conflict');
    }
    if (rows[0]?.replay) return { replay: normaliseResult(rows[0].replay), events: [] };
    const found = rows.filter((row) => row.position !== null);
    const shown = await this.opened(this.pool, found);
    return { events: found.map((row, i) => this.toStored(row, shown[i])) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM es_events e
        WHERE e.stream_id = $1 AND ($2::int IS NULL OR e.version <= $2) AND ($3::timestamptz IS NULL OR e.recorded_at <= $3)
        ORDER BY e.version`,
      [streamId, options.toVersion ?? null, options.at ?? null],
    );
    const shown = await this.opened(this.pool, rows, options.personalData);
    return rows.map((row, i) => this.toStored(row, shown[i]));
  }

  /** The sealed log in commit order, after a given seal sequence number: gap-free, never skipping. */
  async readSealed(
    afterSeq: number,
    limit: number,
    client: Queryable = this.pool,
    personalData: PersonalDataView = 'reveal',
  ): Promise<SealedEvent[]> {
    const { rows } = await client.query<SealedRow>(
      `SELECT s.seq, s.chain_hash, ${EVENT_COLUMNS} FROM es_seal s JOIN es_events e ON e.position = s.position
        WHERE s.seq > $1 ORDER BY s.seq LIMIT $2`,
      [afterSeq, limit],
    );
    const shown = await this.opened(client, rows, personalData);
    return rows.map((row, i) => ({ ...this.toStored(row, shown[i]), seq: Number(row.seq), chainHash: row.chain_hash.toString('hex') }));
  }

  async lastSealedSeq(): Promise<number> {
    const { rows } = await this.pool.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM es_seal');
    return Number(rows[0].seq ?? 0);
  }

  /**
   * Wakes `listener` at once, in this process, whenever an append commits something for `channel`
   * (the sealer, the outbox relay): no NOTIFY round trip, no delay. A listener returns true when
   * it does the work for every process (e.g. the relay while it leads): then no NOTIFY is sent.
   */
  onWake(channel: WakeChannel, listener: () => boolean): void {
    this.wakeListeners.set(channel, [...(this.wakeListeners.get(channel) ?? []), listener]);
  }

  /**
   * After a commit: wakes this process's listeners at once and notifies the channel for other
   * processes. Inside the append, NOTIFY would hold PostgreSQL's cluster-wide notify lock through
   * the commit's WAL flush and serialise all appends. Notifies coalesce only while one is in
   * flight: appends committed meanwhile share one more after it. It is only a hint: the
   * listeners poll as well.
   */
  private wake(channel: WakeChannel): void {
    let handled = false;
    for (const listener of this.wakeListeners.get(channel) ?? []) handled = listener() || handled;
    if (!handled) this.notify(channel);
  }

  private notify(channel: WakeChannel): void {
    if (this.notifying.has(channel)) {
      this.notifyAgain.add(channel);
      return;
    }
    this.notifying.add(channel);
    void this.pool
      .query(`SELECT pg_notify($1, '')`, [channel])
      .catch(() => undefined)
      .finally(() => {
        this.notifying.delete(channel);
        if (this.notifyAgain.delete(channel)) this.notify(channel);
      });
  }

  /**
   * Whether a stream's folded types or the appended events carry personal values: a fold read back
   * after an erasure differs from the read models' rows made before it, so none is offered then.
   */
  private holdsPersonalData(types: ReadonlySet<string>, events: readonly { readonly type: string }[]): boolean {
    const policy = this.options.personalData;
    if (!policy) return false;
    const personal = (type: string) => type in policy.fields || type in (policy.erasures ?? {});
    return [...types].some(personal) || events.some((event) => personal(event.type));
  }

  /** The data readers see where it differs from the stored data (personal values decrypted or masked). */
  private async opened(client: Queryable, rows: readonly EventRow[], view: PersonalDataView = 'reveal'): Promise<unknown[]> {
    return this.personal ? this.personal.open(client, rows, view) : rows.map(() => undefined);
  }

  private toStored(row: EventRow, shown?: unknown): StoredEvent {
    const data = shown === undefined ? row.data : shown;
    const upcast = this.upcasters.upcast({ type: row.type, schemaVersion: row.schema_version, data, recordedAt: row.recorded_at });
    return {
      position: Number(row.position),
      streamId: row.stream_id,
      version: row.version,
      eventId: row.event_id,
      type: row.type,
      schemaVersion: upcast.schemaVersion,
      data: upcast.data,
      metadata: row.metadata,
      recordedAt: row.recorded_at,
      contentHash: row.content_hash.toString('hex'),
      ...(upcast.schemaVersion === row.schema_version && shown === undefined
        ? {}
        : { stored: { schemaVersion: row.schema_version, data: row.data } }),
    };
  }

  private envelope(
    request: AppendRequest,
    message: OutboxMessage,
    eventId: string,
    eventHash: string,
    recordedAt: Date,
  ): Omit<IntegrationEnvelope, 'position' | 'topicSequence'> {
    const { metadata } = request;
    return {
      envelopeVersion: ENVELOPE_VERSION,
      id: eventId,
      type: message.type,
      version: message.version,
      source: this.options.source,
      streamId: request.streamId,
      streamVersion: request.expectedVersion + message.eventIndex + 1,
      payloadHash: hash('sm3', canonicalJson(plainData(message.data))).toString('hex'),
      eventHash,
      occurredAt: message.occurredAt ?? metadata.occurredAt ?? recordedAt.toISOString(),
      recordedAt: recordedAt.toISOString(),
      correlationId: metadata.correlationId,
      ...(metadata.causationId ? { causationId: metadata.causationId } : {}),
      actor: metadata.actor,
      ...(metadata.unitId ? { unitId: metadata.unitId } : {}),
      data: message.data,
    };
  }
}

/** Headers beside the envelope, so a consumer can route and dedupe without parsing it (the relay adds the topic sequence). */
function messageHeaders(envelope: Omit<IntegrationEnvelope, 'position' | 'topicSequence'>): Record<string, string> {
  return {
    [HEADERS.contentType]: 'application/json',
    [HEADERS.envelopeVersion]: String(envelope.envelopeVersion),
    [HEADERS.source]: envelope.source,
    [HEADERS.schemaVersion]: String(envelope.version),
    [HEADERS.correlationId]: envelope.correlationId,
    ...(envelope.causationId ? { [HEADERS.causationId]: envelope.causationId } : {}),
    [HEADERS.messageType]: envelope.type,
    [HEADERS.messageId]: envelope.id,
  };
}

function normaliseResult(result: AppendResult): AppendResult {
  return { ...result, positions: result.positions.map(Number) };
}

function translateAppendError(error: unknown, conflictKind: 'precondition' | 'conflict'): unknown {
  const pgError = error as { code?: string; message?: string; detail?: string };
  // The database refused an event that does not follow its stream's head: a bug of the caller.
  if (pgError.code === 'ES409') return new Error(`append refused by the database: ${pgError.message}`, { cause: error });
  if (pgError.code === '23505' && (error as { constraint?: string }).constraint === 'es_events_stream_id_version_key') {
    return new DomainError(STREAM_CONFLICT, 'the stream was appended to concurrently', conflictKind, {});
  }
  if (pgError.code === 'ES422') return idempotencyKeyReused();
  return error;
}

function idempotencyKeyReused(): DomainError {
  return new DomainError(IDEMPOTENCY_KEY_REUSED, 'This Idempotency-Key was already used for a different request.', 'invalid');
}

function requestHashOf(streamId: string, fingerprint: unknown): string {
  return hash('sha256', canonicalJson(plainData({ streamId, request: fingerprint }))).toString('hex');
}
