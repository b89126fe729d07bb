import pino from 'pino';
import { createMutua, type Mutua } from '../../server/app';
import { createYjsEndpoint } from '../../server/boards/yjs-endpoint';
import { loadConfig } from '../../server/config';
import type { LiveOptions } from '../../server/realtime/live-options';
import { tempDir } from '../helpers/temp-dir';

/** pino's numeric level for `error`; `fatal` is above it. */
const PINO_ERROR = 50;

export interface WatchedServer {
  mutua: Mutua;
  url: string;
  /**
   * Everything that went wrong inside the process since the start: errors the server
   * logged (a handler that threw, a failed append), uncaught exceptions and unhandled
   * rejections. A fuzzer counts these as crashes: each would have been one in production
   * or would have needed an operator's attention.
   */
  problems(): readonly string[];
  stop(): Promise<void>;
}

/**
 * The real server, as test/helpers/server.ts starts it, but with a logger that keeps its
 * error lines, and with the process watched for uncaught errors: the server runs in this
 * process, so its crash would be this process's uncaught exception.
 */
export async function startWatchedServer(
  opts: { live?: Partial<LiveOptions> } = {},
): Promise<WatchedServer> {
  const problems: string[] = [];
  const dir = tempDir();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir.path,
    NODE_ENV: 'test',
  });
  const logger = pino(
    { level: 'error' },
    {
      write(line: string) {
        const entry = JSON.parse(line) as {
          level: number;
          msg?: string;
          err?: { message?: string };
        };
        if (entry.level >= PINO_ERROR) {
          problems.push(`logged: ${entry.msg ?? ''} ${entry.err?.message ?? ''}`.trim());
        }
      },
    },
  );
  const onUncaught = (error: Error) => problems.push(`uncaught exception: ${error.stack}`);
  const onRejection = (reason: unknown) =>
    problems.push(
      `unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`,
    );
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onRejection);

  const mutua = await createMutua(config, { logger, boards: createYjsEndpoint, live: opts.live });
  const url = await mutua.listen();
  return {
    mutua,
    url,
    problems: () => problems,
    async stop() {
      await mutua.close();
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onRejection);
      dir.remove();
    },
  };
}

/** Whether the server still answers its liveness route. */
export async function answersHealth(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`)).status === 200;
  } catch {
    return false;
  }
}
