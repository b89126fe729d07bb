import type { Socket } from 'socket.io-client';
import type { WebsocketProvider } from 'y-websocket';
import { CLOSE_CODES } from '../../shared/errors';
import { RESTART_RETRY_MS } from '../../shared/protocol';

/** Backoff ceilings for ordinary drops (a phone between cells, a flaky link). */
export const BOARD_MAX_BACKOFF_MS = 5_000;
export const LIVE_MAX_BACKOFF_MS = 5_000;
const LIVE_FIRST_DELAY_MS = 1_000;

/**
 * A deploy closes the board socket with 1012 ("restarting"): the server will be back in
 * seconds, so retry every `RESTART_RETRY_MS` instead of backing off towards 5 s, until the
 * board is synced again. Other closes keep the normal exponential backoff.
 */
export function retryQuicklyAfterRestart(provider: WebsocketProvider): void {
  provider.on('connection-close', (event: { code: number } | null) => {
    if (event?.code === CLOSE_CODES.restarting) provider.maxBackoffTime = RESTART_RETRY_MS;
  });
  provider.on('sync', (synced: boolean) => {
    if (synced) provider.maxBackoffTime = BOARD_MAX_BACKOFF_MS;
  });
}

/** The same for the live connection, told by `system:restarting` before its socket closes. */
export function retryLiveQuicklyAfterRestart(socket: Socket): void {
  socket.on('system:restarting', () => {
    socket.io.reconnectionDelay(RESTART_RETRY_MS);
    socket.io.reconnectionDelayMax(RESTART_RETRY_MS);
  });
  socket.on('connect', () => {
    socket.io.reconnectionDelay(LIVE_FIRST_DELAY_MS);
    socket.io.reconnectionDelayMax(LIVE_MAX_BACKOFF_MS);
  });
}
