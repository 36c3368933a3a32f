import { Client, Pool, type ClientConfig, type PoolConfig } from 'pg';

export type ConnectionErrorHandler = (error: Error) => void;

/**
 * A `pg` Client class whose instances always handle their `'error'` event. A session the server
 * terminates (restart, `pg_terminate_backend`, network) makes its client emit `'error'`; on a
 * client checked out of a pool and between queries nobody else listens, and an unhandled
 * `'error'` event ends the process. The failed client is no longer queryable: the pool drops it
 * when it comes back, and the command that held it fails with a connection error (503).
 * Give it to `pg.Pool` and TypeORM as `Client` (TypeORM: `extra: { Client }`).
 */
export function guardedClientClass(onError: ConnectionErrorHandler): typeof Client {
  return class GuardedClient extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      this.on('error', onError);
    }
  };
}

/** A pool whose idle and checked-out clients never raise an unhandled `'error'` event. */
export function guardedPool(config: PoolConfig, onError: ConnectionErrorHandler): Pool {
  const pool = new Pool({ ...config, Client: guardedClientClass(onError) });
  pool.on('error', onError);
  return pool;
}
