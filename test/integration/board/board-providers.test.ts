import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { addCard, editText, initBoard, readBoard } from '../../../shared/board';
import { createPairRoom } from '../../helpers/people';
import { startServer, type TestServer } from '../../helpers/server';
import { once } from '../../helpers/wait';
import { openProvider } from './board-clients';

let server: TestServer;
let pair: Awaited<ReturnType<typeof createPairRoom>>;
let stranger: Awaited<ReturnType<typeof createPairRoom>>;

beforeAll(async () => {
  server = await startServer();
  pair = await createPairRoom(server.mutua);
  stranger = await createPairRoom(server.mutua);
});
afterAll(() => server.stop());

/** Opens a raw socket and records every frame it gets before it ends. */
async function rawAttempt(headers: Record<string, string>, boardId = pair.boardId) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/yjs/${boardId}`, { headers });
  const frames: Buffer[] = [];
  ws.on('message', (data: Buffer) => frames.push(data));
  const status = await new Promise<number>((resolve) => {
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('open', () => resolve(101));
    ws.on('error', () => resolve(-1));
  });
  ws.terminate();
  return { status, frames };
}

describe('the board over stock y-websocket providers', () => {
  it('lets both women of a pair co-edit one board with their personal API tokens', async () => {
    const a = openProvider(server.url, pair.boardId, pair.a.token);
    const b = openProvider(server.url, pair.boardId, pair.b.token);
    await Promise.all([once(a.provider, 'sync'), once(b.provider, 'sync')]);
    const owners = [pair.a.userId, pair.b.userId];
    initBoard(a.doc, { title: 'Amina & Sofía', kind: 'pair', owners }, 'a');
    const goal = addCard(
      a.doc,
      { kind: 'goal', author: pair.a.userId, text: 'Sell', lang: 'fr' },
      'a',
    );
    await expect.poll(() => readBoard(b.doc).cards[goal]?.text).toBe('Sell');
    editText(b.doc, goal, 'Sell online', 'b');
    await expect.poll(() => readBoard(a.doc).cards[goal]?.text).toBe('Sell online');
    expect(readBoard(a.doc, owners)).toEqual(readBoard(b.doc, owners));
    a.provider.destroy();
    b.provider.destroy();
  });

  it('refuses a connection without credentials before sending any sync message', async () => {
    expect(await rawAttempt({})).toEqual({ status: 401, frames: [] });
  });

  it('refuses a person of another program before sending any sync message, as if the board did not exist', async () => {
    const headers = { authorization: `Bearer ${stranger.a.token}` };
    const attempt = await rawAttempt(headers);
    expect(attempt).toEqual({ status: 404, frames: [] });
    // The same answer as for an id that names no board: the refusal tells her nothing.
    expect(await rawAttempt(headers, 'no-such-board-0000')).toEqual(attempt);
  });

  it('stops a stock provider of another program for good, with its document untouched', async () => {
    const { doc, provider } = openProvider(server.url, pair.boardId, stranger.b.token);
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const errors: unknown[] = [];
    provider.on('connection-error', (e: unknown) => errors.push(e));
    await expect.poll(() => errors.length).toBeGreaterThan(0);
    provider.destroy();
    expect(provider.synced).toBe(false);
    expect(updates).toEqual([]);
  });
});
