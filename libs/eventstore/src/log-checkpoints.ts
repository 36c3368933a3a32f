import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import {
  CHECKPOINT_FORMAT,
  checkpointId,
  checkpointTopic,
  type CheckpointSignedMessage,
  type ServiceKeyPublishedMessage,
  checkpointMessage,
  eventLeaf,
  type BundlePublicKey,
  type CheckpointBody,
  type SignedCheckpoint,
} from '@app/audit-bundle';
import {
  loadSigningKey,
  MerkleTree,
  newSigningKeyFile,
  verifySignature,
  type HashAlgorithm,
  type SignatureAlgorithm,
  type SigningKey,
} from '@app/crypto';

const CHECKPOINT_LOCK = 0x5ea2;
const PAGE = 10_000;
/**
 * Leaves hashed between two yields to the event loop: extending the tree by a minute of a log at
 * 300 events/s held it for 0.3–0.6 s at once, every minute, which the requests of that second felt.
 */
const YIELD_EVERY = 500;

/**
 * The service's checkpoint signing key from its file; at first start (no file yet) a new key of
 * `algorithm` is written there, readable by the service's user only, and `created` is true.
 */
export function loadOrCreateServiceKey(path: string, algorithm: SignatureAlgorithm): { key: SigningKey; created: boolean } {
  let created = false;
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    try {
      writeFileSync(path, newSigningKeyFile(algorithm), { mode: 0o600, flag: 'wx' });
      created = true;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
  }
  return { key: loadSigningKey(readFileSync(path, 'utf8'), algorithm), created };
}

/** A witnessed checkpoint file: the checkpoint and the public key that signed it. */
export interface WitnessFile extends SignedCheckpoint {
  readonly publicKey: BundlePublicKey;
}

/**
 * Checkpoints kept outside the database: one JSON file per checkpoint in a directory of its own
 * (`checkpoint-0000000042.json`), written atomically (a temporary file, then a rename). Copy it
 * elsewhere (an object store, another machine) as often as you like: a superuser of the database
 * cannot reach it, so a rewritten or cut head of the log no longer matches it.
 */
export class WitnessDirectory {
  constructor(readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  write(file: WitnessFile): void {
    // Made again if it was removed meanwhile: the next checkpoint is witnessed there anyway.
    mkdirSync(this.directory, { recursive: true });
    const name = fileName(file.body.number);
    const temporary = join(this.directory, `.${name}.${process.pid}.tmp`);
    writeFileSync(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o644 });
    renameSync(temporary, join(this.directory, name));
  }

  has(number: number): boolean {
    return this.numbers().includes(number);
  }

  /** The witnessed checkpoint with the highest number, if any; a file that cannot be read is an error. */
  latest(): WitnessFile | undefined {
    const newest = this.numbers().at(-1);
    return newest === undefined ? undefined : this.read(newest);
  }

