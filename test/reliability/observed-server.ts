import { randomBytes } from 'node:crypto';
import { metric, readMetrics, type Metrics } from '../helpers/metrics';
import { spawnServer, type ServerProcess } from '../helpers/server';
import { pollUntil } from './poll';
import { collectGarbage, INSPECTOR_ENV, inspectorUrl } from './inspector-gc';

export interface ObservedServer {
  url: string;
  process: ServerProcess;
  /** Its `/metrics`, read with the operator token it was started with. */
  metrics(): Promise<Metrics>;
  /** A full garbage collection in the server (only when started with `inspector`). */
  collectGarbage(): Promise<void>;
  /** True once it exited without being asked to. */
  crashed(): boolean;
  /** SIGTERM, as an operator stops it; resolves with its exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `server/main.ts` as its own process, with `/metrics` enabled under a fresh token, and
 * with `inspector` its V8 inspector open on a free local port (to ask for a collection).
 */
export async function spawnObservedServer(
  env: Record<string, string>,
  options: { inspector?: boolean } = {},
): Promise<ObservedServer> {
  const token = randomBytes(24).toString('hex');
  const child = await spawnServer({
    ...env,
    ...(options.inspector ? INSPECTOR_ENV : {}),
    METRICS_TOKEN: token,
  });
  const inspector = options.inspector
    ? await inspectorUrl(child.proc.stderr!, child.stderr())
    : null;
  let stopping = false;
  let exited = false;
  void child.exited.then(() => (exited = true));
  return {
    url: child.url,
    process: child,
    metrics: () => readMetrics(child.url, token),
    async collectGarbage() {
      if (inspector === null) throw new Error('started without the inspector');
      await collectGarbage(inspector);
    },
    crashed: () => exited && !stopping,
    async stop() {
      stopping = true;
      if (!exited) child.proc.kill('SIGTERM');
      return child.exited;
    },
  };
}

/** The connection and board counts a server holds when nobody is connected. */
export function isIdle(m: Metrics): boolean {
  return (
    metric(m, 'mutua_boards_loaded') === 0 &&
    metric(m, 'mutua_yjs_connections') === 0 &&
    metric(m, 'mutua_socketio_connections') === 0
  );
}

/**
 * Reads the server's metrics until it is idle (boards unloaded, connections gone) or the
 * deadline passes; returns the last reading and whether it got there.
 */
export async function untilIdle(
  server: ObservedServer,
  withinMs: number,
): Promise<{ metrics: Metrics; idle: boolean }> {
  let metrics: Metrics = {};
  const idle = await pollUntil(
    async () => isIdle((metrics = await server.metrics())),
    withinMs,
    100,
  );
  return { metrics, idle };
}
