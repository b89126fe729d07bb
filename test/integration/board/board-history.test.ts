import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoutes } from '../../../shared/api';
import { addCard, editText, initBoard, readBoard } from '../../../shared/board';
import { BoardHistory } from '../../../server/boards/board-history';
import { SqlBoardStore } from '../../../server/boards/sql-board-store';
import { api } from '../../helpers/api';
import { createPairRoom, createPerson } from '../../helpers/people';
import { startServer, type TestServer } from '../../helpers/server';
import { once } from '../../helpers/wait';
import { openProvider } from './board-clients';

let server: TestServer;
let pair: Awaited<ReturnType<typeof createPairRoom>>;

beforeAll(async () => {
  server = await startServer();
  pair = await createPairRoom(server.mutua);
});
afterAll(() => server.stop());

async function editBoard(text: string) {
  const { doc, provider } = openProvider(server.url, pair.boardId, pair.a.token);
  const partner = openProvider(server.url, pair.boardId, pair.b.token);
  await Promise.all([once(provider, 'sync'), once(partner.provider, 'sync')]);
  initBoard(
    doc,
    { title: 'Amina & Sofía', kind: 'pair', owners: [pair.a.userId, pair.b.userId] },
    'a',
  );
  const existing = Object.keys(readBoard(doc).cards)[0];
  const id =
    existing ?? addCard(doc, { kind: 'goal', author: pair.a.userId, text: '', lang: 'fr' }, 'a');
  editText(doc, id, text, 'a');
  // Her partner seeing it means it is stored.
  await expect.poll(() => readBoard(partner.doc).cards[id]?.text).toBe(text);
  provider.destroy();
  partner.provider.destroy();
  return id;
}

describe('board history and export', () => {
  it('stores a named snapshot for a member and opens it later, unchanged by newer edits', async () => {
    const id = await editBoard('First session goal');
    const taken = await api(server.url, boardRoutes.takeSnapshot, {
      token: pair.b.token,
      params: { boardId: pair.boardId },
      body: { name: 'Session 1' },
    });
    expect(taken.status).toBe(201);
    await editBoard('Second session goal');

    const list = await api(server.url, boardRoutes.listSnapshots, {
      token: pair.a.token,
      params: { boardId: pair.boardId },
    });
    expect(list.body.snapshots.map((s) => s.name)).toEqual(['Session 1']);
    const one = await api(server.url, boardRoutes.getSnapshot, {
      token: pair.a.token,
      params: { boardId: pair.boardId, snapshotId: taken.body.id },
    });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Buffer.from(one.body.update, 'base64'));
    expect(readBoard(doc).cards[id]?.text).toBe('First session goal');
  });

  it('builds the board in stored order, as clients applied it, even with two structs under one id', async () => {
    const boards = new SqlBoardStore(server.mutua.store);
    await boards.create('history-duplicates', 'pair');
    // Two clients under one id and clocks, as a broken one sends them: each edit a row.
    const rowsOf = (edits: Array<[number, string]>) => {
      const doc = new Y.Doc();
      doc.clientID = 77;
      const rows: Uint8Array[] = [];
      doc.on('update', (update: Uint8Array) => rows.push(update));
      for (const [at, text] of edits) doc.getText('t').insert(at, text);
      return rows;
    };
    const rows = [
      ...rowsOf([
        [0, '0'],
        [1, '1'],
        [2, '2'],
      ]),
      ...rowsOf([
        [0, 'xyz'],
        [1, 'w'],
      ]),
    ];
    await boards.append('history-duplicates', rows);
    const inOrder = new Y.Doc();
    rows.forEach((row) => Y.applyUpdate(inOrder, row));
    const merged = new Y.Doc();
    Y.applyUpdate(merged, Y.mergeUpdates(rows));
    // Merging the log would show another board than every client applied.
    expect(merged.getText('t').toString()).not.toBe(inOrder.getText('t').toString());
    const history = new BoardHistory(server.mutua.store, server.mutua.logger);
    const doc = await history.currentDoc('history-duplicates');
    expect(doc.getText('t').toString()).toBe(inOrder.getText('t').toString());
  });

  it('lets the live session store a snapshot by name through BoardHistory.snapshot', async () => {
    const history = new BoardHistory(server.mutua.store, server.mutua.logger);
    const snap = await history.snapshot(pair.boardId, 'Session 2 — 12 March');
    expect(snap.createdBy).toBeNull();
    expect((await history.list(pair.boardId)).map((s) => s.name)).toContain('Session 2 — 12 March');
  });

  it('hides history from a stranger and from a facilitator the pair did not share with', async () => {
    const stranger = await createPerson(server.mutua);
    for (const token of [stranger.token, pair.facilitator.token]) {
      const list = await api(server.url, boardRoutes.listSnapshots, {
        token,
        params: { boardId: pair.boardId },
      });
      expect(list.status).toBe(404);
      const take = await api(server.url, boardRoutes.takeSnapshot, {
        token,
        params: { boardId: pair.boardId },
        body: { name: 'x' },
      });
      expect(take.status).toBe(404);
    }
  });

  it('lets a facilitator the pair shared with read history but not take snapshots or export', async () => {
    await pair.rooms.setSharedWithFacilitators(pair.roomId, true);
    const token = pair.facilitator.token;
    const list = await api(server.url, boardRoutes.listSnapshots, {
      token,
      params: { boardId: pair.boardId },
    });
    expect(list.status).toBe(200);
    const take = await api(server.url, boardRoutes.takeSnapshot, {
      token,
      params: { boardId: pair.boardId },
      body: { name: 'x' },
    });
    expect(take.status).toBe(403);
    const exported = await api(server.url, boardRoutes.exportBoard, {
      token,
      params: { boardId: pair.boardId },
    });
    expect(exported.status).toBe(403);
    await pair.rooms.setSharedWithFacilitators(pair.roomId, false);
  });

  it('exports the board to its members as JSON and Markdown', async () => {
    const res = await api(server.url, boardRoutes.exportBoard, {
      token: pair.a.token,
      params: { boardId: pair.boardId },
    });
    expect(res.status).toBe(200);
    expect(res.body.markdown).toContain('## Goals of Amina');
    expect(res.body.markdown).toContain('Second session goal');
    expect(res.body.board.members.map((m) => m.displayName).sort()).toEqual(['Amina', 'Sofía']);
    const goalOwners = res.body.board.lanes.slice(0, 2).map((l) => l.owner);
    expect(goalOwners.sort()).toEqual([pair.a.userId, pair.b.userId].sort());
  });
});
