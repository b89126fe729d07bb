import { createAdapter } from '@socket.io/redis-streams-adapter';
import { closeRedis, type RedisConnection, settledWithin } from '../presence/redis-connection';

export interface RedisFanOut {
  adapter: ReturnType<typeof createAdapter>;
  /** Ends the adapter's own connections; call after `io.close()`. */
  close(): Promise<void>;
}

/**
 * The Socket.IO Redis streams adapter on connections of its own. Publishing uses a client
 * without an offline queue, so that during a Redis outage a broadcast fails fast and is
 * still delivered on this process (the adapter awaits the publish before delivering
 * locally). The adapter's stream reader and subscriber are duplicates *with* an offline
 * queue: its read loop retries at once on failure, which without a queue would spin
 * without ever yielding to the event loop. Their `disconnect` tolerates an already
 * closed client, so that closing during an outage rejects nothing.
 */
export async function createRedisFanOut(redis: RedisConnection): Promise<RedisFanOut> {
  const publisher = redis.duplicate();
  publisher.on('error', () => undefined);
  const helpers: RedisConnection[] = [];
  const duplicate = publisher.duplicate.bind(publisher);
  const patched = (() => {
    const helper = duplicate({ disableOfflineQueue: false });
    helper.disconnect = async () => {
      if (helper.isOpen) helper.destroy();
    };
    helpers.push(helper);
    return helper;
  }) as unknown as typeof publisher.duplicate;
  publisher.duplicate = patched;
  const connected = publisher.connect().then(
    () => true,
    () => false,
  );
  // Redis down at start: go on at once; the adapter catches up when it returns.
  if (redis.isReady) await settledWithin(connected, 2_000);
  return {
    adapter: createAdapter(publisher, { blockTimeInMs: 2_000, streamName: 'mutua:socket.io' }),
    async close() {
      for (const helper of helpers) if (helper.isOpen) helper.destroy();
      await closeRedis(publisher);
    },
  };
}
