import * as decoding from 'lib0/decoding';
import { io as connect, type Socket } from 'socket.io-client';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { initBoard } from '../../shared/board';
import { SqlBoardStore } from '../../server/boards/sql-board-store';
import { openStore } from '../../server/store/database';
import {
  BOARD_MAX_BACKOFF_MS,
  retryLiveQuicklyAfterRestart,
  retryQuicklyAfterRestart,
} from '../../client/controllers/restart-retry';
import { openProvider } from '../integration/board/board-clients';
import { createPairRoom, type Person } from '../helpers/people';
import { startServer } from '../helpers/server';
import { randomOperation, seededRandom, type Random } from '../unit/board/random-ops';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Room {
  roomId: string;
  boardId: string;
  people: [Person, Person];
}

/**
 * One browser tab's worth of a participant: her board document (kept across server
 * restarts, as a tab keeps it), a y-websocket provider and a Socket.IO connection.
 */
interface Member {
  room: Room;
  person: Person;
  doc: Y.Doc;
  provider: WebsocketProvider | null;
  socket: LiveSocket | null;
  /**
   * Updates this tab received from the server, as sent: what the server relayed. (Her
   * document's own update events would not do: applying a partner's insertion into a card
   * she deleted locally and has not sent yet emits a deletion the server never had.)
   */
  relayed: Uint8Array[];
  /** When her board last finished syncing and her live connection last came up. */
  syncedAt: number;
  connectedAt: number;
}

export interface FleetOptions {
  /** Pair rooms; two members each. */
  rooms: number;
  /**
   * `client`: reconnect exactly as the browser client does (its backoff and its quick retry
   * after a restart notice); `fast`: retry within 300 ms, for kill tests that reconnect anyway.
   */
  backoff: 'client' | 'fast';
  seed: number;
}

/**
 * Participants of several pair rooms who edit their boards and chat against a server that
 * is stopped and started under them. It records what the server relayed and acknowledged,
 * to check after each restart that none of it was lost.
 */
export class Fleet {
  readonly members: Member[] = [];
  /** Chat messages the server acknowledged (stored), by room. */
  readonly acknowledgedChat = new Map<string, Set<number>>();
  private activity: ReturnType<typeof setInterval>[] = [];
  private random: Random;
  private chatSent = 0;

  private constructor(
    private readonly dataDir: string,
    private readonly options: FleetOptions,
    rooms: Room[],
  ) {
    this.random = seededRandom(options.seed);
    for (const room of rooms) {
      for (const person of room.people) {
        const member: Member = {
          room,
          person,
          doc: new Y.Doc(),
          provider: null,
          socket: null,
          relayed: [],
          syncedAt: 0,
          connectedAt: 0,
        };
        this.members.push(member);
      }
      this.acknowledgedChat.set(room.roomId, new Set());
    }
  }

  /** Seeds `dataDir` with the rooms through an in-process server, then stops it. */
  static async create(dataDir: string, options: FleetOptions): Promise<Fleet> {
    const seeding = await startServer({}, dataDir);
    const rooms: Room[] = [];
    for (let i = 0; i < options.rooms; i++) {
      const { roomId, boardId, a, b } = await createPairRoom(seeding.mutua);
      rooms.push({ roomId, boardId, people: [a, b] });
    }
    await seeding.stop({ keepData: true });
    return new Fleet(dataDir, options, rooms);
  }

  get relayedCount(): number {
    return this.members.reduce((n, m) => n + m.relayed.length, 0);
  }

  get acknowledgedCount(): number {
    let n = 0;
    for (const ids of this.acknowledgedChat.values()) n += ids.size;
    return n;
  }

  /** Opens every tab against `url` (first time) or points existing tabs at a new URL. */
  connect(url: string): void {
    const fast = this.options.backoff === 'fast';
    for (const member of this.members) {
      member.provider?.destroy();
      const provider = openProvider(url, member.room.boardId, member.person.token, member.doc, {
        backoffMs: fast ? 300 : BOARD_MAX_BACKOFF_MS,
      }).provider;
      recordRelayed(provider, (update) => member.relayed.push(update));
      provider.on('sync', (synced: boolean) => {
        if (synced) member.syncedAt = performance.now();
      });
      member.provider = provider;
      member.socket?.close();
      const socket: LiveSocket = connect(url, {
        transports: ['websocket'],
        forceNew: true,
        auth: { protocol: PROTOCOL_VERSION },
        extraHeaders: { origin: url, cookie: member.person.cookie },
        ...(fast ? { reconnectionDelay: 50, reconnectionDelayMax: 300 } : {}),
      });
      if (!fast) {
        retryQuicklyAfterRestart(provider);
        retryLiveQuicklyAfterRestart(socket);
      }
      // A tab rejoins its room on every (re)connection, as the live-room controller does.
      socket.on('connect', () => {
        member.connectedAt = performance.now();
        socket.emit('room:join', { roomId: member.room.roomId }, () => undefined);
      });
      member.socket = socket;
    }
  }

  /** True when every tab's board is synced and its live connection is up. */
  allConnected(): boolean {
    return this.members.every((m) => m.provider?.synced === true && m.socket?.connected === true);
  }

  /** Once every tab has synced its board and reconnected live since `since`: the slowest's time. */
  reconnectedSince(since: number): number | null {
    let last = since;
    for (const m of this.members) {
      if (!m.provider?.synced || !m.socket?.connected) return null;
      if (m.syncedAt < since || m.connectedAt < since) return null;
      last = Math.max(last, m.syncedAt, m.connectedAt);
    }
    return last;
  }