  read(number: number): WitnessFile {
    const path = join(this.directory, fileName(number));
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as WitnessFile;
    } catch (error) {
      throw new Error(`witness file ${path} cannot be read: ${(error as Error).message}`, { cause: error });
    }
  }

  /** The checkpoint numbers witnessed here, ascending (none when the directory is gone). */
  numbers(): number[] {
    let names: string[];
    try {
      names = readdirSync(this.directory);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .map((name) => /^checkpoint-(\d{10})\.json$/.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }
}

/** A witness directory whose copy of a checkpoint is missing, unreadable, or not the same as another directory's. */
export interface WitnessDisagreement {
  readonly directory: string;
  /** The checkpoint number, or null when the directory holds none at all. */
  readonly checkpoint: number | null;
  readonly problem: 'missing' | 'unreadable' | 'different';
  readonly detail: string;
}

/** Copies compared checkpoint by checkpoint, newest first; presence is compared for all. */
const COMPARED_COPIES = 100;
const DISAGREEMENTS_KEPT = 50;

/**
 * Several witness directories (AUDIT_WITNESS_DIRS): each checkpoint is written to every one, so
 * one copy survives the loss of another. The newest checkpoint is the highest number any of them
 * holds; {@link disagreements} names the directories whose copies are missing or differ.
 */
export class Witnesses {
  readonly directories: readonly WitnessDirectory[];

  constructor(directories: readonly (string | WitnessDirectory)[]) {
    if (directories.length === 0) throw new Error('at least one witness directory is needed');
    this.directories = directories.map((d) => (typeof d === 'string' ? new WitnessDirectory(d) : d));
  }

  write(file: WitnessFile): void {
    for (const directory of this.directories) directory.write(file);
  }

  /** Writes the checkpoint to each directory that does not hold it yet. */
  writeWhereMissing(file: WitnessFile): void {
    for (const directory of this.directories) if (!directory.has(file.body.number)) directory.write(file);
  }

  /** Whether every directory holds the checkpoint. */
  has(number: number): boolean {
    return this.directories.every((directory) => directory.has(number));
  }

  /** The newest checkpoint any directory holds. */
  latest(): WitnessFile | undefined {
    return this.latestOfEach()
      .map(({ checkpoint }) => checkpoint)
      .filter((c): c is WitnessFile => c !== undefined)
      .sort((a, b) => b.body.number - a.body.number)[0];
  }

  /** Each directory's newest checkpoint (undefined where it holds none). */
  latestOfEach(): Array<{ directory: string; checkpoint: WitnessFile | undefined }> {
    return this.directories.map((d) => ({ directory: d.directory, checkpoint: d.latest() }));
  }

  /**
   * Where the copies disagree: a directory without a checkpoint that another holds (from its own
   * oldest on, so a directory added later is not blamed for what came before it; an empty or
   * removed directory once), a copy that cannot be read, or a copy (checkpoint and signature) other
   * than the first directory's. Contents are compared for the newest {@link COMPARED_COPIES}.
   */
  disagreements(): WitnessDisagreement[] {
    if (this.directories.length < 2) return [];
    const found: WitnessDisagreement[] = [];
    const add = (d: WitnessDisagreement) => {
      if (found.length < DISAGREEMENTS_KEPT) found.push(d);
    };
    const held = this.directories.map((d) => ({ directory: d, numbers: new Set(d.numbers()) }));
    const all = [...new Set(held.flatMap(({ numbers }) => [...numbers]))].sort((a, b) => a - b);
    for (const { directory, numbers } of held) {
      if (numbers.size === 0) {
        if (all.length > 0) add({ directory: directory.directory, checkpoint: null, problem: 'missing', detail: 'holds no checkpoint' });
        continue;
      }
      const oldest = Math.min(...numbers);
      for (const number of all) {
        if (number >= oldest && !numbers.has(number)) {
          add({ directory: directory.directory, checkpoint: number, problem: 'missing', detail: `checkpoint ${number} is not there` });
        }
      }
    }
    for (const number of all.slice(-COMPARED_COPIES)) {
      let reference: { directory: string; copy: string } | undefined;
      for (const { directory, numbers } of held) {
        if (!numbers.has(number)) continue;
        let copy: string;
        try {
          const file = directory.read(number);
          copy = JSON.stringify({ body: file.body, signature: file.signature });
        } catch (error) {
          add({ directory: directory.directory, checkpoint: number, problem: 'unreadable', detail: (error as Error).message });
          continue;
        }
        if (!reference) reference = { directory: directory.directory, copy };
        else if (reference.copy !== copy) {
          add({
            directory: directory.directory,
            checkpoint: number,
            problem: 'different',
            detail: `checkpoint ${number} is not the copy in ${reference.directory}`,
          });
        }
      }
    }
    return found;
  }
}

function fileName(number: number): string {
  return `checkpoint-${String(number).padStart(10, '0')}.json`;
}

/** An inclusion proof of one sealed event in a checkpoint. */
export interface InclusionProof {
  readonly checkpoint: SignedCheckpoint;
  readonly seq: number;
  readonly position: number;
  readonly contentHash: string;
  /** Leaf hash (hex) of the event: see `eventLeaf`. */
  readonly leafHash: string;
  readonly leafIndex: number;
  readonly proof: readonly string[];
}

export interface ConsistencyProof {
  readonly from: SignedCheckpoint;
  readonly to: SignedCheckpoint;
  readonly proof: readonly string[];
}

/** The log no longer agrees with a checkpoint the service signed: it refuses to sign or prove on it. */
export class LogDivergedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogDivergedError';
  }
}

