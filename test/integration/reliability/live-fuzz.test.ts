import { describe, expect, it } from 'vitest';
import { clientEventSchemas } from '../../../shared/events';
import { createPairRoom } from '../../helpers/people';
import { FAST, liveFuzz } from '../../reliability/live-fuzz';
import { missed, valueOf } from '../../reliability/scenario';
import { connectAs, nextEvent, request, startLiveServer } from '../live/live-helpers';

// FUZZ_SEED replays a failing run.
const options = { ...FAST, seed: Number(process.env.FUZZ_SEED ?? FAST.seed) };

describe('fuzzing every Socket.IO client event', () => {
  it(`answers ${options.payloads} invalid payloads, spread over every client event, with validation_failed and stores nothing (seed ${options.seed})`, async () => {
    const result = await liveFuzz(options, () => undefined);
    expect(result.failures).toEqual([]);
    expect(missed(result), result.notes?.join('\n')).toEqual([]);
    expect(valueOf(result, 'payloads tried')).toBe(options.payloads);
    expect(valueOf(result, 'client events fuzzed')).toBe(Object.keys(clientEventSchemas).length);
    expect(valueOf(result, 'stored rows changed by invalid payloads')).toBe(0);
  });
});

// The transport's own limits, which the fuzz stays under on purpose.
describe('the Socket.IO transport limits', () => {
  it('closes only the socket that sends more than 64 KiB in one message', async () => {
    const server = await startLiveServer();
    try {
      const { roomId, a, b } = await createPairRoom(server.mutua);
      const sender = await connectAs(server, a);
      const bystander = await connectAs(server, b);
      const closed = nextEvent(sender, 'disconnect');
      sender.emit('chat:send', { roomId, text: 'x'.repeat(70_000) }, () => undefined);
      await closed;
      expect(await request(bystander, 'clock:sync', { clientTime: 1 })).toMatchObject({
        ok: true,
      });
      bystander.close();
    } finally {
      await server.stop();
    }
  });

  it('answers rate_limited beyond the per-socket burst and keeps the socket', async () => {
    const server = await startLiveServer();
    try {
      const { a } = await createPairRoom(server.mutua);
      const socket = await connectAs(server, a);
      const results = await Promise.all(
        Array.from({ length: 150 }, () => request(socket, 'clock:sync', { clientTime: 1 })),
      );
      const refused = results.filter((r) => !r.ok && r.code === 'rate_limited').length;
      expect(refused).toBeGreaterThan(0);
      expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(60);
      expect(socket.connected).toBe(true);
      socket.close();
    } finally {
      await server.stop();
    }
  });
});
