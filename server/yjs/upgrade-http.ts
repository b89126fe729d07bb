import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CLOSE_CODES } from '../../shared/errors';
import { YJS_PATH_PREFIX } from '../../shared/protocol';
import type { AuthorizeResult, ResolvedSyncOptions } from './types';

type Refusal = { readonly ok: false; readonly status: number; readonly closeCode: number };

export type BoardPath =
  | { readonly kind: 'not-ours' }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'board'; readonly boardId: string };

/** `/yjs/<boardId>[?query]` → the board id; anything else under `/yjs` is invalid. */
export function parseBoardPath(url: string | undefined, boardIdPattern: RegExp): BoardPath {
  let pathname: string;
  try {
    pathname = new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return { kind: 'not-ours' };
  }
  const root = YJS_PATH_PREFIX.slice(0, -1);
  if (pathname === root) return { kind: 'invalid' };
  if (!pathname.startsWith(YJS_PATH_PREFIX)) return { kind: 'not-ours' };
  let boardId: string;
  try {
    boardId = decodeURIComponent(pathname.slice(YJS_PATH_PREFIX.length));
  } catch {
    return { kind: 'invalid' };
  }
  return boardIdPattern.test(boardId) ? { kind: 'board', boardId } : { kind: 'invalid' };
}

/**
 * Answers a refused upgrade with a plain HTTP response and closes the socket: the client
 * sees a failed handshake with this status and never a WebSocket frame. The body carries
 * the close code for logs and non-browser clients (browsers cannot read it).
 */
export function refuseUpgrade(socket: Duplex, status: number, closeCode: number): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ closeCode });
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    'Connection: close',
    'Content-Type: application/json',
    `Content-Length: ${Buffer.byteLength(body)}`,
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}

/**
 * Everything decided before the upgrade completes, in order: a valid path, not shutting
 * down, an allowed Origin, then `authorize` (bounded by `authorizeTimeoutMs`).
 */
export async function decideUpgrade(
  req: IncomingMessage,
  boardId: string | null,
  options: ResolvedSyncOptions,
  isClosing: () => boolean,
): Promise<AuthorizeResult | Refusal> {
  if (boardId === null) return { ok: false, status: 400, closeCode: CLOSE_CODES.badRequest };
  const restarting: Refusal = { ok: false, status: 503, closeCode: CLOSE_CODES.restarting };
  if (isClosing()) return restarting;
  if (!options.isOriginAllowed(req.headers.origin)) {
    return { ok: false, status: 403, closeCode: CLOSE_CODES.forbidden };
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Refusal>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, status: 503, closeCode: CLOSE_CODES.internal }),
      options.authorizeTimeoutMs,
    );
  });
  try {
    const result = await Promise.race([options.authorize(req, boardId), timeout]);
    return isClosing() ? restarting : result;
  } finally {
    clearTimeout(timer);
  }
}
