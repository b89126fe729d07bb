import { once } from 'node:events';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLOSE_CODES } from '../../../shared/errors';
import { createPairRoom } from '../../helpers/people';
import { startScaledOut, type ScaledOut } from '../../helpers/scaled-out';
import type { TestServer } from '../../helpers/server';

// Two servers on one database and one Redis: as two processes behind a balancer, her board
// connection on one and the facilitator's request on the other.
let cluster: ScaledOut;
let one: TestServer;
let two: TestServer;

beforeAll(async () => {
  cluster = await startScaledOut();
  ({ one, two } = cluster);
});
afterAll(() => cluster?.stop());

async function boardSocket(server: TestServer, boardId: string, token: string) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/yjs/${boardId}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await once(ws, 'open');
  return { ws, closed };
}

describe('board access scaled out over Redis', () => {
  it('a removal made on one process closes her board connection on the other', async () => {
    const { roomId, boardId, a, b, facilitator } = await createPairRoom(one.mutua);
    const amina = await boardSocket(two, boardId, a.token);
    const sofia = await boardSocket(two, boardId, b.token);
    const res = await fetch(`${one.url}/api/rooms/${roomId}/members/${a.userId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${facilitator.token}` },
    });
    expect(res.status).toBe(200);
    expect(await amina.closed).toEqual({ code: CLOSE_CODES.forbidden, reason: 'access_removed' });
    // Her partner stays connected.
    expect(sofia.ws.readyState).toBe(WebSocket.OPEN);
    sofia.ws.close();
  });

  it('an archive made on one process closes the writers on the other, who can open it again to read', async () => {
    const { roomId, boardId, a, facilitator } = await createPairRoom(one.mutua);
    const amina = await boardSocket(two, boardId, a.token);
    const res = await fetch(`${one.url}/api/rooms/${roomId}/archive`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${facilitator.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ archived: true }),
    });
    expect(res.status).toBe(200);
    expect(await amina.closed).toEqual({ code: CLOSE_CODES.forbidden, reason: 'archived' });
    const again = await boardSocket(two, boardId, a.token);
    expect(again.ws.readyState).toBe(WebSocket.OPEN);
    again.ws.close();
  });

  it('drops and logs a message from another process whose ids are not ids, and acts on the next one', async () => {
    const { roomId, boardId, a, facilitator } = await createPairRoom(one.mutua);
    const amina = await boardSocket(two, boardId, a.token);
    const warned = vi.spyOn(two.mutua.logger, 'warn');
    one.mutua.io.serverSideEmit('board:access-removed', boardId, [a.userId] as unknown as string);
    one.mutua.io.serverSideEmit('board:archived', 42 as unknown as string);
    await expect
      .poll(() => warned.mock.calls.map((call) => call.at(-1)))
      .toEqual([
        'board:access-removed from another process without valid ids; dropped',
        'board:archived from another process without a valid id; dropped',
      ]);
    warned.mockRestore();
    expect(amina.ws.readyState).toBe(WebSocket.OPEN);
    const res = await fetch(`${one.url}/api/rooms/${roomId}/members/${a.userId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${facilitator.token}` },
    });
    expect(res.status).toBe(200);
    // The valid message after the invalid ones still arrives and is the one that closes her.
    expect(await amina.closed).toEqual({ code: CLOSE_CODES.forbidden, reason: 'access_removed' });
  });
});
