import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';
import { PROTOCOL_VERSION, SOCKET_IO_PATH } from '../../shared/protocol';
import { retryLiveQuicklyAfterRestart } from './restart-retry';

export type LiveState =
  'idle' | 'connecting' | 'connected' | 'offline' | 'restarting' | 'reload' | 'signed-out';
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The one Socket.IO connection of the page. Reconnects by itself; a protocol mismatch
 * asks her to reload instead of retrying forever. Also keeps an estimate of the offset
 * between her clock and the server's, for shared timers.
 */
export class LiveConnection implements ReactiveController {
  state: LiveState = 'idle';
  socket: LiveSocket | null = null;
  /** serverTime ≈ Date.now() + clockOffsetMs */
  clockOffsetMs = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  connect() {
    if (this.socket) return;
    this.set('connecting');
    const socket: LiveSocket = io({
      path: SOCKET_IO_PATH,
      auth: { protocol: PROTOCOL_VERSION },
      transports: ['websocket', 'polling'],
      withCredentials: true,
    });
    retryLiveQuicklyAfterRestart(socket);
    socket.on('connect', () => {
      this.set('connected');
      this.syncClock();
    });
    socket.on('disconnect', () => {
      if (this.state !== 'restarting') this.set('offline');
    });
    socket.on('system:restarting', () => this.set('restarting'));
    socket.on('system:signed-out', () => {
      this.set('signed-out');
      socket.disconnect();
    });
    socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      const code = err.data?.code;
      if (code === 'protocol_mismatch') {
        this.set('reload');
        socket.disconnect();
      } else if (code === 'unauthenticated') {
        this.set('signed-out');
        socket.disconnect();
      } else if (this.state !== 'restarting') {
        this.set('offline');
      }
    });
    this.socket = socket;
  }

  disconnect() {
    this.socket?.disconnect();
    this.socket = null;
    this.set('idle');
  }

  hostDisconnected() {
    this.disconnect();
  }

  private syncClock() {
    const sentAt = Date.now();
    this.socket?.emit('clock:sync', { clientTime: sentAt }, (result) => {
      if (!result.ok) return;
      const receivedAt = Date.now();
      this.clockOffsetMs = result.data.serverTime - (sentAt + receivedAt) / 2;
    });
  }

  private set(state: LiveState) {
    this.state = state;
    this.host.requestUpdate();
  }
}
