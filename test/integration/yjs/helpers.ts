import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { vi } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../../shared/errors';
import { BoardSyncServer } from '../../../server/yjs/board-sync-server';
import { MemoryBoardStore } from '../../../server/yjs/memory-board-store';
import type {
  AuthorizeResult,
  BoardPrincipal,
  BoardSyncServerOptions,
  SaveState,
} from '../../../server/yjs/types';
import { RawClient } from './raw-client';

export const ALLOWED_ORIGIN = 'http://mutua.test';

/** Test users, picked with the `?user=` query parameter. */
export const PRINCIPALS: Record<string, BoardPrincipal> = {
  alice: { userId: 'alice', displayName: 'Alice', color: '#d9480f', readOnly: false },
  bob: { userId: 'bob', displayName: 'Bob', color: '#1971c2', readOnly: false },
  carol: { userId: 'carol', displayName: 'Carol', color: '#2f9e44', readOnly: false },
  dana: { userId: 'dana', displayName: 'Dana', color: '#ae3ec9', readOnly: false },
  erin: { userId: 'erin', displayName: 'Erin', color: '#f08c00', readOnly: false },
  reader: { userId: 'reader', displayName: 'Reader', color: '#868e96', readOnly: true },
};

/** `?user=` names a principal; `mallory` is known but not a member; unknown boards get 404. */
export function defaultAuthorize(store: MemoryBoardStore) {
  return async (req: http.IncomingMessage, boardId: string): Promise<AuthorizeResult> => {
    const user = new URL(req.url ?? '/', 'http://x').searchParams.get('user');
    if (user === 'mallory') return { ok: false, status: 403, closeCode: CLOSE_CODES.forbidden };
    const principal = user === null ? undefined : PRINCIPALS[user];
    if (principal === undefined) {
      return { ok: false, status: 401, closeCode: CLOSE_CODES.unauthenticated };
    }
    if (!store.hasBoard(boardId)) {
      return { ok: false, status: 404, closeCode: CLOSE_CODES.unknownBoard };
    }
    return { ok: true, principal };
  };
}

export interface ProviderHandle {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  readonly text: Y.Text;
}

export type TestServerOptions = Partial<BoardSyncServerOptions> & { store?: MemoryBoardStore };

/** A real HTTP server on port 0 with a `BoardSyncServer` on its `'upgrade'` event. */
export class TestServer {
  private readonly providers = new Set<WebsocketProvider>();
  private readonly raws = new Set<RawClient>();

  private constructor(
    readonly http: http.Server,
    readonly sync: BoardSyncServer,
    readonly store: MemoryBoardStore,
    /** Every `onSaveStateChange` call, in order. */
    readonly saveStates: Array<{ boardId: string; state: SaveState }>,
  ) {}

  static async start(options: TestServerOptions = {}): Promise<TestServer> {
    const store = options.store ?? new MemoryBoardStore();
    const httpServer = http.createServer((_req, res) => res.writeHead(404).end());
    const saveStates: Array<{ boardId: string; state: SaveState }> = [];
    const sync = new BoardSyncServer({
      authorize: defaultAuthorize(store),
      isOriginAllowed: (origin) => origin === undefined || origin === ALLOWED_ORIGIN,
      ...options,
      store,
      onSaveStateChange: (boardId, state) => {
        saveStates.push({ boardId, state });
        options.onSaveStateChange?.(boardId, state);
      },
    });
    httpServer.on('upgrade', (req, socket, head) => {
      if (!sync.handleUpgrade(req, socket, head)) socket.destroy();
    });
    httpServer.listen(0, '127.0.0.1');
    await once(httpServer, 'listening');
    return new TestServer(httpServer, sync, store, saveStates);
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** Base URL for `WebsocketProvider`, which appends `/<boardId>`. */
  get url(): string {
    return `ws://127.0.0.1:${this.port}/yjs`;
  }

  provider(
    boardId: string,
    user: string,
    options: { doc?: Y.Doc; connect?: boolean } = {},
  ): ProviderHandle {
    const doc = options.doc ?? new Y.Doc();
    const provider = new WebsocketProvider(this.url, boardId, doc, {
      params: { user },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      // Same-process providers would otherwise sync through BroadcastChannel, not the server.
      disableBc: true,
      maxBackoffTime: 200,
      connect: options.connect ?? true,
    });
    this.providers.add(provider);
    return { doc, provider, text: doc.getText('text') };
  }

  async raw(boardId: string, user: string, options: { autoPong?: boolean } = {}) {
    const client = await RawClient.connect(`${this.url}/${boardId}?user=${user}`, options);
    this.raws.add(client);
    return client;
  }

  /** The board as stored: a fresh doc built from the store's log. */
  async storedDoc(boardId: string): Promise<Y.Doc> {
    const log = await this.store.load(boardId);
    if (log === null) throw new Error(`no board ${boardId}`);
    const doc = new Y.Doc();
    for (const update of log.updates) Y.applyUpdate(doc, update);
    return doc;
  }

  /** Waits until the stored board's `text` reads `expected`. */
  async waitForStoredText(boardId: string, expected: string): Promise<void> {
    await waitUntil(
      async () => (await this.storedDoc(boardId)).getText('text').toString() === expected,
    );
  }

  async stop(): Promise<void> {
    for (const provider of this.providers) provider.destroy();
    for (const raw of this.raws) raw.terminate();
    await this.sync.close();
    this.http.closeAllConnections();
    this.http.close();
    await once(this.http, 'close');
  }
}

export function whenSynced(handle: ProviderHandle, timeout = 5_000): Promise<void> {
  return vi.waitFor(
    () => {
      if (!handle.provider.synced) throw new Error('not synced yet');
    },
    { timeout, interval: 5 },
  );
}

export function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeout = 5_000,
): Promise<void> {
  return vi.waitFor(
    async () => {
      if (!(await condition())) throw new Error('condition not met yet');
    },
    { timeout, interval: 5 },
  );
}

/** Resolves with the close the server sent to this provider (the stock `closed` event). */
export function whenProviderClosed(
  provider: WebsocketProvider,
): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => provider.once('closed', (event) => resolve(event)));
}

export function awarenessUserOf(handle: ProviderHandle, clientId: number): unknown {
  return handle.provider.awareness.getStates().get(clientId)?.user;
}

/** A board id unique to the calling test. */
let boardCounter = 0;
export function newBoardId(prefix = 'board'): string {
  boardCounter += 1;
  return `${prefix}-${process.pid}-${boardCounter}`;
}
