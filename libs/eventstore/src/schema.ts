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
    for (const file of readdirSync(SQL_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
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
 * The role services run as: full rights on read models, outbox, inbox and checkpoints, but only
 * INSERT and SELECT on the log and the seal. Run after every migration, as the owner.
 */
export async function grantServiceRole(client: Pool, role: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`invalid role name: ${role}`);
  await client
    .query(
      `DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN CREATE ROLE ${role} LOGIN; END IF;
    END $$`,
    )
    .catch((error: { code?: string }) => {
      if (error.code !== '23505' && error.code !== '42710') throw error;
    });
  await client.query(`GRANT CONNECT ON DATABASE ${await currentDatabase(client)} TO ${role}`);
  await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO ${role}`);
  await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON es_events, es_seal FROM ${role}`);
  await client.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
  // The sealer's horizon reads every session of this database in pg_stat_activity.
  await client.query(`GRANT pg_read_all_stats TO ${role}`);
}

async function currentDatabase(client: Pool): Promise<string> {
  const result = await client.query<{ name: string }>('SELECT current_database() AS name');
  return result.rows[0].name;
}