/**
 * Signed checkpoints of the sealed log: a Merkle tree (RFC 6962 shape, the log's hash algorithm)
 * over one leaf per seal entry, its root signed with the service's own key, stored in
 * `es_log_checkpoints` and written to the witness directory. The tree is kept in memory and
 * extended from the seal, so a checkpoint costs the events sealed since the last one, and a proof
 * O(log² n) hashes. Before signing, the tree must reproduce the last signed root (in the database
 * or the witness directory): a service restarted on a rewritten log refuses to sign it.
 */
export class LogCheckpoints {
  private readonly tree: MerkleTree;
  private readonly witnesses: Witnesses;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    private readonly options: {
      readonly service: string;
      readonly hashAlgorithm: HashAlgorithm;
      readonly key: SigningKey;
      /** One directory, or several (each checkpoint is written to all). */
      readonly witness: WitnessDirectory | Witnesses;
      /**
       * Announce each checkpoint on Kafka (`<service>.checkpoints.v1`) through the outbox, in its
       * transaction; `onPublished` runs after commit (to wake the relay).
       */
      readonly publish?: { readonly onPublished?: () => void };
    },
  ) {
    this.tree = new MerkleTree(options.hashAlgorithm);
    this.witnesses = options.witness instanceof Witnesses ? options.witness : new Witnesses([options.witness]);
  }

  /** Seal entries in the tree so far (call {@link sync} first for the current figure). */
  get size(): number {
    return this.tree.size;
  }

  get witness(): Witnesses {
    return this.witnesses;
  }

  /** The service's public keys, as the bundle and GET /audit/keys give them. */
  publicKeys(): BundlePublicKey[] {
    const { algorithm, publicKey, fingerprint } = this.options.key;
    return [{ algorithm, publicKey, fingerprint }];
  }

  /** Whether the checkpoint's signature verifies under the service's key. */
  signedByService(checkpoint: SignedCheckpoint): boolean {
    const key = this.options.key;
    return (
      checkpoint.body.keyFingerprint === key.fingerprint &&
      checkpoint.body.signatureAlgorithm === key.algorithm &&
      verifySignature(key, checkpointMessage(checkpoint.body), checkpoint.signature)
    );
  }

  /** Extends the tree with every seal entry not in it yet; answers how many it added. */
  sync(): Promise<number> {
    return this.serially(() => this.extend());
  }

  /**
   * Signs a checkpoint of the log as sealed now, unless the newest one already covers it (then
   * `created` is false and that one is answered), and writes it to the witness directory.
   */
  create(now = new Date()): Promise<{ checkpoint: SignedCheckpoint; created: boolean }> {
    return this.serially(async () => {
      await this.extend();
      const client = await this.pool.connect();
      let checkpoint: SignedCheckpoint;
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [CHECKPOINT_LOCK]);
        const stored = await latestStored(client);
        const witnessed = this.witnesses.latest();
        const previous = [stored, witnessed]
          .filter((c): c is SignedCheckpoint => c !== undefined)
          .sort((a, b) => b.body.number - a.body.number)[0];
        if (previous) this.assertAgrees(previous);
        if (previous && stored && previous.body.number === stored.body.number && previous.body.logSize === this.tree.size) {
          await client.query('COMMIT');
          this.witnessIfMissing(stored);
          return { checkpoint: stored, created: false };
        }
        const key = this.options.key;
        const body: CheckpointBody = {
          format: CHECKPOINT_FORMAT,
          service: this.options.service,
          number: (previous?.body.number ?? 0) + 1,
          logSize: this.tree.size,
          rootHash: this.tree.root().toString('hex'),
          hashAlgorithm: this.options.hashAlgorithm,
          signedAt: now.toISOString(),
          previous: previous ? checkpointId(previous.body) : null,
          signatureAlgorithm: key.algorithm,
          keyFingerprint: key.fingerprint,
        };
        checkpoint = { body, signature: key.sign(checkpointMessage(body)) };
        await client.query('INSERT INTO es_log_checkpoints (number, log_size, root_hash, body, signature) VALUES ($1, $2, $3, $4, $5)', [
          body.number,
          body.logSize,
          Buffer.from(body.rootHash, 'hex'),
          body,
          checkpoint.signature,
        ]);
        const announce = this.options.publish !== undefined && body.logSize > 0;
        if (body.logSize > 0) await this.recordKey(client, body, announce);
        if (announce) {
          const message: CheckpointSignedMessage = {
            type: 'audit.CheckpointSigned',
            id: checkpointId(body),
            source: body.service,
            checkpoint,
            publicKey: this.publicKeys()[0],
          };
          // The outbox row names the position of the last event covered, which verify finds in the log.
          await client.query(
            `INSERT INTO es_outbox (position, topic, message_key, message, headers)
             SELECT position, $1, $2, $3, $4 FROM es_seal WHERE seq = $5`,
            [
              checkpointTopic(body.service),
              body.service,
              message,
              { 'content-type': 'application/json', 'x-source': body.service },
              body.logSize,
            ],
          );
        }
        await client.query('COMMIT');
        if (announce) this.options.publish?.onPublished?.();
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      this.witnessIfMissing(checkpoint);
      return { checkpoint, created: true };
    });
  }

  /**
   * Records the service key the first time it signs a checkpoint of a non-empty log and, when
   * checkpoints are announced, announces the key (audit.ServiceKeyPublished) ahead of the checkpoint.
   */
  private async recordKey(client: PoolClient, body: CheckpointBody, announce: boolean): Promise<void> {
    const publicKey = this.publicKeys()[0];
    const { rowCount } = await client.query(
      `INSERT INTO es_service_keys (fingerprint, algorithm, public_key, first_checkpoint) VALUES ($1, $2, $3, $4)
       ON CONFLICT (fingerprint) DO NOTHING`,
      [publicKey.fingerprint, publicKey.algorithm, publicKey.publicKey, body.number],
    );
    if (rowCount !== 1 || !announce) return;
    const message: ServiceKeyPublishedMessage = {
      type: 'audit.ServiceKeyPublished',
      id: publicKey.fingerprint,
      source: body.service,
      publicKey,
      firstCheckpoint: body.number,
      publishedAt: body.signedAt,
    };
    await client.query(
      `INSERT INTO es_outbox (position, topic, message_key, message, headers)
       SELECT position, $1, $2, $3, $4 FROM es_seal WHERE seq = $5`,
      [
        checkpointTopic(body.service),
        body.service,
        message,
        { 'content-type': 'application/json', 'x-source': body.service },
        body.logSize,
      ],
    );
  }

  /** A stored checkpoint by number, or the newest when none is given. */
  async get(number?: number): Promise<SignedCheckpoint | undefined> {
    if (number === undefined) return latestStored(this.pool);
    const { rows } = await this.pool.query<{ body: CheckpointBody; signature: string }>(
      'SELECT body, signature FROM es_log_checkpoints WHERE number = $1',
      [number],
    );
    return rows[0] && { body: rows[0].body, signature: rows[0].signature };
  }

  /** Stored checkpoints, oldest first, whose number lies in [from, to]. */
  async list(from: number, to: number, limit = 1000): Promise<SignedCheckpoint[]> {
    const { rows } = await this.pool.query<{ body: CheckpointBody; signature: string }>(
      'SELECT body, signature FROM es_log_checkpoints WHERE number BETWEEN $1 AND $2 ORDER BY number LIMIT $3',
      [from, to, limit],
    );
    return rows.map((row) => ({ body: row.body, signature: row.signature }));
  }

  /** Inclusion proof of seal entry `seq` in `checkpoint` (which must cover it). */
  inclusionProof(seq: number, checkpoint: SignedCheckpoint): Promise<InclusionProof> {
    return this.serially(async () => {
      await this.extend();
      this.assertAgrees(checkpoint);
      const index = seq - 1;
      const proof = this.tree.inclusionProof(index, checkpoint.body.logSize);
      const { rows } = await this.pool.query<{ position: string; content_hash: Buffer }>(
        'SELECT s.position, e.content_hash FROM es_seal s JOIN es_events e ON e.position = s.position WHERE s.seq = $1',
        [seq],
      );
      return {
        checkpoint,
        seq,
        position: Number(rows[0].position),
        contentHash: rows[0].content_hash.toString('hex'),
        leafHash: this.tree.leaf(index).toString('hex'),
        leafIndex: index,
        proof: proof.map((p) => p.toString('hex')),
      };
    });
  }

  /** The proofs of many seal entries in one checkpoint, for an export (the tree is extended once). */
  inclusionProofsOf(seqs: readonly number[], checkpoint: SignedCheckpoint): Promise<string[][]> {
    return this.serially(async () => {
      await this.extend();
      this.assertAgrees(checkpoint);
      return seqs.map((seq) => this.tree.inclusionProof(seq - 1, checkpoint.body.logSize).map((p) => p.toString('hex')));
    });
  }

  consistencyProof(from: SignedCheckpoint, to: SignedCheckpoint): Promise<ConsistencyProof> {
    return this.serially(async () => {
      await this.extend();
      this.assertAgrees(from);
      this.assertAgrees(to);
      return { from, to, proof: this.tree.consistencyProof(from.body.logSize, to.body.logSize).map((p) => p.toString('hex')) };
    });
  }

  private witnessIfMissing(checkpoint: SignedCheckpoint): void {
    const { algorithm, publicKey, fingerprint } = this.options.key;
    this.witnesses.writeWhereMissing({ ...checkpoint, publicKey: { algorithm, publicKey, fingerprint } });
  }

  private assertAgrees(checkpoint: SignedCheckpoint): void {
    const { logSize, rootHash, number } = checkpoint.body;
    if (logSize > this.tree.size) {
      throw new LogDivergedError(`checkpoint ${number} signed ${logSize} sealed events, but the log holds ${this.tree.size}`);
    }
    if (this.tree.root(logSize).toString('hex') !== rootHash) {
      throw new LogDivergedError(`the first ${logSize} sealed events no longer have the root checkpoint ${number} signed`);
    }
  }

  private async extend(): Promise<number> {
    let added = 0;
    for (;;) {
      const after = this.tree.size;
      const { rows } = await this.pool.query<{ seq: string; position: string; content_hash: Buffer | null }>(
        // The page is cut before the join: otherwise the planner may hash-join the whole log for an empty page.
        `SELECT s.seq, s.position, e.content_hash
           FROM (SELECT seq, position FROM es_seal WHERE seq > $1 ORDER BY seq LIMIT $2) s
           LEFT JOIN es_events e ON e.position = s.position
          ORDER BY s.seq`,
        [after, PAGE],
      );
      for (const [index, row] of rows.entries()) {
        // A minute of a busy log is tens of thousands of leaves: let requests in between slices.
        if (index > 0 && index % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
        const seq = Number(row.seq);
        if (seq !== this.tree.size + 1) throw new LogDivergedError(`seal entry ${this.tree.size + 1} is missing`);
        if (row.content_hash === null) throw new LogDivergedError(`the event of seal entry ${seq} is missing`);
        const contentHash = row.content_hash.toString('hex');
        const position = Number(row.position);
        this.tree.append(eventLeaf(this.options.hashAlgorithm, seq, position, contentHash));
      }
      added += rows.length;
      if (rows.length < PAGE) return added;
    }
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

async function latestStored(client: Pick<Pool, 'query'>): Promise<SignedCheckpoint | undefined> {
  const { rows } = await client.query<{ body: CheckpointBody; signature: string }>(
    'SELECT body, signature FROM es_log_checkpoints ORDER BY number DESC LIMIT 1',
  );
  return rows[0] && { body: rows[0].body, signature: rows[0].signature };
}
