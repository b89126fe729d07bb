import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import fs from 'node:fs';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { HocuspocusSocket } from '../load/hocuspocus-socket';
import { freePort } from '../../test/helpers/redis';
import { INSPECTOR_URL } from '../lib/inspector-client';
import { type Child, spawnNode, spawnPinned } from '../lib/proc';
import { type PairRoom, seedPairRooms } from './seed';

/**
 * `mutua-before`: Mutua from another checkout (`--baseline=<dir>`), for before/after runs.
 * `relay-floor`: a relay that does nothing else (`relay-floor-main.ts`), only when named.
 * `mutua-unstored` and `mutua-core`: Mutua that does not write board edits, the second
 * also without its participants' Socket.IO connections; only when named.
 * `mutua-scaled`: two Mutua processes on one database and a private Redis, each pair split
 * between them (seat 0 on one, seat 1 on the other), all on the server core; only when named.
 */
export type TargetName = 'mutua' | 'mutua-before' | 'mutua-scaled' | MutuaVariant | PeerName;
/** Mutua without storing board edits, with or without Socket.IO clients (`mutua-unstored-main.ts`). */
type MutuaVariant = 'mutua-unstored' | 'mutua-core';
type PeerName = 'y-websocket' | 'hocuspocus' | 'relay-floor';
export const TARGETS: readonly TargetName[] = ['mutua', 'y-websocket', 'hocuspocus'];

/** Called with the socket of each board connection once its HTTP upgrade is done. */
export type OnSocket = (socket: Socket) => void;

/** A server under test, in its own process on core 0. */
export interface Target {
  name: TargetName;
  pid: number;
  /** Further processes of the server side, counted with `pid` (CPU, memory). */
  extraPids?: readonly number[];
  /** Where a seat's Socket.IO connects, when not `url`. */
  socketUrl?(seat: 0 | 1): string;
  /** From spawn until it said it was ready (ms): the part of a CPU profile to skip. */
  startupMs: number;
  /** Wall-clock time the process was spawned (Date.now()). */
  spawnedAt: number;
  /** Its inspector's WebSocket URL when started with `inspect`. */
  inspectorUrl(): string | null;
  url: string;
  /** Mutua's rooms carry people and tokens; the peers' are names only. */
  rooms: PairRoom[];
  /** Mutua only: rooms have Socket.IO presence and chat. */
  socketIo: boolean;
  openBoard(room: PairRoom, seat: 0 | 1, doc: Y.Doc, onSocket?: OnSocket): WebsocketProvider;
  stop(): Promise<void>;
}

const SERVER_CORE = 0;

type Polyfill = typeof globalThis.WebSocket;

/** A `ws` client with optional headers, reporting its TCP socket (for byte counts). */
function wsClass(headers: Record<string, string>, onSocket?: OnSocket): Polyfill {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { headers });
      if (onSocket) this.once('upgrade', (res) => onSocket(res.socket));
    }
  } as unknown as Polyfill;
}

function syntheticRooms(count: number): PairRoom[] {
  return Array.from({ length: count }, (_, i) => ({
    roomId: `room-${i}`,
    boardId: `board-${i}`,
    seats: [
      { userId: `a${i}`, token: 'bench-token-unused' },
      { userId: `b${i}`, token: 'bench-token-unused' },
    ],
  }));
}

function provider(url: string, room: string, doc: Y.Doc, polyfill: Polyfill) {
  return new WebsocketProvider(url, room, doc, { WebSocketPolyfill: polyfill, disableBc: true });
}

export interface StartOptions {
  /** Mutua only: reuse a prepared data folder instead of seeding a fresh one. */
  dataDir?: string;
  /**
   * Run the server under `node --cpu-prof`, writing its profile into this folder when it
   * exits (`stop()` sends SIGTERM; the server's clean shutdown lets V8 write the file).
   */
  cpuProfileDir?: string;
  /** `mutua-before` only: the checkout whose server/main.ts runs (same data layout). */
  baselineRoot?: string;
  /** Start with `--inspect` on a free port, so `inspectorUrl()` can weigh its live heap. */
  inspect?: boolean;
  /** Extra environment of a Mutua server, by target (`--env`, `--baseline-env`). */
  env?: Partial<Record<'mutua' | 'mutua-before', Record<string, string>>>;
}

