import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuWindow, readProcs, selfCpuWindow } from '../lib/proc';
import { latencySummary, type LatencySummary, sleep } from '../lib/stats';
import type { Target } from '../servers/targets';
import { Participant, Recorder } from './participant';

export interface StepResult extends LatencySummary {
  target: string;
  rooms: number;
  sent: number;
  lost: number;
  attempts: number;
  failures: number;
  /** Server CPU as a share of one core over the window (1 = one full core). */
  serverCpu: number;
  serverRssMiB: number;
  baselineRssMiB: number;
  generatorCpu: number;
  generatorLagP99Ms: number;
  generatorLagMaxMs: number;
  /** The generator, not the server, was the bottleneck in this step. */
  generatorSaturated: boolean;
  /** Why this step was over the limits (the ramp stops at the second such step in a row). */
  stopReason: string | null;
  /** Which repetition of the ramp (`--repeat`), from 1. */
  round?: number;
  /** Wall-clock bounds of the measuring window (Date.now()), e.g. to cut a CPU profile. */
  windowStartedAt: number;
  windowEndedAt: number;
}

export interface RampOptions {
  steps: readonly number[];
  warmupMs: number;
  windowMs: number;
  /** Edits not seen by the partner after this long are lost. */
  deadlineMs: number;
  maxP99Ms: number;
  maxFailureRate: number;
  /** Consecutive steps over the limits that end the ramp (default 2). */
  badStepsToStop?: number;
  log: (line: string) => void;
}

/** Opens rooms (both participants) with at most `parallel` connection setups at once. */
export async function openRooms(
  target: Target,
  from: number,
  to: number,
  recorder: () => Recorder,
  parallel = 40,
): Promise<Participant[]> {
  const opened: Participant[] = [];
  let next = from;
  const worker = async () => {
    while (next < to) {
      const room = target.rooms[next++];
      if (!room) return;
      const a = new Participant(target, room, 0, recorder);
      const b = new Participant(target, room, 1, recorder);
      a.partner = b;
      b.partner = a;
      opened.push(a, b);
      await Promise.all([a.connect(), b.connect()]);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return opened;
}

/**
 * Steps the number of live pair rooms up, measuring each step over a window once the new
 * rooms are connected and warm. A step over the p99, failure or loss limits is marked
 * (`stopReason`), but the ramp ends only at the second such step in a row
 * (`badStepsToStop`): on a shared machine one descheduling spike in the tail of a single
 * window must not end a server's ramp, while a server that is really past its limit fails
 * the next, larger step too.
 */
export async function runRamp(target: Target, opts: RampOptions): Promise<StepResult[]> {
  const results: StepResult[] = [];
  const participants: Participant[] = [];
  let recorder = new Recorder();
  const current = () => recorder;
  const pids = [target.pid, ...(target.extraPids ?? [])];
  const baselineRss = readProcs(pids)?.rssBytes ?? Number.NaN;
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const badStepsToStop = opts.badStepsToStop ?? 2;
  let badInARow = 0;
  lag.enable();
  try {
    for (const rooms of opts.steps) {
      if (rooms > target.rooms.length) break;
      recorder = new Recorder();
      const have = participants.length / 2;
      const fresh = await openRooms(target, have, rooms, current);
      participants.push(...fresh);
      for (const p of fresh) p.start();
      const connectFailures = recorder.failures;
      const connectAttempts = recorder.attempts;
      await sleep(opts.warmupMs);
      for (const p of participants) p.sweepLost(opts.deadlineMs);

      recorder = new Recorder();
      recorder.failures = connectFailures;
      recorder.attempts = connectAttempts;
      lag.reset();
      const server = cpuWindow(pids);
      const generator = selfCpuWindow();
      const windowStartedAt = Date.now();
      await sleep(opts.windowMs);
      const windowEndedAt = Date.now();
      const serverUse = server();
      const generatorCpu = generator();
      // The histogram holds whole timer intervals: lag is what exceeds the 10 ms resolution.
      const lagP99 = Math.max(0, lag.percentile(99) / 1e6 - 10);
      const lagMax = Math.max(0, lag.max / 1e6 - 10);
      for (const p of participants) p.sweepLost(opts.deadlineMs);
      const rec = recorder;
      const summary = latencySummary(rec.latencies);
      const failureRate = rec.attempts ? rec.failures / rec.attempts : 0;
      let stopReason =
        summary.p99 > opts.maxP99Ms
          ? `p99 ${summary.p99.toFixed(0)} ms > ${opts.maxP99Ms} ms`
          : failureRate > opts.maxFailureRate
            ? `connection failures ${(failureRate * 100).toFixed(1)} %`
            : null;
      // A step with a p99 or failure problem ends the ramp only if the previous one had one.
      const ending = stopReason !== null && badInARow + 1 >= badStepsToStop;
      const last = rooms === opts.steps.at(-1) || rooms >= target.rooms.length;
      if (last || ending) {
        // Last step: stop typing, give edits in flight time to arrive, count the rest lost.
        for (const p of participants) p.stopActivity();
        await sleep(Math.min(opts.deadlineMs, 3_000));
        for (const p of participants) p.sweepLost(0);
      }
      const lostRate = rec.sent ? rec.lost / rec.sent : 0;
      if (!stopReason && lostRate > opts.maxFailureRate) {
        stopReason = `lost edits ${(lostRate * 100).toFixed(1)} %`;
      }
      const result: StepResult = {
        target: target.name,
        rooms,
        ...summary,
        sent: rec.sent,
        lost: rec.lost,
        attempts: rec.attempts,
        failures: rec.failures,
        serverCpu: serverUse.cpu,
        serverRssMiB: serverUse.rssBytes / 1024 / 1024,
        baselineRssMiB: baselineRss / 1024 / 1024,
        generatorCpu,
        generatorLagP99Ms: lagP99,
        generatorLagMaxMs: lagMax,
        generatorSaturated: generatorCpu > 0.6 || lagP99 > 20,
        stopReason,
        windowStartedAt,
        windowEndedAt,
      };
      results.push(result);
      opts.log(
        `  ${target.name} ${rooms} rooms: p50 ${summary.p50.toFixed(1)} p99 ${summary.p99.toFixed(1)} ms, ` +
          `lost ${rec.lost}/${rec.sent}, failures ${rec.failures}/${rec.attempts}, ` +
          `server ${(serverUse.cpu * 100).toFixed(0)} % ${result.serverRssMiB.toFixed(0)} MiB, ` +
          `generator ${(generatorCpu * 100).toFixed(0)} % lag p99 ${lagP99.toFixed(1)} ms` +
          (stopReason
            ? ` — over limits: ${stopReason}` +
              (badInARow + 1 >= badStepsToStop ? ' (stop)' : ' (once: continuing)')
            : ''),
      );
      badInARow = stopReason ? badInARow + 1 : 0;
      if (badInARow >= badStepsToStop) break;
    }
  } finally {
    lag.disable();
    for (const p of participants) p.close();
  }
  return results;
}
