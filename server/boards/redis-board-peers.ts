import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import { closeRedis, type RedisConnection } from '../presence/redis-connection';
import type { BoardPeerHandlers, BoardPeers } from '../yjs';

const CHANNEL_PREFIX = 'mutua:board:';

interface Joined {
  readonly handlers: BoardPeerHandlers;
  /** Ours alone: `leave` removes this listener, not one a later `join` added meanwhile. */
  readonly listener: (message: Buffer) => void;
  /** The SUBSCRIBE was answered; from then on, every reconnection is a resumption. */
  active: boolean;
  /** A SUBSCRIBE is on its way (a refused one is sent again when Redis is back). */
  subscribing: boolean;
}

/**
 * The bus between processes serving the same boards, over Redis pub/sub: one channel per
 * loaded board (`mutua:board:<boardId>`), binary messages. Publishing goes through the
 * shared connection, which has no offline queue: during an outage a publish fails at once
 * and the board's link says so when the bus is back. Subscriptions have a connection of
 * their own, with an offline queue: a board joined during an outage subscribes when Redis
 * returns. The client subscribes again by itself after a reconnection, before it reports
 * `ready`; every board is then told it resumed, and reads back from the store what it may
 * have missed.
 */
export class RedisBoardPeers implements BoardPeers {
  readonly originId = randomUUID();
  private readonly joined = new Map<string, Joined>();
  private readonly subscriber: RedisConnection;
  private readyBefore = false;
  private closed = false;

  constructor(
    private readonly publisher: RedisConnection,
    private readonly logger: Logger,
  ) {
    this.subscriber = publisher.duplicate({ disableOfflineQueue: false });
    let reported = false;
    this.subscriber.on('error', (err: Error) => {
      if (!reported) logger.warn({ err: err.message }, 'board bus unavailable; retrying');
      reported = true;
    });
    this.subscriber.on('ready', () => {
      reported = false;
      if (this.readyBefore) this.resumeAll();
      this.readyBefore = true;
    });
    this.subscriber.connect().catch((err: Error) => {
      logger.warn({ err: err.message }, 'board bus connection given up');
    });
  }

  join(boardId: string, handlers: BoardPeerHandlers): void {
    if (this.closed) return;
    const entry: Joined = {
      handlers,
      listener: (message) => handlers.message(message),
      active: false,
      subscribing: false,
    };
    this.joined.set(boardId, entry);
    this.subscribe(boardId, entry);
  }

  leave(boardId: string): void {
    const entry = this.joined.get(boardId);
    if (entry === undefined) return;
    this.joined.delete(boardId);
    if (this.closed) return;
    // With its listener: an unsubscribe without one would, once answered, also drop the
    // listener of a join of the same board made while it was on its way.
    this.subscriber
      .unsubscribe(CHANNEL_PREFIX + boardId, entry.listener, true)
      .catch(() => undefined);
  }

  async publish(boardId: string, message: Uint8Array): Promise<boolean> {
    if (this.closed || !this.publisher.isReady) return false;
    try {
      await this.publisher.publish(
        CHANNEL_PREFIX + boardId,
        Buffer.from(message.buffer, message.byteOffset, message.byteLength),
      );
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.joined.clear();
    await closeRedis(this.subscriber);
  }

  private subscribe(boardId: string, entry: Joined): void {
    entry.subscribing = true;
    this.subscriber.subscribe(CHANNEL_PREFIX + boardId, entry.listener, true).then(
      () => {
        entry.subscribing = false;
        if (this.joined.get(boardId) !== entry) return;
        entry.active = true;
        entry.handlers.resumed();
      },
      (err: Error) => {
        // The connection dropped with the SUBSCRIBE in flight: sent again on `ready`.
        entry.subscribing = false;
        this.logger.warn({ err: err.message, boardId }, 'board bus subscribe failed; will retry');
      },
    );
  }

  /** Back after an outage: the client subscribed again; boards it had not are sent now. */
  private resumeAll(): void {
    for (const [boardId, entry] of this.joined) {
      if (!entry.active) {
        if (!entry.subscribing) this.subscribe(boardId, entry);
        continue;
      }
      try {
        entry.handlers.resumed();
      } catch (error) {
        this.logger.error({ err: error }, 'board bus resume failed');
      }
    }
  }
}
