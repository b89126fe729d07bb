import { io, type Socket } from 'socket.io-client';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import type { PairRoom } from '../servers/seed';
import type { Target } from '../servers/targets';

/** What one load step counts; participants write into the recorder of the current step. */
export class Recorder {
  latencies: number[] = [];
  sent = 0;
  lost = 0;
  attempts = 0;
  failures = 0;
}

/** One edit as the partner sees it: sender's sequence number and send time (ms). */
interface EditRecord {
  s: number;
  t: number;
}

const SYNC_TIMEOUT_MS = 20_000;
const PRESENCE_EVERY_MS = 5_000;
const CLOCK_EVERY_MS = 10_000;
const TYPED = 'mentoring across continents ';

/**
 * A simulated participant: a Socket.IO connection joined to her room with presence
 * heartbeats (Mutua only), a stock y-websocket provider on the room's board, 2 edits a
 * second (a typed character in her card's text plus a timestamped record in the same
 * transaction) and 1 awareness update a second.
 */
export class Participant {
  readonly doc = new Y.Doc();
  provider: WebsocketProvider | null = null;
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  /** Edits sent and not yet seen by the partner: seq → send time. */
  readonly pending = new Map<number, number>();
  partner: Participant | null = null;
  private seq = 0;
  private timers: NodeJS.Timeout[] = [];
  private closing = false;

  constructor(
    private readonly target: Target,
    private readonly room: PairRoom,
    private readonly seat: 0 | 1,
    private readonly recorder: () => Recorder,
  ) {}

  /** Connects everything; resolves false (and counts a failure) if anything is refused. */
  async connect(): Promise<boolean> {
    const results = await Promise.all([
      this.connectBoard(),
      this.target.socketIo ? this.connectSocket() : Promise.resolve(true),
    ]);
    return results.every(Boolean);
  }

  private connectBoard(): Promise<boolean> {
    const rec = this.recorder();
    rec.attempts++;
    const provider = this.target.openBoard(this.room, this.seat, this.doc);
    this.provider = provider;
    // The partner's edit records arrive here: latency is measured on the observing side.
    this.doc.getArray<EditRecord>(`log-${1 - this.seat}`).observe((event) => {
      const now = performance.now();
      for (const change of event.changes.delta) {
        if (!Array.isArray(change.insert)) continue;
        for (const record of change.insert as EditRecord[]) this.partner?.observed(record, now);
      }
    });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        rec.failures++;
        resolve(false);
      }, SYNC_TIMEOUT_MS);
      provider.once('sync', () => {
        clearTimeout(timer);
        resolve(true);
      });
      provider.on('connection-close', () => {
        if (!this.closing && (provider.synced || provider.wsconnected)) this.recorder().failures++;
      });
    });
  }

  private connectSocket(): Promise<boolean> {
    const rec = this.recorder();
    rec.attempts++;
    const url = this.target.socketUrl?.(this.seat) ?? this.target.url;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      transports: ['websocket'],
      reconnection: false,
      auth: { protocol: PROTOCOL_VERSION, token: this.room.seats[this.seat].token },
    });
    this.socket = socket;
    return new Promise((resolve) => {
      const fail = () => {
        clearTimeout(timer);
        rec.failures++;
        resolve(false);
      };
      const timer = setTimeout(fail, SYNC_TIMEOUT_MS);
      socket.once('connect_error', fail);
      socket.once('connect', () => {
        socket.emit('room:join', { roomId: this.room.roomId }, (result) => {
          if (!result.ok) return fail();
          clearTimeout(timer);
          socket.on('disconnect', () => {
            if (!this.closing) this.recorder().failures++;
          });
          resolve(true);
        });
      });
    });
  }

  /** Starts the edit, awareness and heartbeat timers, each at a random phase. */
  start() {
    const text = this.doc.getText(`card-${this.seat}`);
    const log = this.doc.getArray<EditRecord>(`log-${this.seat}`);
    const every = (ms: number, fn: () => void) => {
      const first = setTimeout(() => {
        fn();
        this.timers.push(setInterval(fn, ms));
      }, Math.random() * ms);
      this.timers.push(first);
    };
    every(500, () => {
      const seq = ++this.seq;
      const sentAt = performance.now();
      this.pending.set(seq, sentAt);
      this.recorder().sent++;
      this.doc.transact(() => {
        text.insert(text.length, TYPED[seq % TYPED.length] ?? ' ');
        log.push([{ s: seq, t: sentAt }]);
      });
    });
    every(1_000, () => {
      this.provider?.awareness.setLocalStateField('cursor', { card: this.seat, at: this.seq });
    });
    if (this.socket) {
      const socket = this.socket;
      const roomId = this.room.roomId;
      every(PRESENCE_EVERY_MS, () => {
        socket.emit('presence:update', { roomId, status: 'online' }, () => undefined);
      });
      every(CLOCK_EVERY_MS, () => {
        socket.emit('clock:sync', { clientTime: Date.now() }, () => undefined);
      });
    }
  }

  /** The partner saw one of this participant's edits. */
  observed(record: EditRecord, now: number) {
    if (this.pending.delete(record.s)) this.recorder().latencies.push(now - record.t);
  }

  /** Counts as lost every edit sent more than `deadlineMs` ago and never seen. */
  sweepLost(deadlineMs: number) {
    const cutoff = performance.now() - deadlineMs;
    for (const [seq, sentAt] of this.pending) {
      if (sentAt < cutoff) {
        this.pending.delete(seq);
        this.recorder().lost++;
      }
    }
  }

  stopActivity() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  close() {
    this.closing = true;
    this.stopActivity();
    this.provider?.destroy();
    this.socket?.close();
    this.doc.destroy();
  }
}
