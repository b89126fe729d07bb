import { beforeAll, describe, expect, it } from 'vitest';
import { authorization, type AuthorizationResult, FAST } from '../../reliability/authorization';
import { CUT_OFF_TARGET_MS } from '../../reliability/authorization-removal';
import { missed, valueOf } from '../../reliability/scenario';

/** Today's probe makes about 960; fewer means actors, routes or events went missing. */
const ATTEMPTS_FLOOR = 900;

let result: AuthorizationResult;
beforeAll(async () => {
  result = await authorization(FAST, () => undefined);
});

describe('authorization probing: REST, Socket.IO and /yjs ask one policy', () => {
  it('answers every actor on the four ways into a room exactly as the policy table says', () => {
    expect(result.matrix.actual).toEqual(result.matrix.expected);
    expect(result.mismatches).toEqual([]);
  });

  it('lets no unauthorized attempt in, on any REST route, Socket.IO event or WebSocket path', () => {
    expect(result.breaches).toEqual([]);
    expect(valueOf(result, 'unauthorized successes')).toBe(0);
  });

  it('has every attempt refused by authentication or authorization, not by validation', () => {
    expect(result.inconclusive).toEqual([]);
  });

  it('cuts a member removed while connected off both WebSocket paths within a second', () => {
    expect(valueOf(result, 'removed member cut off after')).toBeLessThanOrEqual(CUT_OFF_TARGET_MS);
  });

  it('makes every attempt it is built to make, and meets every target', () => {
    expect(valueOf(result, 'attempts')).toBeGreaterThanOrEqual(ATTEMPTS_FLOOR);
    expect(missed(result)).toEqual([]);
  });
});
