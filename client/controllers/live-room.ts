import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  Balance,
  ChatMessage,
  SessionRecord,
  TurnPlan,
  MentoringSessionState,
  PersonPresence,
  RoomSnapshot,
} from '../../shared/schemas/live';
import type { LiveConnection, LiveSocket } from './live-connection';

const IDLE_AFTER_MS = 60_000;
type Status = 'online' | 'idle' | 'away';

/**
 * One live room on the page's Socket.IO connection: joins it (again after every
 * reconnect, asking only for the chat messages it missed), keeps members, presence, the
 * mentoring session and chat, and reports her own presence (idle after a minute without
 * input, away while the tab is hidden).
 */
/** How long a chat message waits for the server's answer before she is told. */
const CHAT_ANSWER_MS = 10_000;
/** A tap that waited longer than this for the room to be joined again is not sent. */
const STALE_TAP_MS = 15_000;

interface Waiting {
  send: (socket: LiveSocket) => void;
  at: number;
}

/** A new client id for a chat message: 128 random bits (works outside secure contexts too). */
export function newChatMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class LiveRoom implements ReactiveController {
  snapshot: RoomSnapshot | null = null;
  presence = new Map<string, PersonPresence>();
  degraded = false;
  session: MentoringSessionState | null = null;
  messages: ChatMessage[] = [];
  hasOlder = false;
  evicted = false;
  error: string | null = null;
  private status: Status = 'online';
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private socket: LiveSocket | null = null;
  /** Joined on the socket's current connection: room events may go out. */
  private joined = false;
  /** Room events asked for while (re)joining, by what they do: sent, in order, once joined. */
  private waiting = new Map<string, Waiting>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly live: () => LiveConnection,
    private readonly roomId: () => string,
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.socket = this.live().socket;
    const socket = this.socket;
    if (!socket) return;
    socket.on('connect', this.join);
    socket.on('disconnect', this.onDisconnect);
    socket.on('presence:changed', this.onPresence);
    socket.on('chat:message', this.onMessage);
    socket.on('session:state', this.onSession);
    socket.on('room:evicted', this.onEvicted);
    if (socket.connected) this.join();
    document.addEventListener('visibilitychange', this.onActivity);
    for (const name of ['pointerdown', 'keydown'] as const)
      document.addEventListener(name, this.onActivity);
  }

  hostDisconnected() {
    const socket = this.socket;
    if (socket) {
      socket.off('connect', this.join);
      socket.off('disconnect', this.onDisconnect);
      socket.off('presence:changed', this.onPresence);
      socket.off('chat:message', this.onMessage);
      socket.off('session:state', this.onSession);
      socket.off('room:evicted', this.onEvicted);
      if (socket.connected) socket.emit('room:leave', { roomId: this.roomId() }, () => undefined);
    }
    this.joined = false;
    this.waiting.clear();
    clearTimeout(this.idleTimer);
    document.removeEventListener('visibilitychange', this.onActivity);
    for (const name of ['pointerdown', 'keydown'] as const)
      document.removeEventListener(name, this.onActivity);
  }

  get serverNow() {
    return Date.now() + this.live().clockOffsetMs;
  }

  private readonly sessionReply = (
    result: { ok: true; data: MentoringSessionState } | { ok: false; message: string },
  ) => {
    if (result.ok) this.onSession(result.data);
    else this.fail(result.message);
  };

  command(
    event: 'session:next' | 'session:swap' | 'session:pause' | 'session:resume' | 'session:end',
  ) {
    this.whenJoined(event, (socket) =>
      socket.emit(event, { roomId: this.roomId() }, this.sessionReply),
    );
  }

  start(agenda: TurnPlan[], defaultMinutes: number) {
    this.whenJoined('session:start', (socket) =>
      socket.emit(
        'session:start',
        { roomId: this.roomId(), agenda, defaultMinutes },
        this.sessionReply,
      ),
    );
  }

  extend(minutes: number) {
    this.whenJoined('session:extend', (socket) =>
      socket.emit('session:extend', { roomId: this.roomId(), minutes }, this.sessionReply),
    );
  }

  giveFloor(userId: string) {
    this.whenJoined(`session:give-floor:${userId}`, (socket) =>
      socket.emit('session:give-floor', { roomId: this.roomId(), userId }, this.sessionReply),
    );
  }

  raiseHand(raised: boolean) {
    this.whenJoined('session:raise-hand', (socket) =>
      socket.emit('session:raise-hand', { roomId: this.roomId(), raised }, this.sessionReply),
    );
  }

  history(): Promise<SessionRecord[]> {
    return new Promise((resolve) => {
      if (!this.socket) return resolve([]);
      this.socket.emit('session:history', { roomId: this.roomId(), limit: 10 }, (result) =>
        resolve(result.ok ? result.data.sessions : []),
      );
    });
  }

  balance(scope: 'session' | 'program'): Promise<Balance | null> {
    return new Promise((resolve) => {
      if (!this.socket) return resolve(null);
      this.socket.emit('session:balance', { roomId: this.roomId(), scope }, (result) =>
        resolve(result.ok ? result.data : null),
      );
    });
  }

  /**
   * Sends a message under her client's id for it (`newChatMessageId`). `unanswered`: no answer
   * within `CHAT_ANSWER_MS` (a slow or dropped link); it may still arrive and be stored, so
   * a second send must reuse the id, and the server stores it once.
   */
  sendChat(text: string, clientMessageId: string): Promise<'sent' | 'refused' | 'unanswered'> {
    return new Promise((resolve) => {
      if (!this.socket) return resolve('unanswered');
      // From now, whether it went out at once or waits for the room to be joined again.
      const late = setTimeout(() => resolve('unanswered'), CHAT_ANSWER_MS);
      this.whenJoined(`chat:send:${clientMessageId}`, (socket) =>
        socket.emit('chat:send', { roomId: this.roomId(), text, clientMessageId }, (result) => {
          clearTimeout(late);
          if (result.ok) this.onMessage(result.data);
          else this.fail(result.message);
          resolve(result.ok ? 'sent' : 'refused');
        }),
      );
    });
  }

  loadOlder() {
    const before = this.messages[0]?.id;
    this.socket?.emit('chat:history', { roomId: this.roomId(), before, limit: 50 }, (result) => {
      if (!result.ok) return this.fail(result.message);
      this.messages = [...result.data.messages, ...this.messages];
      this.hasOlder = result.data.hasMore;
      this.host.requestUpdate();
    });
  }

  /**
   * Sends a room event now if the room is joined on this connection, else right after the
   * join: a tap made while the link was down is not sent ahead of the join (Socket.IO would
   * flush it first on reconnect, and the server would refuse it as not joined). Taps that
   * do the same thing while waiting count once ("Next turn" pressed again because nothing
   * happened), and one older than `STALE_TAP_MS` by the time of the join is dropped.
   */
  private whenJoined(what: string, send: (socket: LiveSocket) => void) {
    const socket = this.socket;
    if (!socket) return;
    if (this.joined && socket.connected) send(socket);
    else if (!this.waiting.has(what)) this.waiting.set(what, { send, at: Date.now() });
  }

  private sendWaiting(socket: LiveSocket) {
    const now = Date.now();
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const { send, at } of waiting) if (now - at <= STALE_TAP_MS) send(socket);
  }

  private readonly onDisconnect = () => {
    this.joined = false;
  };

  private fail(message: string) {
    this.error = message;
    this.host.requestUpdate();
  }

  private readonly join = () => {
    const lastMessageId = this.messages.at(-1)?.id;
    this.socket?.emit('room:join', { roomId: this.roomId(), lastMessageId }, (result) => {
      if (!result.ok) {
        // Not in the room any more: nothing that waited for it is to be sent.
        this.waiting.clear();
        return this.fail(result.message);
      }
      const snap = result.data;
      this.snapshot = snap;
      this.onPresence(snap.presence);
      this.session = snap.session;
      // On catch-up the server sends only what we missed; otherwise the latest page.
      this.messages = lastMessageId
        ? [...this.messages, ...snap.chat.messages]
        : snap.chat.messages;
      if (!lastMessageId) this.hasOlder = snap.chat.hasMore;
      this.error = null;
      this.sendStatus(document.hidden ? 'away' : 'online');
      this.joined = true;
      if (this.socket) this.sendWaiting(this.socket);
      this.host.requestUpdate();
    });
  };

  private readonly onPresence = (presence: RoomSnapshot['presence']) => {
    if (presence.roomId !== this.roomId()) return;
    this.presence = new Map(presence.people.map((p) => [p.userId, p]));
    this.degraded = presence.degraded;
    this.host.requestUpdate();
  };

  private readonly onMessage = (message: ChatMessage) => {
    if (message.roomId !== this.roomId() || this.messages.some((m) => m.id === message.id)) return;
    this.messages = [...this.messages, message];
    this.host.requestUpdate();
  };

  private readonly onSession = (session: MentoringSessionState) => {
    if (session.roomId !== this.roomId()) return;
    if (this.session && this.session.id === session.id && this.session.version > session.version)
      return;
    this.session = session;
    this.host.requestUpdate();
  };

  private readonly onEvicted = (payload: { roomId: string }) => {
    if (payload.roomId !== this.roomId()) return;
    this.evicted = true;
    this.host.requestUpdate();
  };

  private readonly onActivity = () => {
    clearTimeout(this.idleTimer);
    if (document.hidden) return this.sendStatus('away');
    this.sendStatus('online');
    this.idleTimer = setTimeout(() => this.sendStatus('idle'), IDLE_AFTER_MS);
  };

  private sendStatus(status: Status) {
    if (status === this.status && this.snapshot) return;
    this.status = status;
    this.socket?.emit('presence:update', { roomId: this.roomId(), status }, () => undefined);
  }
}
