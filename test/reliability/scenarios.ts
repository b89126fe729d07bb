import * as authz from './authorization';
import * as churn from './churn';
import * as convergence from './convergence';
import * as kill from './kill-restarts';
import * as liveFuzz from './live-fuzz';
import * as redis from './redis-restarts';
import * as deploy from './rolling-restarts';
import type { Progress, ScenarioResult } from './scenario';
import * as yjsFuzz from './yjs-fuzz';

export type Size = 'fast' | 'full';

export interface ScenarioEntry {
  /** Name for `npm run soak -- --only=<key>`. */
  readonly key: string;
  run(size: Size, progress: Progress): Promise<ScenarioResult>;
}

/** A scenario module: its function and its two sizes (`FAST` for `npm test`, `FULL` for soak). */
function entry<Options>(
  key: string,
  run: (options: Options, progress: Progress) => Promise<ScenarioResult>,
  sizes: { readonly FAST: Options; readonly FULL: Options },
): ScenarioEntry {
  return { key, run: (size, progress) => run(size === 'full' ? sizes.FULL : sizes.FAST, progress) };
}

/** Every scenario `npm run soak` runs, in report order. */
export const SCENARIOS: readonly ScenarioEntry[] = [
  entry('kill', kill.killRestarts, kill),
  entry('deploy', deploy.rollingRestarts, deploy),
  entry('redis', redis.redisRestarts, redis),
  entry('churn', churn.churn, churn),
  entry('yjs-fuzz', yjsFuzz.yjsFuzz, yjsFuzz),
  entry('live-fuzz', liveFuzz.liveFuzz, liveFuzz),
  entry('convergence', convergence.convergence, convergence),
  entry('authorization', authz.authorization, authz),
];
