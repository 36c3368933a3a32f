import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { decryptField, encryptField, FIELD_ENCRYPTION_VERSION } from '@app/crypto';
import { DomainError } from '@app/domain';

/**
 * Personal data in an append-only log, erasable (crypto-shredding).
 *
 * A service declares, per event type, which values of the event's data are personal and whose
 * they are (the subject, e.g. `person:<staffNumber>`). Before an event is hashed and stored, each
 * such value is replaced by `{ "$personal": <token>, "subject": <subject> }`, where the token is
 * the value's JSON encrypted with the subject's own data key (SM4-CTR + HMAC-SM3, `encryptField`),
 * its aad binding it to the stream, the version and the path. The content hash covers the token.
 * Readers that fold (the command path, projections, rebuilds) get the values back; the audit feed
 * shows the stored form (`[personal data]`, the tokens under `stored`). Erasure destroys the key
 * in the transaction that appends the erasure event: from then on the values read back as `null`
 * (`[erased]` in the audit feed), everywhere, while the log and its hash chain stay as they were.
 *
 * Keys live in `es_subject_keys` (003_personal_data_keys.sql), one row per subject, never deleted.
 * They are looked up once per append or read batch and never cached longer, so an erasure takes
 * effect at once in every process.
 */

/** Where a value of an event's data is personal, and whose it is. */
export interface PersonalFields<Data = never> {
  /** The subject whose key encrypts the values: a stable pseudonymous id such as `person:<staffNumber>`. */
  readonly subject: (data: Data) => string;
  /** Paths into the data (`contact`, `address.street`): the whole value there is personal. */
  readonly paths: readonly string[];
}

/** What an event that erases a subject's personal data says: whose, and on what legal basis. */
export type ErasureOf<Data = never> = (data: Data) => { readonly subject: string; readonly legalBasis: string };

export interface PersonalDataPolicy {
  /** By event type: the personal values of events of that type. */
  readonly fields: Readonly<Record<string, PersonalFields<never>>>;
  /** By event type: events whose append destroys a subject's key, in the same transaction. */
  readonly erasures?: Readonly<Record<string, ErasureOf<never>>>;
}

/** How a reader sees personal values: decrypted for folding, or masked for auditors. */
export type PersonalDataView = 'reveal' | 'mask';

export const PERSONAL_DATA_ERASED = 'PERSONAL_DATA.ERASED';
/** What the audit feed shows instead of a personal value whose key exists. */
export const PERSONAL_VALUE = '[personal data]';
/** What the audit feed shows instead of a personal value whose key was destroyed. */
export const ERASED_VALUE = '[erased]';

const MARK = '$personal';
const KEY_BYTES = 16;

interface SealedValue {
  readonly [MARK]: string;
  readonly subject: string;
}

type Queryable = Pick<Pool, 'query'> | PoolClient;

/** Subject keys of one batch: a key, or null once erased (or never given). */
type KeyRing = ReadonlyMap<string, Buffer | null>;

export class PersonalData {
  constructor(private readonly policy: PersonalDataPolicy) {}

  /**
   * The events' data with every personal value encrypted, as it is to be hashed and stored.
   * Keys of new subjects are created first, on their own (an unused key is harmless; erasing
   * one in the append's transaction keeps the append its transaction's first write). Refuses
   * (PERSONAL_DATA.ERASED) personal data of a subject whose key was destroyed.
   */
  async seal(
    pool: Queryable,
    streamId: string,
    firstVersion: number,
    events: readonly { readonly type: string; readonly data: unknown }[],
  ): Promise<unknown[]> {
    const found = events.map((event) => {
      const fields = this.policy.fields[event.type];
      if (!fields) return undefined;
      const present = fields.paths.filter((path) => valueAt(event.data, path) !== undefined);
      return present.length === 0 ? undefined : { subject: fields.subject(event.data as never), paths: present };
    });
    const subjects = [...new Set(found.flatMap((f) => (f ? [f.subject] : [])))];
    if (subjects.length === 0) return events.map((event) => event.data);
    const keys = await keysOf(pool, subjects, true);
    return events.map((event, i) => {
      const f = found[i];
      if (!f) return event.data;
      const key = keys.get(f.subject);
      if (!key) {
        throw new DomainError(
          PERSONAL_DATA_ERASED,
          `The personal data of ${f.subject} was erased; none can be recorded again.`,
          'conflict',
          {
            subject: f.subject,
          },
        );
      }
      let data = event.data;
      for (const path of f.paths) {
        const value = valueAt(data, path);
        const sealed: SealedValue = {
          [MARK]: encryptField(key, JSON.stringify(value), aadOf(streamId, firstVersion + i, path, f.subject)),
          subject: f.subject,
        };
        data = withValueAt(data, path, sealed);
      }
      return data;
    });
  }

  /** The erasures these events make, for {@link erase} in the append's transaction. */
  erasuresIn(events: readonly { readonly type: string; readonly data: unknown }[]): { subject: string; legalBasis: string }[] {
    return events.flatMap((event) => {
      const erasure = this.policy.erasures?.[event.type];
      return erasure ? [erasure(event.data as never)] : [];
    });
  }

