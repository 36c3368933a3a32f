import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OnApplicationShutdown } from '@nestjs/common';
import {
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';
import { currentCorrelationId } from '../context/correlation';
import type { Logger } from '../logging/logger';
import { collectProcessMetrics, type StopCollecting } from './process-metrics';

/**
 * The service's Prometheus registry: default process metrics, the HTTP latency histogram, and
 * the metrics other libraries add (appends, outbox lag, consumer lag). Asking twice for the same
 * name returns the same metric, so a library may ask on every construction. `stop` (called when
 * the app shuts down) releases what the process metrics hold in the process.
 */
export class Metrics implements OnApplicationShutdown {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly stop: StopCollecting;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    this.stop = collectProcessMetrics(this.registry);
    this.httpDuration = this.histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return this.existing(config.name, Counter) ?? new Counter({ ...config, registers: [this.registry] });
  }

  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return this.existing(config.name, Gauge) ?? new Gauge({ ...config, registers: [this.registry] });
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return this.existing(config.name, Histogram) ?? new Histogram({ ...config, registers: [this.registry] });
  }

  private existing<M>(name: string, kind: abstract new (...args: never[]) => M): M | undefined {
    const metric = this.registry.getSingleMetric(name);
    if (metric === undefined) return undefined;
    if (!(metric instanceof kind)) throw new Error(`metric ${name} is already registered as another kind`);
    return metric;
  }
}

type RoutedRequest = IncomingMessage & { route?: { path?: unknown }; baseUrl?: string };

/**
 * Express-style middleware: observes each request's latency under its route template (never the
 * raw URL) and writes one access log line, without query string, body or caller identity.
 */
export function httpMetricsMiddleware(metrics: Metrics, logger: Logger) {
  return (request: RoutedRequest, response: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    const correlationId = currentCorrelationId();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeTemplate(request);
      const method = request.method ?? 'UNKNOWN';
      metrics.httpDuration.observe({ method, route, status: String(response.statusCode) }, seconds);
      const quiet = route === '/metrics' || route.startsWith('/health/');
      logger[quiet ? 'debug' : 'info'](
        { correlationId, method, route, status: response.statusCode, durationMs: Math.round(seconds * 1000) },
        'request completed',
      );
    });
    next();
  };
}

function routeTemplate(request: RoutedRequest): string {
  const path = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : '(unmatched)';
}
