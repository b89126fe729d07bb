import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import { allRoutes, systemRoutes } from '../shared/api';
import { LOCALES, PROTOCOL_VERSION, RESTART_RETRY_MS } from '../shared/protocol';
import { AuthService } from './auth/auth-service';
import { registerAuthRoutes } from './auth/auth-routes';
import { CredentialWatch } from './auth/credential-watch';
import type { Config } from './config';
import { createExpressApp } from './http/express-app';
import { buildOpenApiDocument } from './http/openapi';
import { bindRoute, boundRoutes } from './http/route-binding';
import { ProfileService } from './account/profile-service';
import { registerAccountRoutes } from './account/account-routes';
import { registerBoardRoutes } from './boards/board-routes';
import { AccessPolicy } from './policy/access-policy';
import { InvitationsService } from './programs/invitations-service';
import { seedDemo, type DemoAccounts } from './demo/seed-demo';
import { registerMatchingRoutes } from './programs/matching-routes';
import { MatchingService } from './programs/matching-service';
import { registerProgramRoutes } from './programs/program-routes';
import { ProgramsService } from './programs/programs-service';
import { MembershipEvents } from './rooms/membership-events';
import { fanOutBoardAccess } from './boards/board-access-fan-out';
import { registerRoomRoutes } from './rooms/room-routes';
import { RoomViews } from './rooms/room-views';
import { RoomsService } from './rooms/rooms-service';
import { registerMetricsRoute } from './http/metrics-route';
import { createOriginPolicy } from './http/origin-policy';
import { createUpgradeRouter, type UpgradeHandler } from './http/upgrade-router';
import { MemoryRateLimiter, type RateLimiter } from './limits/rate-limiter';
import { RedisRateLimiter } from './limits/redis-rate-limiter';
import { createLogger, type Logger } from './logger';
import { liveGauges, type BoardStats } from './observability/live-figures';
import { watchProcess } from './observability/process-figures';
import {
  closeRedis,
  connectRedis,
  pingRedis,
  type RedisConnection,
} from './presence/redis-connection';
import type { LiveOptions } from './realtime/live-options';
import type { LiveRooms } from './realtime/live-rooms';
import { createRealtime } from './realtime/realtime';
import type { MutuaServer } from './realtime/types';
import { openStore, type Store } from './store/database';
import { migrateToLatest } from './store/migrate';
import packageJson from '../package.json' with { type: 'json' };

/** What the live-board endpoint offers the composition: an upgrade handler and a drain. */
export interface BoardEndpoint {
  handleUpgrade: UpgradeHandler;
  /** Closes her connections to the board (4403 `access_removed`) on this process. */
  disconnectUser(boardId: string, userId: string): void;
  /** Closes the board's writers' connections (4403 `archived`) on this process. */
  closeWriters(boardId: string): void;
  /** Flushes every pending write and closes connections with "restarting". */
  close(): Promise<void>;
  /** Counts for `/metrics`. */
  stats(): BoardStats;
}

