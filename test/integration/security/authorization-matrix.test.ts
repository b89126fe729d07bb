import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { boardRoutes, programRoutes, roomRoutes } from '../../../shared/api';
import { PROTOCOL_VERSION } from '../../../shared/protocol';
import { RoomsService } from '../../../server/rooms/rooms-service';
import { api } from '../../helpers/api';
import { createPairRoom, createPerson } from '../../helpers/people';
import { startServer, type TestServer } from '../../helpers/server';
import { rawUpgrade } from '../../helpers/upgrade';
import { once } from '../../helpers/wait';

let server: TestServer;
let fixture: Awaited<ReturnType<typeof createPairRoom>>;
/** A member present in the room throughout, whose chat is the bait. */
let memberSocket: Socket;

interface Actor {
  name: string;
  cookie?: string;
  token?: string;
}

/** What each actor gets, per path. `ok` means allowed. */
interface Expected {
  rest: number;
  snapshots: number;
  socket: 'ok' | 'unauthenticated' | 'forbidden';
  yjs: number;
}

const actors: { actor: Actor; expected: Expected }[] = [];

beforeAll(async () => {
  server = await startServer();
  fixture = await createPairRoom(server.mutua);
  const rooms = new RoomsService(server.mutua.store);
  const otherFacilitator = await createPerson(server.mutua, { facilitator: true });
  const outsider = await createPerson(server.mutua);
  const otherProgram = await rooms.createProgram(otherFacilitator.userId, {
    name: 'Other',
    description: '',
    languages: ['en'],
    startsOn: null,
    endsOn: null,
  });
  await rooms.addProgramMember(otherProgram, outsider.userId, 'participant');
  const expired = await createPerson(server.mutua);
  await server.mutua.store.db
    .updateTable('auth_sessions')
    .set({ idle_expires_at: Date.now() - 1 })
    .where('user_id', '=', expired.userId)
    .execute();
  const revoked = await createPerson(server.mutua);
  await server.mutua.store.db
    .updateTable('api_tokens')
    .set({ revoked_at: Date.now() })
    .where('user_id', '=', revoked.userId)
    .execute();
  const admin = await createPerson(server.mutua, { admin: true });

  memberSocket = socketFor({ name: 'member', cookie: fixture.b.cookie });
  await once(memberSocket, 'connect');
  expect(
    ((await memberSocket.emitWithAck('room:join', { roomId: fixture.roomId })) as { ok: boolean })
      .ok,
  ).toBe(true);

  const unauth: Expected = { rest: 401, snapshots: 401, socket: 'unauthenticated', yjs: 401 };
  const stranger: Expected = { rest: 404, snapshots: 404, socket: 'forbidden', yjs: 403 };
  actors.push(
    { actor: { name: 'no credentials' }, expected: unauth },
    { actor: { name: 'an expired session', cookie: expired.cookie }, expected: unauth },
    { actor: { name: 'a revoked token', token: revoked.token }, expected: unauth },
    {
      actor: { name: 'a forged cookie', cookie: 'mutua_session=' + 'x'.repeat(43) },
      expected: unauth,
    },
    {
      actor: { name: 'a participant of another program', cookie: outsider.cookie },
      expected: stranger,
    },
    {
      actor: { name: 'a facilitator of another program', cookie: otherFacilitator.cookie },
      expected: stranger,
    },
    {
      actor: { name: 'an admin (metadata only)', cookie: admin.cookie },
      expected: { rest: 200, snapshots: 404, socket: 'forbidden', yjs: 403 },
    },
    {
      actor: {
        name: 'the facilitator, on a pair board not shared with her',
        cookie: fixture.facilitator.cookie,
      },
      expected: { rest: 200, snapshots: 404, socket: 'forbidden', yjs: 403 },
    },
    {
      actor: { name: 'a member, by cookie', cookie: fixture.a.cookie },
      expected: { rest: 200, snapshots: 200, socket: 'ok', yjs: 101 },
    },
    {
      actor: { name: 'a member, by API token', token: fixture.b.token },
      expected: { rest: 200, snapshots: 200, socket: 'ok', yjs: 101 },
    },
  );
});
afterAll(async () => {
  memberSocket?.close();
  await server.stop();
});

function headers(actor: Actor): Record<string, string> {
  const h: Record<string, string> = {};
  if (actor.cookie) {
    h.cookie = actor.cookie;
    h.origin = server.origin;
  }
  if (actor.token) h.authorization = `Bearer ${actor.token}`;
  return h;
}

