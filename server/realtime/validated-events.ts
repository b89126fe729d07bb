import type { z } from 'zod';
import {
  type AckResult,
  type ClientEventName,
  clientEventSchemas,
  type ClientToServerEvents,
} from '../../shared/events';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { MutuaSocket } from './types';

type PayloadOf<E extends ClientEventName> = z.output<(typeof clientEventSchemas)[E]>;
type AckDataOf<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[1] extends (
  result: AckResult<infer T>,
) => void
  ? T
  : never;

export type EventHandler<E extends ClientEventName> = (
  payload: PayloadOf<E>,
  socket: MutuaSocket,
) => Promise<AckDataOf<E>> | AckDataOf<E>;

/** Per-socket token bucket: `perSecond` events a second, bursts up to twice that. */
export class EventBudget {
  private tokens: number;
  private last: number;
  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perSecond * 2;
    this.last = now();
  }
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(
      this.perSecond * 2,
      this.tokens + ((now - this.last) / 1000) * this.perSecond,
    );
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The handlers of client events, keyed by event name; built once and shared by all sockets. */
export type EventTable = { readonly [E in ClientEventName]?: EventHandler<E> };

/**
 * Serves the events of `table` on a socket, each payload passing its shared schema before
 * its handler runs. Every outcome reaches the client in the ack as `{ ok, data }` or
 * `{ ok: false, code }`; the socket lives on after a bad payload. Events not in the table
 * are ignored, as an event without a listener would be.
 *
 * One `onAny` listener per socket instead of one listener per event: with a dozen and a
 * half events, per-event closures made each socket's listener map a dictionary of closures
 * (about a fifth of a live room's memory).
 */
export function serveEvents(
  socket: MutuaSocket,
  table: EventTable,
  budget: EventBudget,
  logger: Logger,
): void {
  socket.onAny((event: string, payload?: unknown, ack?: unknown) => {
    if (!Object.hasOwn(table, event)) return;
    void handleEvent(socket, event as ClientEventName, table, budget, logger, payload, ack);
  });
}

async function handleEvent(
  socket: MutuaSocket,
  event: ClientEventName,
  table: EventTable,
  budget: EventBudget,
  logger: Logger,
  payload: unknown,
  ack: unknown,
): Promise<void> {
  const reply =
    typeof ack === 'function' ? (ack as (r: AckResult<unknown>) => void) : () => undefined;
  if (!budget.take()) {
    reply({ ok: false, code: 'rate_limited', message: 'Too many messages; slow down.' });
    return;
  }
  const schema = clientEventSchemas[event] as z.ZodType;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    reply({
      ok: false,
      code: 'validation_failed',
      message: parsed.error.issues[0]?.message ?? 'invalid',
    });
    return;
  }
  // The table's type ties each event to its handler; looked up by a runtime name, it cannot.
  const handler = table[event] as EventHandler<ClientEventName>;
  try {
    const data = await handler(parsed.data as PayloadOf<ClientEventName>, socket);
    reply({ ok: true, data });
  } catch (err) {
    if (err instanceof AppError) {
      reply({ ok: false, code: err.code, message: err.message });
      return;
    }
    logger.error({ err, event }, 'socket event failed');
    reply({ ok: false, code: 'internal', message: 'Something went wrong on our side.' });
  }
}
