import { createClient } from 'redis';
import type { Logger } from '../logger';

export type RedisConnection = ReturnType<typeof createClient>;

/** How long start waits for Redis before going on without it. */
const START_WAIT_MS = 2_000;

/** Resolves with the promise's value, or false when it takes longer than `ms`. */
export async function settledWithin(promise: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One Redis client that reconnects forever with capped backoff. Errors are logged, never
 * thrown at start: a Redis outage degrades presence but must not stop the process.
 */
export async function connectRedis(url: string, logger: Logger): Promise<RedisConnection> {
  const client = createClient({
    url,
    socket: {
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000),
      connectTimeout: 2_000,
    },
    // While disconnected, commands fail at once instead of queueing until Redis returns.
    disableOfflineQueue: true,
  });
  let reported = false;
  client.on('error', (err: Error) => {
    if (!reported) logger.warn({ err: err.message }, 'redis unavailable; retrying');
    reported = true;
  });
  client.on('ready', () => {
    if (reported) logger.info('redis available again');
    reported = false;
  });
  // connect() only settles once Redis answers; start must not wait for an outage to end.
  const connected = client.connect().then(
    () => true,
    (err: Error) => {
      logger.warn({ err: err.message }, 'redis connection given up');
      return false;
    },
  );
  if (!(await settledWithin(connected, START_WAIT_MS))) {
    logger.warn('redis not reachable at start; retrying in the background');
  }
  return client;
}

const PING_TIMEOUT_MS = 1_000;

export async function pingRedis(client: RedisConnection): Promise<boolean> {
  if (!client.isReady) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>(
    (resolve) => (timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)),
  );
  try {
    return await Promise.race([client.ping().then((r) => r === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Closes gracefully when connected; drops the connection at once when Redis is gone. */
export async function closeRedis(client: RedisConnection): Promise<void> {
  if (!client.isOpen) return;
  if (!client.isReady) {
    client.destroy();
    return;
  }
  await client.close().catch(() => client.destroy());
}
