import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { io as connect } from 'socket.io-client';
import { invitationRoutes, roomRoutes } from '../../../shared/api';
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import { SqlBoardStore } from '../../../server/boards/sql-board-store';
import { api } from '../../helpers/api';
import { createPairRoom } from '../../helpers/people';
import { createTempDatabase, type TempDatabase } from '../../helpers/postgres';
import { startServer, type TestServer } from '../../helpers/server';
import { once } from '../../helpers/wait';

let database: TempDatabase;
let server: TestServer;

beforeAll(async () => {
  database = await createTempDatabase();
  server = await startServer({ DATABASE_URL: database.url });
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('the whole server on PostgreSQL', () => {
  it('runs its migrations and keeps invitations single-use under twenty concurrent redemptions', async () => {
    expect(server.mutua.store.dialect).toBe('postgres');
    const { facilitator, programId } = await createPairRoom(server.mutua);
    const created = await api(server.url, invitationRoutes.createInvitation, {
      cookie: facilitator.cookie,
      body: { programId, role: 'participant' },
    });
    const token = new URLSearchParams(created.body.link.split('#')[1]).get('token')!;
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api(server.url, invitationRoutes.acceptInvitation, {
          body: {
            token,
            account: {
              displayName: `P${i}`,
              email: `pg-${i}@example.org`,
              password: 'a long enough password',
              locale: 'fr',
            },
          },
        }),
      ),
    );
    expect(attempts.filter((a) => a.status === 200)).toHaveLength(1);
  });

  it('stores chat and board edits, and lists rooms', async () => {
    const { a, b, roomId, boardId } = await createPairRoom(server.mutua);
    expect(
      (await api(server.url, roomRoutes.listMyRooms, { cookie: a.cookie })).body.rooms,
    ).toHaveLength(1);
    const socket = connect(server.url, {
      transports: ['websocket'],
      reconnection: false,
      auth: { protocol: PROTOCOL_VERSION },
      extraHeaders: { origin: server.origin, cookie: b.cookie },
    });
    await once(socket, 'connect');
    expect(((await socket.emitWithAck('room:join', { roomId })) as { ok: boolean }).ok).toBe(true);
    // Sent twice under one client id, at once: stored once, both answered with it.
    const send = () =>
      socket.emitWithAck('chat:send', {
        roomId,
        text: 'hola desde PostgreSQL',
        clientMessageId: 'pg-chat-message-0001',
      }) as Promise<{ ok: boolean; data: { id: number } }>;
    const [sent, again] = await Promise.all([send(), send()]);
    expect(sent.ok).toBe(true);
    expect(again).toEqual(sent);
    const history = (await socket.emitWithAck('chat:history', { roomId, limit: 10 })) as {
      ok: true;
      data: { messages: { text: string }[] };
    };
    expect(history.data.messages.map((m) => m.text)).toEqual(['hola desde PostgreSQL']);
    socket.close();

    const boards = new SqlBoardStore(server.mutua.store);
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'bytea round trip');
    await boards.append(boardId, [Y.encodeStateAsUpdate(doc)]);
    const loaded = await boards.load(boardId);
    const copy = new Y.Doc();
    for (const update of loaded!.updates) Y.applyUpdate(copy, update);
    expect(copy.getText('t').toString()).toBe('bytea round trip');
  });
});
