import type { IncomingMessage } from 'node:http';
import { CLOSE_CODES } from '../../shared/errors';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import type { BoardDeps, BoardEndpoint } from '../app';
import { authenticate, readCredentials } from '../http/credentials';
import { AccessPolicy } from '../policy/access-policy';
import { BoardSyncServer } from '../yjs/board-sync-server';
import type { Principal } from '../auth/principal';
import type { BoardUpdateStore } from '../yjs/board-store';
import type { AuthorizeResult, BoardPrincipal } from '../yjs/types';
import { RedisBoardPeers } from './redis-board-peers';
import { SqlBoardStore } from './sql-board-store';

/** Cursor colours with at least 4.5:1 contrast on white, picked by person. */
const COLORS = [
  '#7a2e5b',
  '#1a5fb4',
  '#1e6b3a',
  '#a4161a',
  '#8a4b00',
  '#5b3fa8',
  '#0b6e75',
  '#9c2f6b',
];

export function colorFor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length] ?? COLORS[0]!;
}

/**
 * `/yjs/<boardId>`: the same credentials as REST and Socket.IO, the same access policy,
 * decided before the upgrade. A client may pass `?protocol=N` (then it also receives save
 * notices); a stock provider that passes nothing is accepted and hears only y-protocols.
 */
export function createYjsEndpoint(
  deps: BoardDeps,
  options: {
    /** Wraps the board store (the benchmark's server without appends, `bench/servers/`). */
    boardStore?: (sql: SqlBoardStore) => BoardUpdateStore;
  } = {},
): BoardEndpoint {
  const policy = new AccessPolicy(deps.store);
  const sql = new SqlBoardStore(deps.store);
  const store = options.boardStore?.(sql) ?? sql;
  // Scaled out, every process relays what the others store to its own connections.
  const peers = deps.redis ? new RedisBoardPeers(deps.redis, deps.logger) : undefined;
  /** The credential each accepted board principal came with, for the credential watch. */
  const credentials = new WeakMap<BoardPrincipal, Pick<Principal, 'via' | 'credentialHash'>>();

  async function authorize(req: IncomingMessage, boardId: string): Promise<AuthorizeResult> {
    const protocol = new URL(req.url ?? '/', 'http://local').searchParams.get('protocol');
    if (protocol !== null && protocol !== String(PROTOCOL_VERSION)) {
      return { ok: false, status: 426, closeCode: CLOSE_CODES.protocolMismatch };
    }
    const principal = await authenticate(deps.auth, readCredentials(req), {
      cookieAllowed: req.headers.origin !== undefined,
    });
    if (!principal) return { ok: false, status: 401, closeCode: CLOSE_CODES.unauthenticated };
    const decision = await policy.boardLevel(principal, boardId);
    if (!decision.ok) {
      return decision.reason === 'not_found'
        ? { ok: false, status: 404, closeCode: CLOSE_CODES.unknownBoard }
        : { ok: false, status: 403, closeCode: CLOSE_CODES.forbidden };
    }
    const boardPrincipal: BoardPrincipal = {
      userId: principal.userId,
      displayName: principal.displayName,
      color: colorFor(principal.userId),
      readOnly: decision.value === 'read',
    };
    credentials.set(boardPrincipal, principal);
    return { ok: true, saveNotices: protocol !== null, principal: boardPrincipal };
  }

  const server = new BoardSyncServer({
    store,
    authorize,
    isOriginAllowed: (origin) => origin === undefined || deps.isOriginAllowed(origin),
    logger: deps.logger,
    unloadAfterMs: deps.unloadAfterMs,
    groupCommitMs: deps.commitWindowMs,
    ...(peers ? { peers } : {}),
    watchConnection: (principal, end) => {
      const { via, credentialHash } = credentials.get(principal)!;
      return deps.credentials.add({ userId: principal.userId, via, credentialHash, end });
    },
  });

  deps.membership.on('removed', ({ boardId, userId }) => server.disconnectUser(boardId, userId));
  deps.membership.on('archived', ({ boardId }) => server.closeWriters(boardId));
  return {
    handleUpgrade: (req, socket, head) => server.handleUpgrade(req, socket, head),
    disconnectUser: (boardId, userId) => void server.disconnectUser(boardId, userId),
    closeWriters: (boardId) => void server.closeWriters(boardId),
    close: async () => {
      await server.close();
      await peers?.close();
    },
    stats: () => ({ boardsLoaded: server.loadedBoardCount, connections: server.connectionCount }),
  };
}