const yjsUpgrade = (actor: Actor) =>
  rawUpgrade(server.url, `/yjs/${fixture.boardId}`, headers(actor));

function socketFor(actor: Actor): Socket {
  return connect(server.url, {
    transports: ['websocket'],
    reconnection: false,
    auth: { protocol: PROTOCOL_VERSION, ...(actor.token ? { token: actor.token } : {}) },
    extraHeaders: headers(actor),
  });
}

async function socketJoin(
  actor: Actor,
): Promise<{ outcome: Expected['socket']; roomEvents: number }> {
  const socket = socketFor(actor);
  let roomEvents = 0;
  for (const event of ['presence:changed', 'chat:message', 'session:state'])
    socket.on(event, () => (roomEvents += 1));
  try {
    const connected = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    });
    if (!connected) return { outcome: 'unauthenticated', roomEvents };
    const ack = (await socket.emitWithAck('room:join', { roomId: fixture.roomId })) as {
      ok: boolean;
      code?: string;
    };
    if (!ack.ok) {
      // A member chats in the room now; whoever was refused must not hear it.
      const heard = once(memberSocket, 'chat:message');
      await memberSocket.emitWithAck('chat:send', {
        roomId: fixture.roomId,
        text: 'only for members',
      });
      await heard;
    }
    return { outcome: ack.ok ? 'ok' : (ack.code as 'forbidden'), roomEvents };
  } finally {
    socket.close();
  }
}

describe('the authorization matrix: REST, Socket.IO and /yjs ask one policy', () => {
  it('answers every actor on every path as the policy says, and a refused WebSocket gets not one byte of the room', async () => {
    const results: Record<string, unknown> = {};
    const expected: Record<string, unknown> = {};
    for (const { actor, expected: want } of actors) {
      const rest = await api(server.url, roomRoutes.getRoom, {
        ...actor,
        params: { roomId: fixture.roomId },
      });
      const snapshots = await api(server.url, boardRoutes.listSnapshots, {
        ...actor,
        params: { boardId: fixture.boardId },
      });
      const socket = await socketJoin(actor);
      const yjs = await yjsUpgrade(actor);
      results[actor.name] = {
        rest: rest.status,
        snapshots: snapshots.status,
        socket: socket.outcome,
        yjs: yjs.status,
      };
      expected[actor.name] = want;
      if (socket.outcome !== 'ok') expect(socket.roomEvents, actor.name).toBe(0);
      if (yjs.status !== 101) expect(yjs.frames, actor.name).toBe(0);
      if (rest.status === 200 && want.snapshots !== 200) {
        // Metadata only: who and when, never a way to the board.
        expect(rest.body.boardId, actor.name).toBeNull();
      }
    }
    expect(results).toEqual(expected);
  });

  it('a member removed while connected is cut off on Socket.IO and /yjs within a second and cannot come back', async () => {
    const { facilitator, a, roomId, boardId, programId } = await createPairRoom(server.mutua);
    const socket = socketFor({ name: 'a', cookie: a.cookie });
    await once(socket, 'connect');
    const joined = (await socket.emitWithAck('room:join', { roomId })) as { ok: boolean };
    expect(joined.ok).toBe(true);
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/yjs/${boardId}`, {
      headers: { authorization: `Bearer ${a.token}` },
    });
    await once(ws, 'open');
    const evicted = once<{ roomId: string }>(socket, 'room:evicted', 1_000);
    const closed = new Promise<number>((resolve) =>
      ws.once('close', (code: number) => resolve(code)),
    );

    const removedAt = Date.now();
    const res = await api(server.url, programRoutes.removeMember, {
      cookie: facilitator.cookie,
      params: { programId, userId: a.userId },
    });
    expect(res.status).toBe(200);
    expect((await evicted).roomId).toBe(roomId);
    expect(await closed).toBe(4403);
    expect(Date.now() - removedAt).toBeLessThan(1_000);

    const again = (await socket.emitWithAck('room:join', { roomId })) as {
      ok: boolean;
      code: string;
    };
    expect(again).toMatchObject({ ok: false, code: 'forbidden' });
    expect((await yjsUpgrade({ name: 'removed', cookie: a.cookie })).status).toBe(403);
    socket.close();
  });
});
