import { backoffDelay, pause } from './backoff';

describe('backoff schedule', () => {
  const options = { initialMs: 100, maxMs: 1000 };

  it('starts at the initial delay and doubles', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, options))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the cap', () => {
    expect(backoffDelay(5, options)).toBe(1000);
    expect(backoffDelay(50, options)).toBe(1000);
  });

  it('honours another factor', () => {
    expect([1, 2, 3].map((attempt) => backoffDelay(attempt, { ...options, factor: 3 }))).toEqual([100, 300, 900]);
  });

  it('treats attempts below one as the first', () => {
    expect(backoffDelay(0, options)).toBe(100);
  });
});

describe('pause', () => {
  it('ends early when aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const paused = pause(10_000, controller.signal);
    controller.abort();
    await paused;
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
