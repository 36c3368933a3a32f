import { isInfrastructureError } from './infrastructure-error';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('infrastructure errors', () => {
  it('include network failures', () => {
    expect(isInfrastructureError(withCode('ECONNREFUSED'))).toBe(true);
    expect(isInfrastructureError(withCode('ECONNRESET'))).toBe(true);
  });

  it('include PostgreSQL connection, shutdown and concurrency states', () => {
    for (const code of ['08006', '08001', '57P01', '53300', '40001', '40P01']) expect(isInfrastructureError(withCode(code))).toBe(true);
  });

  it('include a lost connection without a code, and a driver error wrapped by TypeORM', () => {
    expect(isInfrastructureError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isInfrastructureError(Object.assign(new Error('query failed'), { driverError: withCode('57P01') }))).toBe(true);
  });

  it('exclude errors about the data or the code', () => {
    expect(isInfrastructureError(withCode('23505', 'duplicate key value'))).toBe(false);
    expect(isInfrastructureError(withCode('CASE.ALREADY_CLOSED'))).toBe(false);
    expect(isInfrastructureError(new TypeError('x is undefined'))).toBe(false);
    expect(isInfrastructureError('boom')).toBe(false);
    expect(isInfrastructureError(null)).toBe(false);
  });
});
