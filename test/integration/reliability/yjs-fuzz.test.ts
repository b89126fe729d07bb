import { describe, expect, it } from 'vitest';
import { missed, valueOf } from '../../reliability/scenario';
import { FAST, yjsFuzz } from '../../reliability/yjs-fuzz';

// YJS_FUZZ_SEED replays a failing run.
const options = { ...FAST, seed: Number(process.env.YJS_FUZZ_SEED ?? FAST.seed) };

describe('decoder fuzzing of the Yjs endpoint', () => {
  it(`survives ${options.messages} random and mutated messages, and a well-behaved client still syncs (seed ${options.seed})`, async () => {
    const result = await yjsFuzz(options, () => undefined);
    expect(missed(result), result.notes?.join('\n')).toEqual([]);
    expect(valueOf(result, 'messages tried')).toBeGreaterThanOrEqual(options.messages);
    expect(valueOf(result, 'server crashes or unhandled errors')).toBe(0);
    expect(valueOf(result, 'healthy client synced after fuzz')).toBe(1);
  });
});
