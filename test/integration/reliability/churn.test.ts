import { describe, expect, it } from 'vitest';
import { churn, FAST } from '../../reliability/churn';
import { missed, valueOf } from '../../reliability/scenario';

describe('connect/disconnect churn against a server process', () => {
  it('leaves no board, connection, descriptor or memory behind once everyone has left', async () => {
    const result = await churn(FAST);
    expect(missed(result)).toEqual([]);
    expect(valueOf(result, 'visits')).toBeGreaterThanOrEqual(FAST.rooms);
    expect(valueOf(result, 'connection failures')).toBe(0);
    // Every room was open at some point: its board was loaded, then unloaded.
    expect(valueOf(result, 'boards loaded, peak')).toBeGreaterThan(0);
    expect(valueOf(result, 'boards left in memory after the unload delay')).toBe(0);
    expect(valueOf(result, 'connections left open')).toBe(0);
    expect(valueOf(result, 'open file descriptors at start')).toBeGreaterThan(0);
    expect(valueOf(result, 'open file descriptors gained')).toBeLessThanOrEqual(2);
    expect(valueOf(result, 'resident memory at start')).toBeGreaterThan(0);
    expect(valueOf(result, 'memory growth end vs start')).toBeLessThanOrEqual(10);
    expect(valueOf(result, 'cards added and missing from the stored boards')).toBe(0);
  }, 90_000);
});
