import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { createPairRoom } from '../../helpers/people';
import { startScaledOut, type ScaledOut } from '../../helpers/scaled-out';
import type { TestServer } from '../../helpers/server';
import { openProvider } from '../board/board-clients';

// Two servers on one database and one private Redis, as two processes behind a balancer
// that does not keep a board's editors together: Amina's board connection is on one,
// Sofia's on the other. Only the bus between the processes (or the store read back after
// an outage) can bring one's edits to the other.
let cluster: ScaledOut;
let one: TestServer;
let two: TestServer;
const open: WebsocketProvider[] = [];

beforeAll(async () => {
  cluster = await startScaledOut();
  ({ one, two } = cluster);
});
afterEach(() => {
  for (const provider of open.splice(0)) provider.destroy();
});
afterAll(() => cluster?.stop());

async function synced(server: TestServer, boardId: string, token: string) {
  const { doc, provider } = openProvider(server.url, boardId, token);
  open.push(provider);
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider };
}

const text = (doc: Y.Doc) => doc.getText('goals').toString();

async function pairOnTwoProcesses() {
  const room = await createPairRoom(one.mutua);
  const amina = await synced(one, room.boardId, room.a.token);
  const sofia = await synced(two, room.boardId, room.b.token);
  return { room, amina, sofia };
}

describe('board edits scaled out over Redis', () => {
  it('relays edits and cursors between partners connected to different processes', async () => {
    const { room, amina, sofia } = await pairOnTwoProcesses();
    amina.doc.getText('goals').insert(0, 'Export to Dakar');
    await expect.poll(() => text(sofia.doc)).toBe('Export to Dakar');
    sofia.doc.getText('goals').insert(0, '¡Sí! ');
    await expect.poll(() => text(amina.doc)).toBe('¡Sí! Export to Dakar');

    // Her cursor crosses too, under the name the first process stamped on it.
    amina.provider.awareness.setLocalStateField('cursor', { card: 'c1', at: 3 });
    await expect
      .poll(() => sofia.provider.awareness.getStates().get(amina.doc.clientID))
      .toMatchObject({ cursor: { card: 'c1', at: 3 }, user: { id: room.a.userId } });

    // Someone who opens the board later on the second process gets everything at once.
    const late = await synced(two, room.boardId, room.a.token);
    expect(text(late.doc)).toBe('¡Sí! Export to Dakar');
  });

  it('shows a partner who opens the board on another process the cursors already there', async () => {
    const room = await createPairRoom(one.mutua);
    const amina = await synced(one, room.boardId, room.a.token);
    amina.provider.awareness.setLocalStateField('cursor', { card: 'c2', at: 1 });
    // The board is not loaded on the second process yet: it asks the first one for them.
    const sofia = await synced(two, room.boardId, room.b.token);
    await expect
      .poll(() => sofia.provider.awareness.getStates().get(amina.doc.clientID))
      .toMatchObject({ cursor: { card: 'c2', at: 1 }, user: { id: room.a.userId } });
  });

  it('Redis dies mid-session: what was written meanwhile reaches the other process once it is back', async () => {
    const { amina, sofia } = await pairOnTwoProcesses();
    amina.doc.getText('goals').insert(0, 'before;');
    await expect.poll(() => text(sofia.doc)).toBe('before;');

    await cluster.redis.kill();
    // Each side goes on writing: stored at once, relayed on its own process.
    amina.doc.getText('goals').insert(text(amina.doc).length, 'amina-offline;');
    sofia.doc.getText('goals').insert(0, 'sofia-offline;');
    await expect.poll(() => text(amina.doc)).toContain('amina-offline;');
    await cluster.redis.restart();

    // Back: each process reads back what the other stored while the bus was down.
    await expect.poll(() => text(sofia.doc), { timeout: 15_000 }).toContain('amina-offline;');
    await expect.poll(() => text(amina.doc), { timeout: 15_000 }).toContain('sofia-offline;');
    expect(text(amina.doc)).toBe(text(sofia.doc));
    // And the bus carries new edits again.
    amina.doc.getText('goals').insert(0, 'after;');
    await expect.poll(() => text(sofia.doc)).toMatch(/^after;/);
  });

  it('drops and logs a bus message that does not decode, and relays the next edit', async () => {
    const { room, amina, sofia } = await pairOnTwoProcesses();
    const warned = vi.spyOn(two.mutua.logger, 'warn');
    const intruder = createClient({ url: cluster.redis.url });
    await intruder.connect();
    try {
      await intruder.publish(`mutua:board:${room.boardId}`, Buffer.from([1, 2, 3, 250]));
      await expect
        .poll(() => warned.mock.calls.map((call) => call.at(-1)))
        .toContain('yjs peer message refused');
    } finally {
      warned.mockRestore();
      await intruder.quit();
    }
    amina.doc.getText('goals').insert(0, 'still here');
    await expect.poll(() => text(sofia.doc)).toBe('still here');
    expect(sofia.provider.wsconnected).toBe(true);
  });
});
