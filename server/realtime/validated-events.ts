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

/**
 * Registers a client event whose payload passes its shared schema before the handler
 * runs. Every outcome reaches the client in the ack as `{ ok, data }` or `{ ok: false, code }`;
 * the socket lives on after a bad payload.
 */
export function onValidated<E extends ClientEventName>(
  socket: MutuaSocket,
  event: E,
  budget: EventBudget,
  logger: Logger,
  handler: EventHandler<E>,
) {
  const schema = clientEventSchemas[event] as z.ZodType;
  const listener = async (payload: unknown, ack: unknown) => {
    const reply =
      typeof ack === 'function' ? (ack as (r: AckResult<unknown>) => void) : () => undefined;
    if (!budget.take()) {
      reply({ ok: false, code: 'rate_limited', message: 'Too many messages; slow down.' });
      return;
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      reply({
        ok: false,
        code: 'validation_failed',
        message: parsed.error.issues[0]?.message ?? 'invalid',
      });
      return;
    }
    try {
      const data = await handler(parsed.data as PayloadOf<E>, socket);
      reply({ ok: true, data });
    } catch (err) {
      if (err instanceof AppError) {
        reply({ ok: false, code: err.code, message: err.message });
        return;
      }
      logger.error({ err, event }, 'socket event failed');
      reply({ ok: false, code: 'internal', message: 'Something went wrong on our side.' });
    }
  };
  // The typed `on` cannot express "any payload until validated"; the cast is the edge.
  (socket as unknown as { on(e: string, l: (p: unknown, a: unknown) => void): void }).on(
    event,
    listener,
  );
}
