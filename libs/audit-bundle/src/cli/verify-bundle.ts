import { parseArgs } from 'node:util';
import { verifyBundle, type BundleReport } from '../verify-bundle';

const USAGE = `Verifies an audit export bundle offline: no database, no broker, no network.

  two-resp-verify [--service-key <fingerprint>]… <bundle directory>
  npm run verify-bundle -- [--service-key <fingerprint>]… <absolute path of the bundle directory>

  --service-key  the SM3 fingerprint of the service's public key as you obtained it apart from the
                 bundle (GET /audit/keys at another time, the registry, your records); repeatable.
                 The bundle's checkpoints must be signed with it.

Get a bundle with GET /audit/export?from=&to= or ?unit= (auditor role), with the export command:
  npm run export-bundle -- --service-url "$URL" --token "$TOKEN" --from 1 --out "$PWD/bundle"
or unpacked with tar:
  curl -H "Authorization: Bearer $TOKEN" "$URL/audit/export?from=1" | tar -x    (creates bundle/)

Checks every content hash, the seal's hash chain, each checkpoint's signature against the service
keys in keys.json (compare them with the keys you pinned: GET /audit/keys), every inclusion and
consistency proof, every sign-off signature against the signer's key valid on its day, and in a
unit bundle that each listed stream is whole and of the unit. Exit
status 0 when everything holds, 1 when anything fails (each failure named), 2 on wrong usage.`;

/** The lines printed for a report: what was checked, then each failure with file, line, seal entry, position and event. */
export function reportLines(directory: string, report: BundleReport, pinned = false): string[] {
  const c = report.checked;
  const figure = (label: string, value: number) => `  ${`${label}:`.padEnd(27)} ${value}`;
  const lines = [
    `bundle ${directory} of service ${report.service ?? '?'}`,
    figure('events read', c.events),
    figure('content hashes ok', c.contentHashes),
    figure('chain links ok', c.chainLinks),
    figure('inclusion proofs ok', c.inclusionProofs),
    figure('checkpoint signatures ok', c.checkpoints),
    figure('consistency proofs ok', c.consistencyProofs),
    figure('sign-off signatures ok', c.signOffs),
  ];

  if (report.ok) {
    const keys = pinned
      ? 'signed by a pinned service key'
      : 'against the service keys in keys.json: compare them with keys you obtained apart (--service-key)';
    return [...lines, `OK: the bundle verifies, ${keys}`];
  }
  lines.push(`FAILED: ${report.failures.length} problem(s)${report.failures.length >= 100 ? ' (first 100 shown)' : ''}`);
  for (const f of report.failures) {
    const where = [
      f.file,
      f.line !== undefined ? `line ${f.line}` : undefined,
      f.seq !== undefined ? `seq ${f.seq}` : undefined,
      f.position !== undefined ? `position ${f.position}` : undefined,
      f.eventId !== undefined ? `event ${f.eventId}` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${f.reason} at ${where}: ${f.detail}`);
  }
  return lines;
}

export function main(args: readonly string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { 'service-key': { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const directory = parsed.positionals[0];
  const started = performance.now();
  const report = verifyBundle(directory, {
    pinnedServiceKeys: parsed.values['service-key'],
    onProgress: (events) => process.stderr.write(`\r  ${events} events checked…`),
  });
  process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${reportLines(directory, report, parsed.values['service-key'] !== undefined).join('\n')}\n`);
  process.stdout.write(`  (${seconds.toFixed(2)} s, ${Math.round(report.checked.events / Math.max(seconds, 1e-6))} events/s)\n`);
  return report.ok ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
