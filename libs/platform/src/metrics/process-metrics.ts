import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { Gauge, Histogram, type Registry } from 'prom-client';
import heapSizeAndUsed from 'prom-client/lib/metrics/heapSizeAndUsed';
import heapSpacesSizeAndUsed from 'prom-client/lib/metrics/heapSpacesSizeAndUsed';
import osMemoryHeap from 'prom-client/lib/metrics/osMemoryHeap';
import processCpuTotal from 'prom-client/lib/metrics/processCpuTotal';
import processHandles from 'prom-client/lib/metrics/processHandles';
import processMaxFileDescriptors from 'prom-client/lib/metrics/processMaxFileDescriptors';
import processOpenFileDescriptors from 'prom-client/lib/metrics/processOpenFileDescriptors';
import processRequests from 'prom-client/lib/metrics/processRequests';
import processResources from 'prom-client/lib/metrics/processResources';
import processStartTime from 'prom-client/lib/metrics/processStartTime';
import version from 'prom-client/lib/metrics/version';

/** Releases what a collector holds in the process. */
export type StopCollecting = () => void;

/**
 * prom-client's default process metrics on `registry`, under their usual names. Its
 * `collectDefaultMetrics` starts a GC PerformanceObserver and an event-loop delay monitor that it
 * never releases (prometheus/client_js#500, #494): every service built in a process (every test
 * file's app) would stay reachable from the observer with all it loaded, and every monitor would
 * sample on. Those two are started here and released by the returned function; the other
 * collectors only read the process when scraped.
 */
export function collectProcessMetrics(registry: Registry): StopCollecting {
  for (const collect of [
    processCpuTotal,
    processStartTime,
    osMemoryHeap,
    processOpenFileDescriptors,
    processMaxFileDescriptors,
    processResources,
    processHandles,
    processRequests,
    heapSizeAndUsed,
    heapSpacesSizeAndUsed,
    version,
  ]) {
    collect(registry);
  }
  const stops = [collectGcDurations(registry), collectEventLoopLag(registry)];
  return () => stops.forEach((stop) => stop());
}

const GC_KINDS: Readonly<Record<number, string>> = {
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

function collectGcDurations(registry: Registry): StopCollecting {
  const durations = new Histogram({
    name: 'nodejs_gc_duration_seconds',
    help: 'Garbage collection duration by kind, one of major, minor, incremental or weakcb.',
    labelNames: ['kind'],
    buckets: [0.001, 0.01, 0.1, 1, 2, 5],
    registers: [registry],
  });
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = GC_KINDS[(entry as { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'unknown';
      durations.observe({ kind }, entry.duration / 1000);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}

const LAG_SUMMARY = [
  ['min', 'The minimum recorded event loop delay.', (h: Delays) => h.min],
  ['max', 'The maximum recorded event loop delay.', (h: Delays) => h.max],
  ['mean', 'The mean of the recorded event loop delays.', (h: Delays) => h.mean],
  ['stddev', 'The standard deviation of the recorded event loop delays.', (h: Delays) => h.stddev],
  ['p50', 'The 50th percentile of the recorded event loop delays.', (h: Delays) => h.percentile(50)],
  ['p90', 'The 90th percentile of the recorded event loop delays.', (h: Delays) => h.percentile(90)],
  ['p99', 'The 99th percentile of the recorded event loop delays.', (h: Delays) => h.percentile(99)],
] as const;

type Delays = ReturnType<typeof monitorEventLoopDelay>;

/** The lag of one turn of the loop at scrape time, and the delays sampled (every 10 ms) since the last scrape. */
function collectEventLoopLag(registry: Registry): StopCollecting {
  const delays = monitorEventLoopDelay({ resolution: 10 });
  delays.enable();
  // Registered first: a scrape runs this collect before it reads the summary gauges below.
  new Gauge({
    name: 'nodejs_eventloop_lag_seconds',
    help: 'Lag of event loop in seconds.',
    registers: [registry],
    async collect() {
      for (const [gauge, read] of summary) gauge.set(read(delays) / 1e9);
      delays.reset();
      const started = process.hrtime.bigint();
      await new Promise((resolve) => setImmediate(resolve));
      this.set(Number(process.hrtime.bigint() - started) / 1e9);
    },
  });
  const summary = LAG_SUMMARY.map(
    ([stat, help, read]) => [new Gauge({ name: `nodejs_eventloop_lag_${stat}_seconds`, help, registers: [registry] }), read] as const,
  );
  return () => delays.disable();
}
