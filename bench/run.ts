/**
 * `npm run bench` (quick, under 5 minutes) or `npm run bench -- --full`. Runs the live-room
 * load ramp against Mutua and the two reference servers, then the smaller benchmarks;
 * prints markdown, writes bench/results/<time>.{json,md,svg} and bench/chart-p99.svg.
 * `--only=ramp,memory,wire,cold,matching,bundle,slowlink` runs a subset.
 * `--targets=mutua,y-websocket` limits the servers of the ramp and memory suites; named
 * only: `relay-floor` (a bare relay), `mutua-unstored` (Mutua without writing board edits)
 * and `mutua-core` (that, and no Socket.IO connections: the relay alone), `mutua-scaled`
 * (two processes and a private Redis, each pair split between them);
 * `--steps=100,200` and `--window=25000` override the ramp's steps and window (ms).
 * `--profile[=dir]` runs the servers under `node --cpu-prof` (default /tmp/mutua-prof) and
 * prints a summary of each profile (bench/lib/profile-summary.ts) when its server stopped.
 * `--baseline=<checkout>` adds `mutua-before`, the server of another checkout (e.g. an
 * export of the last commit), next to `mutua` in the ramp and memory suites, and prints a
 * before/after table; `--repeat=N` runs the ramp's servers N times, alternating (A B A B),
 * so that drifting machine load hits both alike. `--env=K=V,K=V` and `--baseline-env=K=V`
 * add environment variables to `mutua` and `mutua-before` (`--baseline=.` with a different
 * `--baseline-env` compares two settings of one checkout).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runRamp, type StepResult } from './load/ramp';
import { p99Chart } from './lib/chart';
import { hasTaskset, pinSelf, ROOT } from './lib/proc';
import { DEFAULT_PROFILE_DIR, reportProfiles } from './lib/profiling';
import {
  beforeAfterTable,
  capacityTable,
  otherTables,
  rampTable,
  ratioTable,
  type Results,
} from './lib/report';
import { bundleSizes } from './suites/bundle';
import { coldOpen } from './suites/cold-open';
import { memoryPerRoom } from './suites/memory';
import { slowLink } from './suites/slow-link';
import { wireBytes } from './suites/wire-bytes';
import { startTarget, TARGETS, type TargetName } from './servers/targets';

const full = process.argv.includes('--full');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const wanted = (suite: string) => !only || only.includes(suite);
const flag = (name: string) => {
  const arg = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return arg?.includes('=') ? arg.slice(arg.indexOf('=') + 1) : undefined;
};
const envFlag = (name: string): Record<string, string> =>
  Object.fromEntries(
    (listFlag(name) ?? []).map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new Error(`--${name}: expected NAME=value, got ${pair}`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
const listFlag = (name: string) => flag(name)?.split(',').filter(Boolean);
const profileArg = process.argv.find((a) => a === '--profile' || a.startsWith('--profile='));
const cpuProfileDir = profileArg ? (flag('profile') ?? DEFAULT_PROFILE_DIR) : undefined;
const baselineRoot = flag('baseline');
const env = { mutua: envFlag('env'), 'mutua-before': envFlag('baseline-env') };
const repeat = Math.max(1, Number(flag('repeat') ?? 1));
const targets = (listFlag('targets') ?? TARGETS) as TargetName[];
if (baselineRoot && targets.includes('mutua') && !targets.includes('mutua-before')) {
  targets.splice(targets.indexOf('mutua'), 0, 'mutua-before');
}
const log = (line: string) => process.stdout.write(`${line}\n`);
// Every stock provider registers a process 'exit' listener; thousands are expected here.
process.setMaxListeners(0);

const GENERATOR_CORE = 1;
// Read before pinning: afterwards nproc reports the one core this process may use.
const cores = spawnSync('nproc', { encoding: 'utf8' }).stdout.trim();
const pinned = pinSelf(GENERATOR_CORE);

const config = full
  ? {
      steps: [25, 50, 100, 200, 400, 800, 1600],
      warmupMs: 5_000,
      windowMs: 25_000,
      memoryRooms: 200,
    }
  : { steps: [25, 50, 100], warmupMs: 2_000, windowMs: 6_000, memoryRooms: 50 };
const customSteps = listFlag('steps')?.map(Number);
if (customSteps) config.steps = customSteps;
if (flag('window')) config.windowMs = Number(flag('window'));
if (flag('memory-rooms')) config.memoryRooms = Number(flag('memory-rooms'));

function machine(): Record<string, string> {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? '?';
  const pkg = (name: string) => {
    const file = path.join(ROOT, 'node_modules', name, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  };
  return {
    cpu: model,
    cores,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    kernel: os.release(),
    loadAverageAtStart: os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    pinning: pinned ? 'servers on core 0, generator on core 1 (taskset)' : 'none (no taskset)',
    ...(cpuProfileDir ? { profiling: `servers under --cpu-prof into ${cpuProfileDir}` } : {}),
    yjs: pkg('yjs'),
    'y-websocket (client)': pkg('y-websocket'),
    '@y/websocket-server': pkg('@y/websocket-server'),
    '@hocuspocus/server': pkg('@hocuspocus/server'),
  };
}

const started = Date.now();
const results: Results = {
  mode: full ? 'full' : 'quick',
  startedAt: new Date(started).toISOString(),
  machine: machine(),
  ramp: [],
  memory: [],
  wire: [],
  coldOpen: null,
  matching: '',
  bundle: null,
  slowLink: null,
  durationS: 0,
};
log(`# Mutua benchmarks (${results.mode} mode)\n`);
for (const [k, v] of Object.entries(results.machine)) log(`- ${k}: ${v}`);
if (!hasTaskset) log('- taskset unavailable: server and generator share cores');

if (wanted('ramp')) {
  log('\n## Load ramp');
  const maxRooms = Math.max(...config.steps);
  const rounds = Array.from({ length: repeat }, (_, i) =>
    targets.map((name) => [name, i + 1] as const),
  );
  for (const [name, round] of rounds.flat()) {
    const startedAt = Date.now();
    const target = await startTarget(name, maxRooms, { cpuProfileDir, baselineRoot, env });
    let measured: StepResult | undefined;
    try {
      const steps = await runRamp(target, {
        steps: config.steps,
        warmupMs: config.warmupMs,
        windowMs: config.windowMs,
        deadlineMs: 10_000,
        maxP99Ms: 250,
        maxFailureRate: 0.01,
        log,
      });
      measured = steps.at(-1);
      results.ramp.push(...steps.map((step) => ({ ...step, round })));
    } finally {
      await target.stop();
    }
    if (cpuProfileDir) {
      // The last step's measuring window only: steady state at its number of rooms, without
      // the start, the connections being opened, or the shutdown (which compacts every board).
      const title = `${name} under the ramp, ${measured?.rooms ?? '?'} rooms, measuring window`;
      reportProfiles(cpuProfileDir, startedAt, title, log, {
        skipMs: measured ? measured.windowStartedAt - target.spawnedAt : target.startupMs,
        untilMs: measured ? measured.windowEndedAt - target.spawnedAt : undefined,
      });
    }
  }
  log('\n' + rampTable(results.ramp));
  if (baselineRoot) log('\n' + beforeAfterTable(results.ramp));
  log('\n' + ratioTable(results.ramp));
  log('\n' + capacityTable(results.ramp));
}
if (wanted('memory')) {
  log('\n## Memory per room');
  for (const name of targets) {
    const m = await memoryPerRoom(name, config.memoryRooms, 3_000, full ? 20_000 : 8_000, {
      baselineRoot,
      env,
    });
    log(
      `  ${name}: idle ${m.idlePerRoomKiB.toFixed(0)} KiB, active ${m.activePerRoomKiB.toFixed(0)} KiB per room ` +
        `(live heap: ${m.heapIdlePerRoomKiB.toFixed(0)} / ${m.heapActivePerRoomKiB.toFixed(0)} KiB)`,
    );
    results.memory.push(m);
  }
}
if (wanted('wire')) {
  log('\n## Bytes per typed character');
  // 200 one-character updates at 10 ms fit in the per-connection burst of Mutua (200
  // messages): a longer run at that pace is throttled (4529) and measures the reconnect.
  for (const name of TARGETS) results.wire.push(await wireBytes(name, 200));
}
if (wanted('cold')) {
  log('\n## Cold open (2,000 cards, 20,000 updates)');
  results.coldOpen = await coldOpen({ cards: 2_000, updates: 20_000, cpuProfileDir, log });
}
if (wanted('matching')) {
  log('\n## Matching (bench/matching.ts)');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/matching.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  results.matching = run.stdout;
}
if (wanted('bundle')) {
  log('\n## Client bundle (vite build into a temporary folder)');
  results.bundle = bundleSizes();
}
if (wanted('slowlink')) {
  log('\n## Room page on slow mobile data (400 kbit/s, 400 ms RTT, cold cache, 360 px)');
  results.slowLink = await slowLink();
  log(
    `time until the board is usable: median ${results.slowLink.medianMs} ms (runs: ${results.slowLink.runsMs.join(', ')} ms)`,
  );
}
log('\n' + otherTables(results));
results.durationS = (Date.now() - started) / 1000;
log(`\ntotal ${results.durationS.toFixed(0)} s`);

const outDir = path.join(ROOT, 'bench/results');
fs.mkdirSync(outDir, { recursive: true });
const stamp = results.startedAt.replace(/[:.]/g, '-');
const base = path.join(outDir, `${stamp}-${results.mode}`);
fs.writeFileSync(`${base}.json`, JSON.stringify(results, null, 2) + '\n');
const markdown = [
  rampTable(results.ramp),
  baselineRoot ? beforeAfterTable(results.ramp) : '',
  ratioTable(results.ramp),
  capacityTable(results.ramp),
  otherTables(results),
].join('\n\n');
fs.writeFileSync(`${base}.md`, markdown + '\n');
if (results.ramp.length) {
  const colors: Record<string, string> = {
    mutua: '#7a2e5b',
    'y-websocket': '#1a5fb4',
    hocuspocus: '#1e6b3a',
  };
  const series = TARGETS.map((name) => ({
    name: name === 'mutua' ? 'Mutua (auth + SQLite)' : `${name} (memory)`,
    color: colors[name] ?? '#000',
    points: results.ramp
      .filter((s: StepResult) => s.target === name)
      .map((s) => ({ rooms: s.rooms, p99: s.p99, saturated: s.generatorSaturated })),
  }));
  const svg = p99Chart(series, `Edit propagation p99 vs pair rooms (${results.mode} run)`);
  fs.writeFileSync(`${base}.svg`, svg);
  // The committed chart shows standard runs only: not a subset, custom steps or profiling.
  const standard = !listFlag('targets') && !customSteps && !flag('window') && !cpuProfileDir;
  if (standard) fs.writeFileSync(path.join(ROOT, 'bench/chart-p99.svg'), svg);
}
log(`results: ${path.relative(ROOT, base)}.{json,md,svg}`);
process.exit(0);
