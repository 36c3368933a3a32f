import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { directorySink } from '../directory-sink';
import { BUNDLE_EVENT_COUNT_HEADER } from '../format';
import { TarReader } from '../tar';

const USAGE = `Exports an audit bundle from a service into a directory, with progress.

  npm run export-bundle -- --service-url <url> --token <jwt> [--from N] [--to M] --out <dir>
  npm run export-bundle -- --service-url <url> --token <jwt> --unit <unit code> --out <dir>

  --service-url  the service, e.g. http://127.0.0.1:3001
  --token        a bearer token with the auditor role (npm run -s token -- --sub p-auditor --roles auditor)
  --from, --to   the seal entries to export (default: the whole log, checkpointed now)
  --unit         instead of a range: every stream of the unit, each whole
  --out          the bundle directory to create (must not exist, or be empty)

Streams GET /audit/export into the directory and prints events written / total (the service
sends the total as ${BUNDLE_EVENT_COUNT_HEADER}). Then check the bundle offline:
  npm run verify-bundle -- --service-key <fingerprint> <absolute path of the directory>
Exit status 0 when the whole bundle was written, 1 when the service refused or the transfer broke
off, 2 on wrong usage.`;

export interface ExportOptions {
  readonly serviceUrl: string;
  readonly token: string;
  readonly from?: number;
  readonly to?: number;
  readonly unit?: string;
  readonly out: string;
  /** Events written so far and the total the service announced. */
  readonly onProgress?: (written: number, total: number | undefined) => void;
}

export class ExportFailed extends Error {}

/** Downloads the bundle into `out` file by file as the archive arrives; answers the events written and the total announced. */
export async function exportToDirectory(options: ExportOptions): Promise<{ events: number; total: number | undefined; files: number }> {
  const out = resolve(options.out);
  if (existsSync(out) && readdirSync(out).length > 0) throw new ExportFailed(`${out} is not empty`);
  const url = new URL('/audit/export', options.serviceUrl);
  for (const [name, value] of Object.entries({ from: options.from, to: options.to, unit: options.unit })) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  const response = await fetch(url, { headers: { authorization: `Bearer ${options.token}` } });
  if (response.status !== 200 || !response.body) {
    const text = await response.text().catch(() => '');
    throw new ExportFailed(`${url.pathname}${url.search} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  const header = response.headers.get(BUNDLE_EVENT_COUNT_HEADER);
  const total = header === null ? undefined : Number(header);
  const sink = directorySink(out);
  const reader = new TarReader();
  let events = 0;
  let files = 0;
  options.onProgress?.(0, total);
  try {
    for await (const chunk of response.body) {
      for (const file of reader.push(Buffer.from(chunk as Uint8Array))) {
        const name = file.name.replace(/^bundle\//, '');
        if (name === file.name || name.split('/').includes('..')) throw new ExportFailed(`unexpected entry ${file.name} in the archive`);
        sink.file(name, file.content);
        files += 1;
        if (name.startsWith('events/')) {
          events += countLines(file.content);
          options.onProgress?.(events, total);
        }
      }
    }
    reader.end();
  } catch (error) {
    if (error instanceof ExportFailed) throw error;
    throw new ExportFailed(`the transfer broke off after ${events} events: ${(error as Error).message}`);
  }
  return { events, total, files };
}

function countLines(content: Buffer): number {
  let lines = 0;
  for (let at = content.indexOf(10); at !== -1; at = content.indexOf(10, at + 1)) lines += 1;
  return lines;
}

export async function main(args: readonly string[], err: (text: string) => void = (text) => process.stderr.write(text)): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: [...args],
      options: {
        'service-url': { type: 'string' },
        token: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        unit: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    err(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const from = number(values.from);
  const to = number(values.to);
  const wrong =
    !values['service-url'] || !values.token || !values.out
      ? '--service-url, --token and --out are required'
      : [from, to].some((n) => n !== undefined && !(Number.isSafeInteger(n) && n >= 1))
        ? '--from and --to are seal entries from 1'
        : values.unit !== undefined && (from !== undefined || to !== undefined)
          ? 'give either --from/--to or --unit'
          : undefined;
  if (wrong) {
    err(`${wrong}\n\n${USAGE}\n`);
    return 2;
  }
  const started = performance.now();
  try {
    const result = await exportToDirectory({
      serviceUrl: values['service-url']!,
      token: values.token!,
      from,
      to,
      unit: values.unit,
      out: values.out!,
      onProgress: (written, total) => err(`\r  events written: ${written} / ${total ?? '?'}`),
    });
    const seconds = (performance.now() - started) / 1000;
    const out = resolve(values.out!);
    err(
      `\nwrote ${result.events} events (${result.files} files) to ${out} in ${seconds.toFixed(1)} s\n` +
        `check it offline: npm run verify-bundle -- --service-key <fingerprint> ${out}\n`,
    );
    if (result.total !== undefined && result.total !== result.events) {
      err(`the service announced ${result.total} events but the archive held ${result.events}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    err(`\nexport failed: ${(error as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
