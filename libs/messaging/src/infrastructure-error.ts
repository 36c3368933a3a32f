const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/** PostgreSQL states that say nothing about the message: shutdown, overload, lost or conflicting transactions. */
const POSTGRES_STATES = new Set(['57P01', '57P02', '57P03', '53300', '53400', '40001', '40P01', '55P03']);

const CONNECTION_MESSAGES =
  /connection terminated|connection ended|terminating connection|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/**
 * Whether an error comes from the infrastructure (database unreachable, connection lost,
 * serialization conflict) rather than from the message: such failures are retried until they
 * pass, never dead-lettered, so an outage does not empty a topic into its DLQ.
 */
export function isInfrastructureError(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const { code, message, driverError } = error as { code?: unknown; message?: unknown; driverError?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_STATES.has(code) || /^08/.test(code))) return true;
  if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return true;
  return driverError !== undefined && driverError !== error && isInfrastructureError(driverError);
}
