import type { PrivateRedis } from '../helpers/redis';
import type { startPresenceProbe } from './presence-probe';
import type { Progress } from './scenario';

export interface OutagePlan {
  restarts: number;
  /** Redis stays down at least this long (and until both processes show it degraded). */
  outageMs: number;
  /** Redis stays up this long between two outages. */
  upMs: number;
  /** Longest wait for presence to cross again before the restart counts as not recovered. */
  recoveryTimeoutMs: number;
}

export interface OutageOutcome {
  /** Milliseconds from Redis back until presence crossed again, per recovered restart. */
  recoveries: number[];
  notRecovered: number;
  notShownDegraded: number;
  /** When Redis was down, for counting what happened meanwhile. */
  windows: { from: number; to: number }[];
}

/** How long each process may take to show presence as degraded once Redis is gone. */
const DEGRADED_WITHIN_MS = 15_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Kills Redis (SIGKILL: it loses everything, as it runs without persistence) and restarts
 * it on the same port, `plan.restarts` times, while the probe watches presence cross
 * between the processes. Traffic goes on throughout; the pauses shape the outages.
 */
export async function killAndRestartRedis(
  redis: PrivateRedis,
  probe: ReturnType<typeof startPresenceProbe>,
  plan: OutagePlan,
  progress: Progress,
): Promise<OutageOutcome> {
  const outcome: OutageOutcome = {
    recoveries: [],
    notRecovered: 0,
    notShownDegraded: 0,
    windows: [],
  };
  for (let k = 1; k <= plan.restarts; k++) {
    const killedAt = Date.now();
    await redis.kill();
    const shown = probe.degradedOnBoth(killedAt, DEGRADED_WITHIN_MS);
    await pause(plan.outageMs);
    if (!(await shown)) outcome.notShownDegraded += 1;
    await redis.restart();
    const backAt = Date.now();
    outcome.windows.push({ from: killedAt, to: backAt });
    const recovery = await probe.recoveryAfter(backAt, plan.recoveryTimeoutMs);
    if (recovery === null) outcome.notRecovered += 1;
    else outcome.recoveries.push(recovery);
    progress(
      `redis-restarts: restart ${k}/${plan.restarts}, presence crossed again ` +
        (recovery === null ? 'not within the timeout' : `after ${recovery} ms`),
    );
    if (k < plan.restarts) await pause(plan.upMs);
  }
  return outcome;
}