/** `--cpu-prof` and `--inspect` flags for a server process, or none. */
function profileFlags(opts: StartOptions): string[] {
  const flags = opts.inspect ? ['--inspect=127.0.0.1:0'] : [];
  if (!opts.cpuProfileDir) return flags;
  fs.mkdirSync(opts.cpuProfileDir, { recursive: true });
  return [...flags, '--cpu-prof', `--cpu-prof-dir=${opts.cpuProfileDir}`];
}

const built = new Map<string, string[]>();

/**
 * How to run a server as it is deployed: as built JavaScript, not through a TypeScript
 * loader (whose compiling and worker thread would be measured too). Mutua's server (of this
 * checkout or a baseline's) is built with scripts/build-server.mjs, a peer's entry file with
 * esbuild into bench/.build/; once per bench run each.
 */
function builtEntry(key: string, build: () => string): string[] {
  let args = built.get(key);
  if (args === undefined) {
    args = [build()];
    built.set(key, args);
  }
  return args;
}

const REPO = path.resolve(import.meta.dirname, '../..');

function mutuaEntry(root: string): string[] {
  return builtEntry(`mutua:${root}`, () => {
    const result = spawnSync(
      process.execPath,
      [path.join(REPO, 'scripts/build-server.mjs'), root],
      { stdio: 'inherit' },
    );
    if (result.status !== 0) throw new Error(`building the server of ${root} failed`);
    return path.join(root, 'dist/server/main.js');
  });
}

/** As scripts/build-server.mjs bundles: our code in, packages left to node_modules. */
const BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
} as const;

/** A server entry of `bench/servers/`, bundled (its own code and ours; packages stay external). */
function benchEntry(file: string): string[] {
  return builtEntry(file, () => {
    const outfile = path.join(REPO, `bench/.build/${file}.js`);
    buildSync({
      entryPoints: [path.join(REPO, `bench/servers/${file}.ts`)],
      outfile,
      ...BUNDLE,
    });
    return outfile;
  });
}

/**
 * `mutua-unstored-main.ts` bundled like a peer, plus the migrations next to it, which the
 * server finds by listing their folder (as in dist/server/, scripts/build-server.mjs).
 */
function mutuaVariantEntry(): string[] {
  return builtEntry('mutua-variant', () => {
    const [entry] = benchEntry('mutua-unstored-main');
    const migrations = path.join(REPO, 'server/store/migrations');
    buildSync({
      entryPoints: fs
        .readdirSync(migrations)
        .filter((file) => /^\d{4}-[\w-]+\.ts$/.test(file))
        .map((file) => path.join(migrations, file)),
      outdir: path.join(REPO, 'bench/.build/migrations'),
      ...BUNDLE,
    });
    return entry!;
  });
}

/** The inspector URL in a child's output, when it was started with `inspect`. */
const inspectorUrl = (child: Child) => () => INSPECTOR_URL.exec(child.output())?.[1] ?? null;

