import type { RoomSnapshot } from '../../shared/schemas/live';
import { CHAT_PAGE_MAX, CHAT_SNAPSHOT_SIZE } from '../../shared/schemas/live';
import { AppError } from '../errors';
import { ChatService } from '../live/chat-service';
import { LiveDirectory } from '../live/live-directory';
import { MentoringSessionService } from '../live/session-service';
import type { Logger } from '../logger';
import type { ConnectionPresence, PresenceStore } from '../presence/presence-store';
import type { Store } from '../store/database';
import { type LiveOptions, personChannel } from './live-options';
import type { MutuaServer, MutuaSocket } from './types';

export interface LiveRoomsDeps {
  io: MutuaServer;
  store: Store;
  presence: PresenceStore;
  logger: Logger;
  options: LiveOptions;
  /** Several processes share rooms through an adapter (Redis). */
  clustered: boolean;
}

type Shown = Pick<ConnectionPresence, 'status' | 'focusedCardId'>;

/** Live rooms over Socket.IO: joining, presence, eviction. Chat and turns: live-events.ts. */
export class LiveRooms {
  readonly directory: LiveDirectory;
  readonly chat: ChatService;
  readonly sessions: MentoringSessionService;
  private readonly shown = new WeakMap<MutuaSocket, Map<string, Shown>>();
  private readonly lastSent = new Map<string, string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly heartbeat: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly deps: LiveRoomsDeps) {
    this.directory = new LiveDirectory(deps.store);
    this.chat = new ChatService(deps.store);
    this.sessions = new MentoringSessionService(deps.store);
    this.heartbeat = setInterval(() => void this.tick(), deps.options.heartbeatMs);
    deps.io.on('live:evicted', (roomId, userId) => void this.evictLocal(roomId, userId));
  }

  /** Rooms of this socket that are live rooms (not its own id, not its person channel). */
  static roomsOf(socket: MutuaSocket): string[] {
    return [...socket.rooms].filter((r) => r !== socket.id && !r.startsWith('user:'));
  }

  requireJoined(socket: MutuaSocket, roomId: string) {
    if (!socket.rooms.has(roomId)) throw new AppError('forbidden', 'Join the room first.');
  }

  async join(socket: MutuaSocket, roomId: string, lastMessageId?: number): Promise<RoomSnapshot> {
    const { userId } = socket.data.principal;
    const room = await this.directory.admit(socket.data.principal, roomId);
    await socket.join([roomId, personChannel(userId)]);
    const shown = this.shownIn(socket);
    if (!shown.has(roomId)) shown.set(roomId, { status: 'online', focusedCardId: null });
    await this.deps.presence.put({ roomId, userId, connId: socket.id, ...shown.get(roomId)! });
    const attended = await this.sessions.apply(room, userId, { type: 'attend' });
    if (attended) this.deps.io.to(roomId).emit('session:state', attended);
    const [presence, chat] = await Promise.all([
      this.broadcastPresence(roomId, true),
      lastMessageId === undefined
        ? this.chat.history(roomId, CHAT_SNAPSHOT_SIZE)
        : this.chat.since(roomId, lastMessageId, CHAT_PAGE_MAX),
    ]);
    const session = attended ?? (await this.sessions.current(roomId));
    const { id, programId, kind, title, members } = room;
    return {
      room: { id, programId, kind, title },
      members,
      presence,
      session,
      chat,
      serverTime: Date.now(),
    };
  }

  async leave(socket: MutuaSocket, roomId: string) {
    await socket.leave(roomId);
    this.shownIn(socket).delete(roomId);
    await this.deps.presence.remove(roomId, socket.data.principal.userId, socket.id);
    await this.broadcastPresence(roomId, true);
  }

  async show(socket: MutuaSocket, roomId: string, update: Partial<Shown>) {
    this.requireJoined(socket, roomId);
    const shown = this.shownIn(socket);
    const next = { ...(shown.get(roomId) ?? { status: 'online', focusedCardId: null }), ...update };
    shown.set(roomId, next);
    const { userId } = socket.data.principal;
    await this.deps.presence.put({ roomId, userId, connId: socket.id, ...next });
    // A heartbeat that changes nothing the room shows is not announced again.
    await this.broadcastPresence(roomId);
  }

  /** A dropped connection: `reconnecting` now, gone after the grace period unless back. */
  async disconnected(socket: MutuaSocket, rooms: string[]) {
    const { userId } = socket.data.principal;
    for (const roomId of rooms) {
      await this.deps.presence.drop(roomId, userId, socket.id);
      await this.broadcastPresence(roomId, true);
      if (this.closed) continue;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.broadcastPresence(roomId).catch(() => undefined);
      }, this.deps.options.graceMs + 50);
      timer.unref();
      this.timers.add(timer);
    }
  }

  /**
   * Removes her from a live room on every process: her sockets leave it within a second
   * and get `room:evicted`. Safe to call for someone who never was in the room.
   */
  async evictMember(roomId: string, userId: string) {
    await this.evictLocal(roomId, userId);
    if (this.deps.clustered) this.deps.io.serverSideEmit('live:evicted', roomId, userId);
    const { people } = await this.deps.presence.list(roomId);
    if (!people.some((p) => p.userId === userId)) return;
    await this.deps.presence.removeUser(roomId, userId);
    await this.broadcastPresence(roomId, true);
  }

  private async evictLocal(roomId: string, userId: string) {
    const sockets = await this.deps.io.in(personChannel(userId)).local.fetchSockets();
    for (const s of sockets.filter((x) => x.rooms.has(roomId))) {
      s.emit('room:evicted', { roomId, reason: 'removed' });
      s.leave(roomId);
      await this.deps.presence.remove(roomId, userId, s.id);
    }
  }

  /** Sends the room's presence to everyone in it when it changed (or always, if forced). */
  async broadcastPresence(roomId: string, force = false) {
    const list = await this.deps.presence.list(roomId);
    const signature = JSON.stringify([
      list.degraded,
      list.people.map((p) => [p.userId, p.status, p.focusedCardId]),
    ]);
    const presence = { roomId, ...list, serverTime: Date.now() };
    if (force || this.lastSent.get(roomId) !== signature) {
      this.lastSent.set(roomId, signature);
      this.deps.io.to(roomId).emit('presence:changed', presence);
    }
    return presence;
  }

  /** Every heartbeat: refresh this process's entries, announce lapses and outages. */
  private async tick() {
    try {
      await this.deps.presence.heartbeat();
      const rooms = this.deps.io.sockets.adapter.rooms;
      for (const roomId of this.lastSent.keys()) {
        if (rooms.has(roomId)) await this.broadcastPresence(roomId);
        else this.lastSent.delete(roomId);
      }
    } catch (err) {
      this.deps.logger.warn({ err }, 'presence heartbeat failed');
    }
  }

  private shownIn(socket: MutuaSocket) {
    let shown = this.shown.get(socket);
    if (!shown) this.shown.set(socket, (shown = new Map()));
    return shown;
  }

  async close() {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const timer of this.timers) clearTimeout(timer);
    await this.deps.presence.close();
  }
}
