/** Small helpers shared by the benches: percentiles, /proc readings, flags, tables. */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The p-th percentile of an ascending array (nearest rank); NaN when empty. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

const TICKS_PER_SECOND = 100;

/** User + system CPU time of a process in µs (from /proc/<pid>/stat), or undefined if it is gone. */
export function processCpuMicros(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1e6;
  } catch {
    return undefined;
  }
}

/** Summed CPU µs of these processes; those that have gone count as zero. */
export function processesCpuMicros(pids: readonly number[]): Map<number, number> {
  const result = new Map<number, number>();
  for (const pid of pids) result.set(pid, processCpuMicros(pid) ?? 0);
  return result;
}

/** CPU µs spent between two readings of the same processes (processes that ended are left out). */
export function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, then] of before) {
    const now = after.get(pid);
    if (now !== undefined && now >= then) total += now - then;
  }
  return total;
}

/** Resident set size of a process in bytes (VmRSS), or undefined. */
export function residentBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The process listening on a local TCP port (needs to see other processes' fds), or undefined. */
export function pidListeningOn(port: number): number | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const localPort = parseInt(cols[1].split(':')[1], 16);
      if (localPort === port && cols[3] === '0A') inodes.add(cols[9]);
    }
  }
  if (inodes.size === 0) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const target = readlinkSync(`/proc/${entry}/fd/${fd}`);
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) return Number(entry);
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return undefined;
}

/** `--name=value` flags, then environment variables, then the default. */
export function settings(argv: readonly string[], env: NodeJS.ProcessEnv) {
  const flags = new Map(
    argv
      .filter((a) => a.startsWith('--'))
      .map((a) => {
        const [name, ...rest] = a.slice(2).split('=');
        return [name, rest.length > 0 ? rest.join('=') : 'true'] as [string, string];
      }),
  );
  const get = (flag: string, variable: string, fallback: string): string => flags.get(flag) ?? env[variable] ?? fallback;
  const number = (flag: string, variable: string, fallback: number, check: (n: number) => boolean = (n) => n >= 0): number => {
    const value = Number(get(flag, variable, String(fallback)));
    if (!Number.isFinite(value) || !check(value)) throw new Error(`--${flag} / ${variable}: ${get(flag, variable, '')} is not allowed`);
    return value;
  };
  const numbers = (flag: string, variable: string, fallback: string): number[] =>
    get(flag, variable, fallback)
      .split(',')
      .filter(Boolean)
      .map((item) => {
        const value = Number(item);
        if (!Number.isFinite(value) || value <= 0) throw new Error(`--${flag} takes positive numbers, e.g. ${fallback}`);
        return value;
      });
  return { get, number, numbers, has: (flag: string) => flags.has(flag) };
}

/** Left-aligned first column, the others right-aligned, a dashed line under the header. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, i) => (i === 0 ? (c ?? '').padEnd(widths[i]) : (c ?? '').padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const mb = (bytes: number | undefined): string => (bytes === undefined ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
