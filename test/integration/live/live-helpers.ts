import { io as connect, type Socket } from 'socket.io-client';
import type { AckResult, ClientToServerEvents, ServerToClientEvents } from '../../../shared/events';
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import { createMutua, type Mutua } from '../../../server/app';
import { createYjsEndpoint } from '../../../server/boards/yjs-endpoint';
import { loadConfig } from '../../../server/config';
import type { LiveOptions } from '../../../server/realtime/live-options';
import type { Person } from '../../helpers/people';
import { tempDir } from '../../helpers/temp-dir';
import { type Emitter, once } from '../../helpers/wait';

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveServer {
  mutua: Mutua;
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Like test/helpers/server.ts startServer, with live-room timings scaled down. Two servers
 * given the same dataDir share one SQLite file (WAL), as two processes would.
 */
export async function startLiveServer(
  opts: { env?: Record<string, string>; dataDir?: string; live?: Partial<LiveOptions> } = {},
): Promise<LiveServer> {
  const dir = opts.dataDir ? { path: opts.dataDir, remove: () => undefined } : tempDir();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir.path,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    ...opts.env,
  });
  const mutua = await createMutua(config, { boards: createYjsEndpoint, live: opts.live });
  const url = await mutua.listen();
  return {
    mutua,
    url,
    dataDir: dir.path,
    async stop() {
      await mutua.close();
      dir.remove();
    },
  };
}

/** A signed-in browser tab of `person`: her cookie, the server's own Origin. */
export async function connectAs(
  server: { url: string },
  person: Person,
  opts: { reconnection?: boolean } = {},
): Promise<LiveClient> {
  const socket: LiveClient = connect(server.url, {
    transports: ['websocket'],
    // A Manager of its own: a cached one would carry another person's cookie.
    forceNew: true,
    reconnection: opts.reconnection ?? false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    auth: { protocol: PROTOCOL_VERSION },
    extraHeaders: { origin: server.url, cookie: person.cookie },
  });
  await nextEvent(socket, 'connect');
  return socket;
}

/** The first emission of `event` on a socket (typed or not), as helpers/wait.ts `once`. */
export function nextEvent<T = unknown>(socket: Socket, event: string, ms?: number): Promise<T> {
  return once<T>(socket as unknown as Emitter, event, ms);
}

/** Emits an event with any payload and resolves with its ack. */
export function request<T = unknown>(
  socket: Socket,
  event: string,
  payload: unknown,
  ms = 10_000,
): Promise<AckResult<T>> {
  return (socket as Socket).timeout(ms).emitWithAck(event, payload) as Promise<AckResult<T>>;
}

/** Like request, but the ack must be ok: returns its data. */
export async function ok<T = unknown>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const result = await request<T>(socket, event, payload);
  if (!result.ok) throw new Error(`${event} failed: ${result.code} ${result.message}`);
  return result.data;
}

/** Collects every emission of `event`, for polling. */
export function record<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}