export interface Mutua {
  config: Config;
  logger: Logger;
  store: Store;
  auth: AuthService;
  io: MutuaServer;
  /** Live rooms; `evictMember(roomId, userId)` when someone loses access to a room. */
  live: LiveRooms;
  httpServer: http.Server;
  /** Set once listening: the base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Present on a fresh database until the first admin exists. */
  setupToken: string | null;
  /** Demo accounts, when started with --demo (MUTUA_DEMO=1). */
  demo: DemoAccounts | null;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface CreateOptions {
  logger?: Logger;
  /** Builds the board endpoint once the shared services exist. */
  boards?: (deps: BoardDeps) => BoardEndpoint;
  /** Live-room timings (grace period, heartbeat, TTL); the defaults suit production. */
  live?: Partial<LiveOptions>;
}

export interface BoardDeps {
  logger: Logger;
  store: Store;
  auth: AuthService;
  /** Ends her open connections when the session or token they were opened with ends. */
  credentials: CredentialWatch;
  /** Someone lost access to a room: end her connections to its board. */
  membership: MembershipEvents;
  isOriginAllowed: (origin: string | undefined) => boolean;
  /** A board nobody has open leaves memory after this long. */
  unloadAfterMs: number;
  /** Board edits are committed at most once per this many ms (0: once per event-loop turn). */
  commitWindowMs: number;
  /** Scaled out: the processes relay each other's board edits and cursors through Redis. */
  redis: RedisConnection | null;
}

/** Composes every part of Mutua on one HTTP server. Nothing listens until `listen()`. */
export async function createMutua(config: Config, options: CreateOptions = {}): Promise<Mutua> {
  const logger = options.logger ?? createLogger(config);
  const store = openStore(config);
  await migrateToLatest(store.db);
  const auth = new AuthService(store, {
    onTouchFailed: (err) => logger.warn({ err }, 'could not record a session or token use'),
  });
  const redis: RedisConnection | null = config.redisUrl
    ? await connectRedis(config.redisUrl, logger)
    : null;
  // Scaled out, sign-in limits count across processes; alone, in this one.
  const limiter: RateLimiter = redis
    ? new RedisRateLimiter(redis, logger)
    : new MemoryRateLimiter();
  const setupToken = await auth.issueSetupToken();
  const secureCookies = config.publicUrl?.protocol === 'https:';
  const policy = new AccessPolicy(store);
  const membership = new MembershipEvents();
  const rooms = new RoomsService(store);
  const profiles = new ProfileService(store, auth, membership);
  const programs = new ProgramsService(store, policy, rooms, membership);
  const views = new RoomViews(store, policy);
  const demo = config.demo ? await seedDemo({ store, auth, profiles, rooms }) : null;
  const invitations = new InvitationsService(store, auth, programs, rooms, profiles);

  let port = config.port;
  const isOriginAllowed = createOriginPolicy({
    publicUrl: config.publicUrl,
    port: () => port,
    development: config.development,
  });

  const openapi = buildOpenApiDocument(allRoutes, packageJson.version);
  // Sampling the event loop costs a timer: only when someone may scrape /metrics.
  const processFigures = config.metricsToken ? watchProcess() : null;
  /** Read at each scrape, once `io` and `boards` below exist. */
  const collectMetrics = async () => [
    ...((await processFigures?.read()) ?? []),
    ...liveGauges(io, boards?.stats()),
  ];
  const app = createExpressApp({
    logger,
    auth,
    isOriginAllowed,
    trustProxy: config.trustProxy,
    clientDir: config.clientDir,
    mountRoutes: (router: express.Router) => {
      bindRoute(router, systemRoutes.health, () => ({ status: 'ok' as const }));
      bindRoute(router, systemRoutes.ready, async ({ res }) => {
        const checks: { name: 'database' | 'redis'; ok: boolean }[] = [
          { name: 'database', ok: await store.ping() },
        ];
        if (redis) checks.push({ name: 'redis', ok: await pingRedis(redis) });
        const ready = checks.every((c) => c.ok);
        res.status(ready ? 200 : 503);
        return { status: ready ? ('ready' as const) : ('not_ready' as const), checks };
      });
      bindRoute(router, systemRoutes.info, async () => ({
        name: 'Mutua' as const,
        version: packageJson.version,
        protocolVersion: PROTOCOL_VERSION,
        locales: [...LOCALES],
        setupRequired: !(await auth.hasAdmin()),
      }));
      bindRoute(router, systemRoutes.openapi, () => openapi);
      registerMetricsRoute(router, { token: config.metricsToken, collect: collectMetrics });
      registerAuthRoutes(router, { auth, limiter, secureCookies });
      registerAccountRoutes(router, profiles);
      registerProgramRoutes(router, {
        programs,
        invitations,
        auth,
        publicUrl: config.publicUrl,
        secureCookies,
      });
      registerRoomRoutes(router, {
        rooms,
        views,
        programs,
        policy,
        membership,
      });
      registerMatchingRoutes(router, new MatchingService(store, programs, rooms), views);
      registerBoardRoutes(router, { store, policy, logger });
      const missing = allRoutes.filter((route) => !boundRoutes(router).has(route));
      if (missing.length) {
        throw new Error(
          `routes without a handler: ${missing.map((r) => r.operationId).join(', ')}`,
        );
      }
    },
  });

  const credentials = new CredentialWatch(auth, logger);
  const httpServer = http.createServer(app);
  // Slow clients may not hold a connection open forever before sending headers.
  httpServer.headersTimeout = 20_000;
  httpServer.requestTimeout = 30_000;
  const realtime = await createRealtime(httpServer, {
    logger,
    auth,
    credentials,
    store,
    isOriginAllowed,
    redis,
    live: options.live,
  });
  const { io, live } = realtime;
  membership.on('removed', ({ roomId, userId }) => {
    live
      .evictMember(roomId, userId)
      .catch((err: unknown) => logger.warn({ err }, 'eviction failed'));
  });
  const boards = options.boards?.({
    logger,
    store,
    auth,
    credentials,
    membership,
    isOriginAllowed,
    unloadAfterMs: config.boardUnloadAfterMs,
    commitWindowMs: config.boardCommitWindowMs,
    redis,
  });
  if (boards && realtime.clustered) fanOutBoardAccess(io, membership, boards, logger);
  httpServer.on(
    'upgrade',
    createUpgradeRouter(boards?.handleUpgrade ?? ((_req, socket) => socket.destroy())),
  );

  let closing: Promise<void> | undefined;
  const mutua: Mutua = {
    config,
    logger,
    store,
    auth,
    io,
    live,
    httpServer,
    url: '',
    setupToken,
    demo,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          port = (httpServer.address() as AddressInfo).port;
          const host =
            config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          mutua.url = `http://${host}:${port}`;
          resolve(mutua.url);
        });
      }),
    close: () => (closing ??= shutdown()),
  };

  /**
   * Stop taking connections, tell live clients we are restarting (they reconnect by
   * themselves), flush board writes, then close the database and Redis.
   */
  async function shutdown() {
    logger.info('shutting down');
    const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    io.emit('system:restarting', { reconnectInMs: RESTART_RETRY_MS });
    await boards?.close();
    // Closing the transports (not `disconnectSockets`, which sends a "server disconnect"
    // that stock clients obey by staying away) lets every client reconnect by itself.
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await realtime.close();
    credentials.close();
    httpServer.closeAllConnections();
    await stopped;
    if (redis) await closeRedis(redis);
    await store.close();
    processFigures?.close();
    logger.info('stopped');
  }
  return mutua;
}
