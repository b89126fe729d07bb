import WebSocket from 'ws';
import { boardRoutes, programRoutes, roomRoutes } from '../../shared/api';
import { CLOSE_CODES } from '../../shared/errors';
import { api } from '../helpers/api';
import { createPairRoom } from '../helpers/people';
import type { TestServer } from '../helpers/server';
import { rawUpgrade } from '../helpers/upgrade';
import { once } from '../helpers/wait';
import { connection, headersFor, socketFor } from './authorization-paths';
import type { AttemptLog } from './attempt-log';

/** How long a removed member's open connections may outlive her removal. */
export const CUT_OFF_TARGET_MS = 1_000;
/** How long the probe waits for the cut before calling it missed. */
const CUT_OFF_WAIT_MS = 5_000;

/**
 * A member removed from the program while connected to her live room and her board: both
 * connections must end (within a second: the returned time, the slower of the two cuts, or
 * the wait's limit when one never came), and nothing may let her back in.
 */
export async function probeRemovedMember(server: TestServer, log: AttemptLog): Promise<number> {
  const { url, mutua } = server;
  const { facilitator, a, roomId, boardId, programId } = await createPairRoom(mutua);
  const who = 'a member removed while connected';
  const socket = socketFor(url, { cookie: a.cookie });
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/yjs/${boardId}`, {
    headers: { authorization: `Bearer ${a.token}` },
  });
  const opened = once(ws, 'open');
  try {
    const refused = await connection(socket);
    if (refused !== null) throw new Error(`removal probe: the member was refused: ${refused}`);
    const joined = (await socket.emitWithAck('room:join', { roomId })) as { ok: boolean };
    if (!joined.ok) throw new Error('removal probe: the member could not join her room');
    await opened;

    const removedAt = performance.now();
    const evicted = once<{ roomId: string }>(socket, 'room:evicted', CUT_OFF_WAIT_MS).then(
      () => performance.now() - removedAt,
      () => null,
    );
    const closed = new Promise<{ code: number; ms: number } | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), CUT_OFF_WAIT_MS);
      ws.once('close', (code: number) => {
        clearTimeout(timer);
        resolve({ code, ms: performance.now() - removedAt });
      });
    });
    const removal = await api(url, programRoutes.removeMember, {
      cookie: facilitator.cookie,
      params: { programId, userId: a.userId },
    });
    if (removal.status !== 200)
      throw new Error(`removal probe: removal answered ${removal.status}`);
    const evictedMs = await evicted;
    const close = await closed;
    log.add({
      who,
      what: 'Socket.IO live room kept',
      answer: evictedMs === null ? 'not evicted' : `evicted after ${Math.round(evictedMs)} ms`,
      entitled: false,
      gotIn: evictedMs === null,
    });
    log.add({
      who,
      what: 'Yjs board connection kept',
      answer:
        close === null ? 'still open' : `closed ${close.code} after ${Math.round(close.ms)} ms`,
      entitled: false,
      gotIn: close === null || close.code !== CLOSE_CODES.forbidden,
    });

    // Nothing lets her back in: not the socket she still holds, not a new upgrade, not REST.
    const again = (await socket.timeout(5_000).emitWithAck('room:join', { roomId })) as {
      ok: boolean;
      code?: string;
    };
    log.add({
      who,
      what: 'Socket.IO live room, joined again',
      answer: again.ok ? 'ok' : (again.code ?? 'refused'),
      entitled: false,
      gotIn: again.ok,
    });
    const upgrade = await rawUpgrade(url, `/yjs/${boardId}`, headersFor({ cookie: a.cookie }, url));
    log.add({
      who,
      what: 'Yjs board, opened again',
      answer: String(upgrade.status),
      entitled: false,
      gotIn: upgrade.status === 101 || upgrade.frames > 0,
    });
    for (const [what, answer] of [
      ['REST room', await api(url, roomRoutes.getRoom, { cookie: a.cookie, params: { roomId } })],
      [
        'REST snapshots',
        await api(url, boardRoutes.listSnapshots, { cookie: a.cookie, params: { boardId } }),
      ],
    ] as const) {
      log.add({
        who,
        what,
        answer: String(answer.status),
        entitled: false,
        gotIn: answer.status >= 200 && answer.status < 300,
      });
    }
    return Math.max(evictedMs ?? CUT_OFF_WAIT_MS, close?.ms ?? CUT_OFF_WAIT_MS);
  } finally {
    socket.close();
    ws.terminate();
  }
}
