/**
 * SIGWINCH, because Nest's enableShutdownHooks() closes the app on SIGUSR2 (and most other signals).
 *
 * Preloaded into a service by `bench:commands --cpu-prof=<rate>` (`node -r …/cpu-profile.preload.js`):
 * SIGWINCH starts V8's CPU profiler (the one behind `node --cpu-prof`, same 1 ms sampling), the next
 * SIGWINCH stops it and writes `<BENCH_CPU_PROF_DIR>/<pid>-<n>.cpuprofile`. Unlike `--cpu-prof`,
 * which writes at exit (and not at all when Nest's shutdown hook re-raises SIGTERM), this covers
 * only the load window.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, type Profiler } from 'node:inspector';

const directory = process.env.BENCH_CPU_PROF_DIR;
if (directory) {
  const session = new Session();
  session.connect();
  let profiling = false;
  let written = 0;
  process.on('SIGWINCH', () => {
    if (!profiling) {
      profiling = true;
      session.post('Profiler.enable', () =>
        session.post('Profiler.setSamplingInterval', { interval: 1000 }, () => session.post('Profiler.start')),
      );
      return;
    }
    profiling = false;
    session.post('Profiler.stop', (error, result: Profiler.StopReturnType) => {
      if (error) {
        process.stderr.write(`cpu profile: ${error.message}\n`);
        return;
      }
      written += 1;
      const file = join(directory, `${process.pid}-${written}.cpuprofile`);
      // Renamed whole, so a reader never sees half a file.
      writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
      renameSync(`${file}.tmp`, file);
    });
  });
}
