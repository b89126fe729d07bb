import { describe, expect, it } from 'vitest';
import * as kill from '../../reliability/kill-restarts';
import * as deploy from '../../reliability/rolling-restarts';
import { missed, valueOf } from '../../reliability/scenario';

const quiet = () => undefined;

describe('restarts under live editing (fast version of `npm run soak`)', () => {
  it('a SIGKILLed server loses no relayed edit and no acknowledged chat message, and everyone converges after it restarts', async () => {
    const result = await kill.killRestarts(kill.FAST, quiet);
    expect(missed(result)).toEqual([]);
    expect(valueOf(result, 'relayed updates missing after restart')).toBe(0);
    expect(valueOf(result, 'acknowledged chat messages lost')).toBe(0);
    expect(valueOf(result, 'updates relayed before a kill')).toBeGreaterThan(
      60 * kill.FAST.restarts,
    );
  }, 120_000);

  it('a deploy (SIGTERM, start again) loses nothing and everyone is back within 5 s', async () => {
    const result = await deploy.rollingRestarts(deploy.FAST, quiet);
    expect(missed(result)).toEqual([]);
    expect(valueOf(result, 'edits lost')).toBe(0);
    expect(valueOf(result, 'deploys')).toBe(deploy.FAST.restarts);
  }, 120_000);
});
