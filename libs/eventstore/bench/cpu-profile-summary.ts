/**
 * Where the time of a V8 `.cpuprofile` goes: self time per group (validation, JSON, logging, pg,
 * crypto/SM3, Nest/express, …) and the top functions by self time.
 *
 *   npm run bench:profile -- <file.cpuprofile> [--top=30]
 */
import { readFileSync } from 'node:fs';
import { renderTable, settings } from './bench-support';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** First match wins: [group, test on url, test on function name]. */
const GROUPS: readonly (readonly [string, RegExp | null, RegExp | null])[] = [
  ['idle', null, /^\(idle\)$/],
  ['GC', null, /^\(garbage collector\)$/],
  ['JSON', null, /^(stringify|parse|JSONStringify|JSONParse)$/],
  [
    'validation (class-validator/-transformer, pipe)',
    /node_modules\/(class-validator|class-transformer|validator)\/|platform\/src\/http\/validation/,
    null,
  ],
  [
    'logging (pino)',
    /node_modules\/(pino|pino-std-serializers|sonic-boom|fast-redact|quick-format-unescaped|thread-stream|on-exit-leak-free)\/|platform\/src\/logging/,
    null,
  ],
  ['crypto/SM3 + canonical JSON', /node_modules\/(sm-crypto|sm-crypto-v2|@noble)\/|libs\/crypto\//, null],
  ['JWT (jsonwebtoken)', /node_modules\/(jsonwebtoken|jws|jwa|semver|lodash\.)/, null],
  ['pg (driver, pool, types)', /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+|pgpass|pg-connection-string)\//, null],
  ['TypeORM', /node_modules\/typeorm\//, null],
  ['kafkajs', /node_modules\/kafkajs\//, null],
  ['metrics (prom-client)', /node_modules\/(prom-client|tdigest|bintrees)\/|platform\/src\/metrics/, null],
  [
    'Nest/express routing + body parsing',
    /node_modules\/(@nestjs|express|router|body-parser|raw-body|path-to-regexp|finalhandler|on-finished|qs|type-is|content-type|iconv-lite|mime-types|send|serve-static|accepts|negotiator|depd|http-errors|statuses|cookie|vary|etag|fresh|parseurl|proxy-addr|forwarded|media-typer|encodeurl|escape-html|merge-descriptors|utils-merge|setprototypeof|call-bind|get-intrinsic|side-channel[a-z-]*|object-inspect|ee-first|unpipe|destroy|rxjs|tslib|reflect-metadata|uid|iterare|fast-safe-stringify)\//,
    null,
  ],
  ['platform (auth, correlation, problem, idempotency)', /libs\/platform\//, null],
  ['event store (append, sealer, projections)', /libs\/eventstore\//, null],
  ['messaging (relay)', /libs\/messaging\//, null],
  ['registry app (controllers, deciders, read models)', /apps\/org-registry\//, null],
  ['node: http/net/streams', /^node:internal\/(http|_http|net|stream|streams|tls|dns)|^node:(http|net|_http)/, null],
  [
    'node: async hooks/timers/events',
    /^node:internal\/(async_hooks|async_local_storage|timers|process\/task_queues|events|event_target)|^node:events/,
    null,
  ],
  ['node: other', /^node:/, null],
  ['native/program', null, /^\((program|root)\)$/],
];

export function groupOf(url: string, functionName: string): string {
  for (const [name, urlTest, fnTest] of GROUPS) {
    if (urlTest && urlTest.test(url)) return name;
    if (fnTest && fnTest.test(functionName)) return name;
  }
  return url === '' ? 'native/builtins (no script)' : 'other';
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly busyMs: number;
  readonly groups: readonly { readonly group: string; readonly ms: number }[];
  readonly functions: readonly { readonly name: string; readonly where: string; readonly group: string; readonly ms: number }[];
}

export function summariseProfile(profile: CpuProfile): ProfileSummary {
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((node, i) => {
    const delta = profile.timeDeltas[i + 1] ?? 0;
    selfMicros.set(node, (selfMicros.get(node) ?? 0) + Math.max(0, delta));
  });
  const byGroup = new Map<string, number>();
  const byFunction = new Map<string, { name: string; where: string; group: string; ms: number }>();
  let total = 0;
  for (const node of profile.nodes) {
    const micros = selfMicros.get(node.id) ?? 0;
    if (micros === 0) continue;
    total += micros;
    const { functionName, url, lineNumber } = node.callFrame;
    const group = groupOf(url, functionName);
    byGroup.set(group, (byGroup.get(group) ?? 0) + micros / 1000);
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const key = `${functionName}@${where}`;
    const entry = byFunction.get(key) ?? { name: functionName || '(anonymous)', where, group, ms: 0 };
    entry.ms += micros / 1000;
    byFunction.set(key, entry);
  }
  const idle = byGroup.get('idle') ?? 0;
  return {
    totalMs: total / 1000,
    busyMs: total / 1000 - idle,
    groups: [...byGroup].map(([group, ms]) => ({ group, ms })).sort((a, b) => b.ms - a.ms),
    functions: [...byFunction.values()].filter((f) => f.group !== 'idle').sort((a, b) => b.ms - a.ms),
  };
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const dist = url.indexOf('/dist/');
  if (dist >= 0) return url.slice(dist + '/dist/'.length);
  return url.replace(/^file:\/\//, '');
}

/** The two tables as text; shares relative to the busy (non-idle) time. */
export function renderProfileSummary(summary: ProfileSummary, top = 30, perCommandDivisor?: number): string {
  const share = (ms: number) => `${((ms / summary.busyMs) * 100).toFixed(1)} %`;
  const perCommand = (ms: number) => (perCommandDivisor ? ((ms * 1000) / perCommandDivisor).toFixed(0) : '');
  const header = perCommandDivisor ? ['group', 'self ms', 'of busy', 'µs/command'] : ['group', 'self ms', 'of busy'];
  const groups = renderTable(
    header,
    summary.groups
      .filter((g) => g.group !== 'idle')
      .map((g) => [g.group, g.ms.toFixed(0), share(g.ms), perCommand(g.ms)].slice(0, header.length)),
  );
  const functions = renderTable(
    ['function', 'where', 'group', 'self ms', 'of busy'],
    summary.functions.slice(0, top).map((f) => [f.name, f.where, f.group, f.ms.toFixed(0), share(f.ms)]),
  );
  return [
    `profile: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(summary.busyMs / 1000).toFixed(1)} s busy (not idle)`,
    '',
    groups,
    '',
    `top ${top} functions by self time`,
    functions,
  ].join('\n');
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: bench:profile -- <file.cpuprofile> [--top=30] [--commands=N]');
    process.exit(2);
  }
  const options = settings(argv, {});
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const commands = options.number('commands', '', 0);
  console.log(renderProfileSummary(summariseProfile(profile), options.number('top', '', 30), commands > 0 ? commands : undefined));
}
