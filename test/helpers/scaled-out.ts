import { startRedis, type PrivateRedis } from './redis';
import { startServer, type TestServer } from './server';
import { tempDir } from './temp-dir';

export interface ScaledOut {
  redis: PrivateRedis;
  one: TestServer;
  two: TestServer;
  stop(): Promise<void>;
}

/** Two servers on one data folder and one private Redis: two processes behind a balancer. */
export async function startScaledOut(): Promise<ScaledOut> {
  const data = tempDir();
  const redis = await startRedis();
  const one = await startServer({ REDIS_URL: redis.url }, data.path);
  const two = await startServer({ REDIS_URL: redis.url }, data.path);
  return {
    redis,
    one,
    two,
    async stop() {
      await one.stop({ keepData: true });
      await two.stop({ keepData: true });
      await redis.stop();
      data.remove();
    },
  };
}
