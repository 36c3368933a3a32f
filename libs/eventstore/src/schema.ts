import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, type ClientConfig, type Pool } from 'pg';

const SQL_DIR = join(__dirname, 'sql');

/** Creates the service's database if it does not exist yet (connecting to `postgres`). */
export async function ensureDatabase(connection: ClientConfig, database: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`invalid database name: ${database}`);
  const admin = new Client({ ...connection, database: 'postgres' });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) {
      await admin.query(`CREATE DATABASE ${database}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently
      });
    }
  } finally {
    await admin.end();
  }
}

function sqlFiles(): string[] {
  return readdirSync(SQL_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

/** The event store's SQL files not applied to this database yet. */
export async function pendingEventStoreMigrations(pool: Pick<Pool, 'query'>): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>('SELECT name FROM es_schema_migrations');
  const applied = new Set(rows.map((r) => r.name));
  return sqlFiles().filter((file) => !applied.has(file));
}

/** Applies the event store's SQL files once each, in order, under an advisory lock. */
export async function migrateEventStore(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(4242)');
    await client.query(
      'CREATE TABLE IF NOT EXISTS es_schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ name: string }>('SELECT name FROM es_schema_migrations');
    const applied = new Set(rows.map((r) => r.name));
    for (const file of sqlFiles()) {
      if (applied.has(file)) continue;
      await client.query('BEGIN');
      try {
        await client.query(readFileSync(join(SQL_DIR, file), 'utf8'));
        await client.query('INSERT INTO es_schema_migrations (name) VALUES ($1)', [file]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`event store migration ${file} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(4242)').catch(() => undefined);
    client.release();
  }
}

/**
 * The role services run as: full rights on read models, outbox, inbox and checkpoints; SELECT,
 * INSERT and UPDATE (erasure only) on the subject keys of personal data, which no other role reads; SELECT and
 * INSERT (of the columns a caller may choose, never `tx_id`) on the log; SELECT and INSERT on the
 * seal and on the signed checkpoints; no UPDATE, DELETE or TRUNCATE of either; no superuser, role or database creation; no
 * `pg_read_all_stats` (the sealing horizon comes from `es_sealing_horizon()`, a SECURITY DEFINER
 * function of the owner). A password, when given, is stored as SCRAM-SHA-256. Run after every
 * migration, as the owner.
 */
export async function grantServiceRole(client: Pool, role: string, password?: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`invalid role name: ${role}`);
  const { rows: owner } = await client.query<{ owner: string; superuser: boolean }>(
    `SELECT current_user AS owner, (SELECT rolsuper FROM pg_roles WHERE rolname = $1) AS superuser`,
    [role],
  );
  if (owner[0].owner === role) throw new Error(`the service role ${role} must not be the role that owns the schema`);
  if (owner[0].superuser) throw new Error(`the service role ${role} is a superuser; give the service a role of its own`);
  await client
    .query(
      `DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} LOGIN; END IF;
    END $$`,
    )
    .catch((error: { code?: string }) => {
      if (error.code !== '23505' && error.code !== '42710') throw error;
    });
  await client.query(`ALTER ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`);
  if (password) {
    const { rows } = await client.query<{ sql: string }>(`SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text) AS sql`, [
      role,
      password,
    ]);
    await client.query(`SET password_encryption = 'scram-sha-256'`);
    await client.query(rows[0].sql);
  }
  await client.query(`GRANT CONNECT ON DATABASE ${await currentDatabase(client)} TO ${role}`);
  await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO ${role}`);
  await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON es_events FROM ${role}`);
  await client.query(
    `GRANT INSERT (stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, content_hash, previous_hash)
       ON es_events TO ${role}`,
  );
  await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON es_seal FROM ${role}`);
  await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON es_log_checkpoints, es_service_keys FROM ${role}`);
  // Subject keys are created and destroyed (key set to NULL, once: a trigger allows nothing else), never deleted.
  await client.query(`REVOKE DELETE, TRUNCATE ON es_subject_keys FROM ${role}`);
  // Migration bookkeeping belongs to the owner: the service reads it only.
  const { rows: bookkeeping } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('es_schema_migrations', 'typeorm_migrations')`,
  );
  for (const { name } of bookkeeping) await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${name} FROM ${role}`);
  await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
  await client.query(`GRANT EXECUTE ON FUNCTION es_sealing_horizon() TO ${role}`);
  // Granted by earlier versions of this function; it lets a role read every session's query.
  await client.query(`REVOKE pg_read_all_stats FROM ${role}`);
}

async function currentDatabase(client: Pool): Promise<string> {
  const result = await client.query<{ name: string }>('SELECT current_database() AS name');
  return result.rows[0].name;
}
