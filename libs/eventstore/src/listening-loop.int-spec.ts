import { createTestDatabase, type TestDatabase } from '@app/testing';
import { ListeningLoop } from './listening-loop';

describe('listening loop', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('es_loop');
  });
  afterAll(async () => {
    await db?.drop();
  });

  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('serves a wake at rest at once, and gathers the wakes of a busy spell into spaced rounds', async () => {
    const starts: number[] = [];
    const loop = new ListeningLoop(db.pool, 'es_loop_test', () => (starts.push(Date.now()), Promise.resolve()), 60_000, 300);
    await loop.start();
    try {
      await pause(400); // the first round (at start) is long past its spacing
      const woken = Date.now();
      loop.wake();
      await pause(50);
      expect(starts).toHaveLength(2);
      expect(starts[1] - woken).toBeLessThan(50);

      // Twenty wakes within 100 ms of that round: one more round, no sooner than 300 ms after it.
      for (let i = 0; i < 20; i++) {
        loop.wake();
        await pause(5);
      }
      await pause(400);
      expect(starts).toHaveLength(3);
      expect(starts[2] - starts[1]).toBeGreaterThanOrEqual(295);
    } finally {
      await loop.stop();
    }
  });

  it('wakes on a NOTIFY of its channel; within the spacing the NOTIFY waits, and stop does not', async () => {
    let rounds = 0;
    const eager = new ListeningLoop(db.pool, 'es_loop_notify', () => ((rounds += 1), Promise.resolve()), 60_000);
    await eager.start();
    await pause(50);
    await db.pool.query('NOTIFY es_loop_notify');
    for (const deadline = Date.now() + 2_000; rounds < 2 && Date.now() < deadline;) await pause(10);
    await eager.stop();
    expect(rounds).toBe(2);

    let spaced = 0;
    const patient = new ListeningLoop(db.pool, 'es_loop_notify', () => ((spaced += 1), Promise.resolve()), 60_000, 10_000);
    await patient.start();
    await pause(50);
    await db.pool.query('NOTIFY es_loop_notify');
    await pause(200);
    const stopping = Date.now();
    await patient.stop();
    expect(Date.now() - stopping).toBeLessThan(1_000);
    expect(spaced).toBe(1);
  });
});
