// prom-client's default collectors, one module each (what its collectDefaultMetrics calls in turn).
declare module 'prom-client/lib/metrics/*' {
  import type { Registry } from 'prom-client';

  const collect: (registry: Registry, config?: Record<string, unknown>) => void;
  export = collect;
}