  /**
   * Destroys the keys (run after the append statement, in its transaction): the key never
   * outlives a committed erasure, and an erasure that does not commit destroys nothing. A
   * subject without a key gets an erased row, so none is made for it later.
   */
  async erase(client: Queryable, erasures: readonly { subject: string; legalBasis: string }[]): Promise<void> {
    for (const { subject, legalBasis } of erasures) {
      await client.query(
        `INSERT INTO es_subject_keys (subject, key, erased_at, legal_basis) VALUES ($1, NULL, now(), $2)
         ON CONFLICT (subject) DO UPDATE SET key = NULL, erased_at = now(), legal_basis = $2 WHERE es_subject_keys.erased_at IS NULL`,
        [subject, legalBasis],
      );
    }
  }

  /**
   * The data of stored events as a reader sees it, or undefined where an event holds no personal
   * value: `reveal` decrypts (null where the key is gone), `mask` shows `[personal data]` or `[erased]`.
   */
  async open(
    client: Queryable,
    rows: readonly { readonly stream_id: string; readonly version: number; readonly data: unknown }[],
    view: PersonalDataView,
  ): Promise<unknown[]> {
    const subjects = new Set<string>();
    const marked = rows.map((row) => {
      const found: { path: string; value: SealedValue }[] = [];
      collectSealed(row.data, '', found);
      found.forEach((f) => subjects.add(f.value.subject));
      return found;
    });
    if (subjects.size === 0) return rows.map(() => undefined);
    const keys = await keysOf(client, [...subjects], false);
    return rows.map((row, i) => {
      if (marked[i].length === 0) return undefined;
      let data = row.data;
      for (const { path, value } of marked[i]) {
        const key = keys.get(value.subject);
        const shown: unknown =
          view === 'mask'
            ? key
              ? PERSONAL_VALUE
              : ERASED_VALUE
            : key
              ? JSON.parse(decryptField(key, value[MARK], aadOf(row.stream_id, row.version, path, value.subject)))
              : null;
        data = withValueAt(data, path, shown);
      }
      return data;
    });
  }
}

/** Runs `work` in a transaction of its own on a client of the pool. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The keys of these subjects, read now (never cached across batches). With `create`, subjects
 * without a row get a fresh key, in the same statement (one round trip whether the key exists or
 * not): INSERT … ON CONFLICT DO NOTHING, so two appends racing for a new subject end up with one
 * key; a subject created by another append after this statement's snapshot is read again.
 */
async function keysOf(client: Queryable, subjects: readonly string[], create: boolean): Promise<KeyRing> {
  const read = async (wanted: readonly string[]) =>
    (
      await client.query<{ subject: string; key: Buffer | null }>(
        'SELECT subject, key FROM es_subject_keys WHERE subject = ANY($1::text[])',
        [wanted],
      )
    ).rows;
  if (!create) return new Map((await read(subjects)).map((row) => [row.subject, row.key]));
  const { rows } = await client.query<{ subject: string; key: Buffer | null }>(
    `WITH created AS (
       INSERT INTO es_subject_keys (subject, key) SELECT * FROM unnest($1::text[], $2::bytea[])
       ON CONFLICT (subject) DO NOTHING RETURNING subject, key)
     SELECT subject, key FROM created
     UNION ALL SELECT subject, key FROM es_subject_keys WHERE subject = ANY($1::text[]) AND subject NOT IN (SELECT subject FROM created)`,
    [subjects, subjects.map(() => randomBytes(KEY_BYTES))],
  );
  const keys = new Map(rows.map((row) => [row.subject, row.key]));
  const raced = subjects.filter((subject) => !keys.has(subject));
  if (raced.length > 0) for (const row of await read(raced)) keys.set(row.subject, row.key);
  return keys;
}

/** Binds a ciphertext to its place: moved to another stream, version, path or subject, it does not decrypt. */
function aadOf(streamId: string, version: number, path: string, subject: string): string {
  return `${FIELD_ENCRYPTION_VERSION}|${streamId}|${version}|${path}|${subject}`;
}

function isSealed(value: unknown): value is SealedValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as Record<string, unknown>)[MARK] === 'string' &&
    typeof (value as Record<string, unknown>).subject === 'string'
  );
}

/** Finds sealed values anywhere in stored data (the stored form says what it holds, whatever the policy is now). */
function collectSealed(value: unknown, path: string, found: { path: string; value: SealedValue }[]): void {
  if (isSealed(value)) {
    found.push({ path, value });
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  for (const [name, child] of Object.entries(value)) collectSealed(child, path === '' ? name : `${path}.${name}`, found);
}

function valueAt(data: unknown, path: string): unknown {
  let current = data;
  for (const name of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return current;
}

/** A copy of `data` with the value at `path` replaced (the path exists: it was found there). */
function withValueAt(data: unknown, path: string, value: unknown): unknown {
  const [name, ...rest] = path.split('.');
  const object = data as Record<string, unknown>;
  return { ...object, [name]: rest.length === 0 ? value : withValueAt(object[name], rest.join('.'), value) };
}
