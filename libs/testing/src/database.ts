import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { migrateEventStore } from '@app/eventstore';

export const PG_CONNECTION = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD,
};

export interface TestDatabase {
  readonly name: string;
  readonly pool: Pool;
  drop(): Promise<void>;
}

/** A throwaway database with the event store schema, for one test file. */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const pool = new Pool({ ...PG_CONNECTION, database: name, max: 20 });
  pool.on('error', () => undefined);
  await migrateEventStore(pool);
  return {
    name,
    pool,
    async drop() {
      await pool.end();
      await dropDatabase(name);
    },
  };
}

/** Runs one statement as the administrator, on `postgres` unless told (to drop a test database or role, to vacuum one). */
export async function adminQuery(sql: string, database = 'postgres'): Promise<void> {
  const admin = new Client({ ...PG_CONNECTION, database });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export function dropDatabase(name: string): Promise<void> {
  return adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