async function startMutua(
  name: 'mutua' | 'mutua-before' | MutuaVariant,
  rooms: number,
  opts: StartOptions,
): Promise<Target> {
  if (name === 'mutua-before' && !opts.baselineRoot) {
    throw new Error('mutua-before needs --baseline=<checkout>');
  }
  const existingDir = opts.dataDir;
  const dataDir = existingDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mutua-bench-'));
  const removeData = () => {
    if (!existingDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const seeded = existingDir ? [] : await seedPairRooms(dataDir, rooms);
  let child: Child;
  try {
    const root = name === 'mutua-before' ? opts.baselineRoot! : REPO;
    const entry =
      name === 'mutua' || name === 'mutua-before' ? mutuaEntry(root) : mutuaVariantEntry();
    child = await spawnNode([...profileFlags(opts), ...entry], {
      env: {
        ...(name === 'mutua' || name === 'mutua-before' ? opts.env?.[name] : {}),
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
      },
      core: SERVER_CORE,
      ready: /Mutua is running at (http:\/\/\S+)/,
      cwd: name === 'mutua-before' ? opts.baselineRoot : undefined,
    });
  } catch (err) {
    removeData();
    throw err;
  }
  const url = child.match[1]!.replace('localhost', '127.0.0.1');
  const wsBase = `${url.replace('http', 'ws')}/yjs`;
  return {
    name,
    pid: child.pid,
    startupMs: child.startupMs,
    spawnedAt: child.spawnedAt,
    inspectorUrl: inspectorUrl(child),
    url,
    rooms: seeded,
    socketIo: name !== 'mutua-core',
    openBoard: (room, seat, doc, onSocket) =>
      provider(
        wsBase,
        room.boardId,
        doc,
        wsClass({ authorization: `Bearer ${room.seats[seat].token}` }, onSocket),
      ),
    async stop() {
      await child.stop();
      removeData();
    },
  };
}

async function startPeer(name: PeerName, rooms: number, opts: StartOptions): Promise<Target> {
  const args = [...profileFlags(opts), ...benchEntry(`${name}-main`)];
  const child = await spawnNode(args, {
    env: { NODE_ENV: 'production' },
    core: SERVER_CORE,
    ready: /listening on (\d+)/,
  });
  const url = `http://127.0.0.1:${child.match[1]}`;
  const wsBase = url.replace('http', 'ws');
  return {
    name,
    pid: child.pid,
    startupMs: child.startupMs,
    spawnedAt: child.spawnedAt,
    inspectorUrl: inspectorUrl(child),
    url,
    rooms: syntheticRooms(rooms),
    socketIo: false,
    openBoard: (room, _seat, doc, onSocket) =>
      provider(
        wsBase,
        room.boardId,
        doc,
        name === 'hocuspocus' ? HocuspocusSocket.withCounter(onSocket) : wsClass({}, onSocket),
      ),
    stop: () => child.stop(),
  };
}

/**
 * Two Mutua processes as `npm start` runs them, sharing one SQLite database (WAL, so both
 * write) and a private redis-server for presence, live-room and board fan-out: every edit
 * crosses from one process to the other through Redis. All three run on the server core,
 * so the ramp's server CPU is the cost of the same rooms scaled out, against `mutua`'s.
 */
async function startMutuaScaled(rooms: number, opts: StartOptions): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mutua-bench-'));
  const children: Child[] = [];
  const stopAll = async () => {
    for (const child of children.reverse()) await child.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const seeded = await seedPairRooms(dataDir, rooms);
    const port = await freePort();
    const redis = await spawnPinned(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { env: {}, core: SERVER_CORE, ready: /Ready to accept connections/ },
    );
    children.push(redis);
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      REDIS_URL: `redis://127.0.0.1:${port}`,
    };
    const ready = /Mutua is running at (http:\/\/\S+)/;
    for (let i = 0; i < 2; i++) {
      children.push(
        await spawnNode([...profileFlags(opts), ...mutuaEntry(REPO)], {
          env,
          core: SERVER_CORE,
          ready,
        }),
      );
    }
    const [one, two] = children
      .slice(1)
      .map((child) => child.match[1]!.replace('localhost', '127.0.0.1'));
    const urls = [one!, two!] as const;
    const first = children[1]!;
    return {
      name: 'mutua-scaled',
      pid: first.pid,
      extraPids: [children[2]!.pid, redis.pid],
      startupMs: first.startupMs,
      spawnedAt: first.spawnedAt,
      inspectorUrl: inspectorUrl(first),
      url: urls[0],
      socketUrl: (seat) => urls[seat],
      rooms: seeded,
      socketIo: true,
      openBoard: (room, seat, doc, onSocket) =>
        provider(
          `${urls[seat].replace('http', 'ws')}/yjs`,
          room.boardId,
          doc,
          wsClass({ authorization: `Bearer ${room.seats[seat].token}` }, onSocket),
        ),
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** Starts a server with `rooms` pair rooms; Mutua may instead reuse a prepared data folder. */
export function startTarget(
  name: TargetName,
  rooms: number,
  opts: StartOptions = {},
): Promise<Target> {
  if (name === 'mutua-scaled') return startMutuaScaled(rooms, opts);
  return name === 'y-websocket' || name === 'hocuspocus' || name === 'relay-floor'
    ? startPeer(name, rooms, opts)
    : startMutua(name, rooms, opts);
}
