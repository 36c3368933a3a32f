import { oldestRunning } from './sealer';

describe('sealing horizon', () => {
  const epoch = 3n * 2n ** 32n;

  it('is the reference when nothing runs in the database', () => {
    expect(oldestRunning(String(epoch + 500n), [])).toBe(String(epoch + 500n));
  });

  it('is the oldest running transaction, whether it lies below or above the reference', () => {
    expect(oldestRunning(String(epoch + 500n), ['499', '501'])).toBe(String(epoch + 499n));
    expect(oldestRunning(String(epoch + 500n), ['501', '502'])).toBe(String(epoch + 500n));
  });

  it('places running ids in the right epoch across a wraparound of the 32-bit counter', () => {
    expect(oldestRunning(String(epoch + 5n), [String(2n ** 32n - 10n)])).toBe(String(epoch - 10n));
    expect(oldestRunning(String(epoch - 3n), ['2'])).toBe(String(epoch - 3n));
    expect(oldestRunning(String(epoch - 3n), [String(2n ** 32n - 7n), '2'])).toBe(String(epoch - 7n));
  });
});
