/**
 * `npm run bench -- --profile[=dir]`: server processes run under `node --cpu-prof`; once a
 * server stopped, the profiles it wrote are listed and summarised (profile-summary.ts).
 * `profileInProcess` does the same for code timed inside the bench process (cold open's
 * server-side load) through the inspector, without profiling the rest of the bench.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { formatSummary, readProfile, summarize } from './profile-summary';

export const DEFAULT_PROFILE_DIR = '/tmp/mutua-prof';

/** Profiles written into `dir` since `sinceMs` (wall clock), oldest first. */
export function profilesSince(dir: string, sinceMs: number): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).mtimeMs >= sinceMs)
    .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
}

/** Node names them CPU.<date>.<time>.<pid>.<thread>.<seq>: thread 0 is the main thread. */
const isWorkerThread = (file: string) =>
  /^CPU\.\d+\.\d+\.\d+\.[1-9]\d*\.\d+\.cpuprofile$/.test(path.basename(file));

/**
 * Prints where each new profile went and the main thread's summary (top 15 of each list,
 * within `range`: e.g. without the server starting up and shutting down). Other threads
 * (tsx's module loader) are listed only.
 */
export function reportProfiles(
  dir: string,
  sinceMs: number,
  title: string,
  log: (line: string) => void,
  range: { skipMs?: number; untilMs?: number } = {},
): string[] {
  const files = profilesSince(dir, sinceMs);
  if (files.length === 0) {
    log(`  no CPU profile written into ${dir} (did the process exit cleanly?)`);
  }
  for (const file of files) {
    log(`  CPU profile (${title}): ${file}`);
    if (isWorkerThread(file)) continue;
    const profile = readProfile(file);
    const summary = summarize(profile, { top: 15, depth: 12, ...range });
    log(formatSummary(summary, `${title}: ${path.basename(file)}`));
  }
  return files;
}

/** Runs `fn` under the in-process V8 profiler and writes `<dir>/<name>.cpuprofile`. */
export async function profileInProcess<T>(
  dir: string,
  name: string,
  fn: () => Promise<T>,
): Promise<{ result: T; file: string }> {
  fs.mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    // 100 µs, a tenth of the default: the measured code runs for a few hundred ms only.
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const file = path.join(dir, `${name}-${Date.now()}.cpuprofile`);
    try {
      return { result: await fn(), file };
    } finally {
      const { profile } = await session.post('Profiler.stop');
      fs.writeFileSync(file, JSON.stringify(profile));
    }
  } finally {
    session.disconnect();
  }
}
