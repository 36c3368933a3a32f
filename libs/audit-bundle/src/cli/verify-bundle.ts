import { verifyBundle, type BundleReport } from '../verify-bundle';

const USAGE = `Verifies an audit export bundle offline: no database, no broker, no network.

  two-resp-verify <bundle directory>        (npm run verify-bundle -- <bundle directory>)

Get a bundle with GET /audit/export?from=&to= (auditor role) and unpack it:
  curl -H "Authorization: Bearer $TOKEN" "$URL/audit/export?from=1" | tar -x    (creates bundle/)

Checks every content hash, the seal's hash chain, each checkpoint's signature against the service
keys in keys.json (compare them with the keys you pinned: GET /audit/keys), every inclusion and
consistency proof, and every sign-off signature against the signer's key valid on its day. Exit
status 0 when everything holds, 1 when anything fails (each failure named), 2 on wrong usage.`;

/** The lines printed for a report: what was checked, then each failure with file, line, seal entry, position and event. */
export function reportLines(directory: string, report: BundleReport): string[] {
  const c = report.checked;
  const lines = [
    `bundle ${directory} of service ${report.service ?? '?'}`,
    `  events read:             ${c.events}`,
    `  content hashes ok:       ${c.contentHashes}`,
    `  chain links ok:          ${c.chainLinks}`,
    `  inclusion proofs ok:     ${c.inclusionProofs}`,
    `  checkpoint signatures ok: ${c.checkpoints}`,
    `  consistency proofs ok:   ${c.consistencyProofs}`,
    `  sign-off signatures ok:  ${c.signOffs}`,
  ];
  if (report.ok) return [...lines, 'OK: the bundle verifies'];
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
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
    process.stderr.write(`${USAGE}\n`);
    return args[0] === '--help' || args[0] === '-h' ? 0 : 2;
  }
  const started = performance.now();
  const report = verifyBundle(args[0], (events) => process.stderr.write(`\r  ${events} events checked…`));
  process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${reportLines(args[0], report).join('\n')}\n`);
  process.stdout.write(`  (${seconds.toFixed(2)} s, ${Math.round(report.checked.events / Math.max(seconds, 1e-6))} events/s)\n`);
  return report.ok ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
