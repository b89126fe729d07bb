import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { SOCKET_IO_PATH, YJS_PATH_PREFIX } from '../../shared/protocol';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** Answers a refused upgrade with a plain HTTP status and closes: not one WebSocket frame. */
export function refuseUpgrade(
  socket: Duplex,
  status: number,
  headers: Record<string, string> = {},
) {
  if (socket.destroyed) return;
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Length: 0',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n`);
}

/**
 * Routes WebSocket upgrades by path. Socket.IO's engine answers its own path through its
 * own listener; `/yjs/<boardId>` goes to the board server; anything else is refused.
 */
export function createUpgradeRouter(yjs: UpgradeHandler): UpgradeHandler {
  return (req, socket, head) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === SOCKET_IO_PATH || path.startsWith(`${SOCKET_IO_PATH}/`)) return;
    if (path.startsWith(YJS_PATH_PREFIX)) {
      yjs(req, socket, head);
      return;
    }
    refuseUpgrade(socket, 404);
  };
}
