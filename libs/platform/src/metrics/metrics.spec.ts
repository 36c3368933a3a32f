import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Registry } from 'prom-client';
import { Metrics } from './metrics';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Whether the object behind `ref` is garbage collected within a few rounds of GC. */
async function isCollected(ref: WeakRef<object>): Promise<boolean> {
  for (let round = 0; round < 10 && ref.deref() !== undefined; round++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  return ref.deref() === undefined;
}

/** The registry of a service's Metrics after the app shut down, with no other reference left to it. */
function registryOfAShutDownService(): WeakRef<Registry> {
  const metrics = new Metrics('released-test');
  metrics.onApplicationShutdown();
  return new WeakRef(metrics.registry);
}

/** Garbage collections observed so far, of every kind. */
async function gcCount(metrics: Metrics): Promise<number> {
  const text = await metrics.registry.metrics();
  return [...text.matchAll(/^nodejs_gc_duration_seconds_count\{[^}]*\} (\d+)$/gm)].reduce((sum, [, count]) => sum + Number(count), 0);
}

/** The GC count after a few collections and time for their entries to be delivered. */
async function gcCountAfterCollecting(metrics: Metrics): Promise<number> {
  for (let round = 0; round < 5; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return gcCount(metrics);
}

describe('Metrics', () => {
  it('leaves nothing in the process that keeps a shut-down service reachable', async () => {
    expect(await isCollected(registryOfAShutDownService())).toBe(true);
  });

  it('observes garbage collections until it is stopped, and none after', async () => {
    const metrics = new Metrics('gc-test');
    try {
      expect(await gcCountAfterCollecting(metrics)).toBeGreaterThan(0);
    } finally {
      metrics.stop();
    }
    const stopped = await gcCount(metrics);
    expect(await gcCountAfterCollecting(metrics)).toBe(stopped);
  });

  it('serves the default process metrics under their usual names', async () => {
    const metrics = new Metrics('names-test');
    try {
      const text = await metrics.registry.metrics();
      for (const name of [
        'process_cpu_user_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_heap_size_used_bytes',
        'nodejs_version_info',
        'nodejs_eventloop_lag_seconds',
        'nodejs_eventloop_lag_p99_seconds',
        'nodejs_gc_duration_seconds',
      ]) {
        expect(text).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
      }
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{service="names-test"\} \d/m);
    } finally {
      metrics.stop();
    }
  });
});