  /** Boards of the same room hold the same content (snapshots: vectors and delete sets). */
  converged(): boolean {
    return this.rooms().every(([a, b]) => Y.equalSnapshots(Y.snapshot(a.doc), Y.snapshot(b.doc)));
  }

  /** Each tab edits its board every `editMs` and sends a chat message every `chatMs`. */
  startActivity(editMs: number, chatMs: number): void {
    for (const member of this.members) {
      const owners = member.room.people.map((p) => p.userId);
      if (member.doc.getMap('meta').size === 0) {
        initBoard(member.doc, { title: 'Soak', kind: 'pair', owners }, 'init');
      }
      this.activity.push(
        setInterval(
          () => randomOperation(member.doc, this.random, member.person.userId, owners),
          editMs,
        ),
        setInterval(() => this.sendChat(member), chatMs),
      );
    }
  }

  stopActivity(): void {
    for (const timer of this.activity) clearInterval(timer);
    this.activity = [];
  }

  /** Everything each tab saw relayed since the last call, then forgets it. */
  takeRelayed(): Map<string, Uint8Array[]> {
    const byBoard = new Map<string, Uint8Array[]>();
    for (const member of this.members) {
      const list = byBoard.get(member.room.boardId) ?? [];
      list.push(...member.relayed);
      byBoard.set(member.room.boardId, list);
      member.relayed = [];
    }
    return byBoard;
  }

  /** Relayed updates the stored boards do not hold, read from the data folder with no server. */
  async missingFromStore(relayed: Map<string, Uint8Array[]>): Promise<{
    updates: number;
    chat: number;
  }> {
    const store = openStore({ dataDir: this.dataDir, databaseUrl: undefined });
    try {
      const boards = new SqlBoardStore(store);
      let updates = 0;
      for (const [boardId, list] of relayed) {
        const log = await boards.load(boardId);
        const stored = new Y.Doc();
        for (const update of log?.updates ?? []) Y.applyUpdate(stored, update);
        updates += countMissing(stored, list);
      }
      let chat = 0;
      for (const [roomId, ids] of this.acknowledgedChat) {
        if (ids.size === 0) continue;
        const rows = await store.db
          .selectFrom('live_chat_messages')
          .select('id')
          .where('room_id', '=', roomId)
          .where('id', 'in', [...ids])
          .execute();
        chat += ids.size - rows.length;
      }
      return { updates, chat };
    } finally {
      await store.close();
    }
  }

  /** Whether the stored board holds everything the tabs hold: nothing they made was lost. */
  async storeHoldsTabs(): Promise<number> {
    const store = openStore({ dataDir: this.dataDir, databaseUrl: undefined });
    try {
      const boards = new SqlBoardStore(store);
      let missing = 0;
      for (const [a] of this.rooms()) {
        const log = await boards.load(a.room.boardId);
        const stored = new Y.Doc();
        for (const update of log?.updates ?? []) Y.applyUpdate(stored, update);
        missing += countMissing(stored, [Y.encodeStateAsUpdate(a.doc)]);
      }
      return missing;
    } finally {
      await store.close();
    }
  }

  disconnect(): void {
    for (const member of this.members) {
      member.provider?.destroy();
      member.provider = null;
      member.socket?.close();
      member.socket = null;
    }
  }

  close(): void {
    this.stopActivity();
    this.disconnect();
  }

  private rooms(): [Member, Member][] {
    const pairs: [Member, Member][] = [];
    for (let i = 0; i < this.members.length; i += 2) {
      pairs.push([this.members[i]!, this.members[i + 1]!]);
    }
    return pairs;
  }

  private sendChat(member: Member): void {
    const socket = member.socket;
    if (!socket?.connected) return;
    const text = `soak message ${++this.chatSent}`;
    socket.timeout(5_000).emit('chat:send', { roomId: member.room.roomId, text }, (err, reply) => {
      if (err || !reply.ok) return; // never acknowledged: the sender would retry it
      this.acknowledgedChat.get(member.room.roomId)!.add(reply.data.id);
    });
  }
}

/** Keeps the payload of every sync step 2 and update the server sends to this provider. */
function recordRelayed(provider: WebsocketProvider, record: (update: Uint8Array) => void) {
  const handle = provider.messageHandlers[messageSync]!;
  provider.messageHandlers[messageSync] = (encoder, decoder, p, emitSynced, type) => {
    const peek = decoding.clone(decoder);
    const step = decoding.readVarUint(peek);
    if (step === messageYjsSyncStep2 || step === messageYjsUpdate) {
      record(decoding.readVarUint8Array(peek));
    }
    handle(encoder, decoder, p, emitSynced, type);
  };
}

/** How many of `updates` add something `stored` does not hold (0 when it holds them all). */
function countMissing(stored: Y.Doc, updates: readonly Uint8Array[]): number {
  const holds = (update: Uint8Array) => {
    const merged = new Y.Doc();
    Y.applyUpdate(merged, Y.encodeStateAsUpdate(stored));
    Y.applyUpdate(merged, update);
    return Y.equalSnapshots(Y.snapshot(merged), Y.snapshot(stored));
  };
  if (updates.length === 0 || holds(Y.mergeUpdates([...updates]))) return 0;
  return updates.filter((update) => !holds(update)).length;
}
