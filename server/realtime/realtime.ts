import type { Server as HttpServer } from 'node:http';
import type { CredentialWatch } from '../auth/credential-watch';
import type { AuthService } from '../auth/auth-service';
import type { Logger } from '../logger';
import { MemoryPresenceStore } from '../presence/memory-presence-store';
import type { PresenceStore } from '../presence/presence-store';
import type { RedisConnection } from '../presence/redis-connection';
import { RedisPresenceStore } from '../presence/redis-presence-store';
import type { Store } from '../store/database';
import { liveEventTable, onLiveDisconnect } from './live-events';
import { LIVE_DEFAULTS, type LiveOptions } from './live-options';
import { LiveRooms } from './live-rooms';
import { createRedisFanOut, type RedisFanOut } from './redis-adapter';
import { createSocketServer } from './socket-server';
import type { MutuaServer } from './types';

export interface RealtimeDeps {
  logger: Logger;
  auth: AuthService;
  credentials?: CredentialWatch;
  store: Store;
  isOriginAllowed: (origin: string | undefined) => boolean;
  /** Set when scaled out: presence and fan-out go through Redis. */
  redis: RedisConnection | null;
  live?: Partial<LiveOptions>;
}

export interface Realtime {
  io: MutuaServer;
  live: LiveRooms;
  /** Scaled out: `io.serverSideEmit` reaches the other processes (the Redis adapter). */
  clustered: boolean;
  /** After `io.close()`: stops timers, drops presence, ends the adapter's connections. */
  close(): Promise<void>;
}

/** Socket.IO with live rooms: presence in memory or Redis, fan-out local or through Redis. */
export async function createRealtime(
  httpServer: HttpServer,
  deps: RealtimeDeps,
): Promise<Realtime> {
  const options = { ...LIVE_DEFAULTS, ...deps.live };
  const fanOut: RedisFanOut | null = deps.redis ? await createRedisFanOut(deps.redis) : null;
  const presence: PresenceStore = deps.redis
    ? new RedisPresenceStore(deps.redis, options)
    : new MemoryPresenceStore(options);
  const rooms: { live?: LiveRooms } = {};
  const io = createSocketServer(httpServer, {
    logger: deps.logger,
    auth: deps.auth,
    credentials: deps.credentials,
    isOriginAllowed: deps.isOriginAllowed,
    adapter: fanOut?.adapter,
    eventsPerSecond: options.eventsPerSecond,
    // Live rooms need the server, which needs the handlers: they look the rooms up when called.
    events: liveEventTable(() => rooms.live!),
    onConnection: (socket) => onLiveDisconnect(socket, rooms.live!, deps.logger),
  });
  const live = (rooms.live = new LiveRooms({
    io,
    store: deps.store,
    presence,
    logger: deps.logger,
    options,
    clustered: fanOut !== null,
  }));
  return {
    io,
    live,
    clustered: fanOut !== null,
    async close() {
      await live.close();
      await fanOut?.close();
    },
  };
}
