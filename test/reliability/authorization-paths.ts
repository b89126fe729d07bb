import { io as connect, type Socket } from 'socket.io-client';
import { boardRoutes, roomRoutes } from '../../shared/api';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { api } from '../helpers/api';
import type { Person } from '../helpers/people';
import { rawUpgrade } from '../helpers/upgrade';
import { once } from '../helpers/wait';
import type { Actor, Standing, Target } from './authorization-actors';
import type { AttemptLog } from './attempt-log';

/** Events a socket hears only from inside a live room. */
const ROOM_EVENTS = ['presence:changed', 'chat:message', 'session:state'] as const;

/** Request headers of an actor: a cookie goes with the allowed Origin, as a browser sends it. */
export function headersFor(actor: Pick<Actor, 'cookie' | 'token'>, origin: string) {
  const headers: Record<string, string> = {};
  if (actor.cookie) {
    headers.cookie = actor.cookie;
    headers.origin = origin;
  }
  if (actor.token) headers.authorization = `Bearer ${actor.token}`;
  return headers;
}

export function socketFor(
  url: string,
  actor: Pick<Actor, 'cookie' | 'token'>,
  headers = headersFor(actor, url),
): Socket {
  return connect(url, {
    transports: ['websocket'],
    // A Manager of its own: a cached one would carry another actor's credentials.
    forceNew: true,
    reconnection: false,
    auth: { protocol: PROTOCOL_VERSION, ...(actor.token ? { token: actor.token } : {}) },
    extraHeaders: headers,
  });
}

/** Resolves with null once connected, or with the refusal's code. */
export function connection(socket: Socket): Promise<string | null> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(null));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) =>
      resolve(err.data?.code ?? err.message),
    );
  });
}

/** Counts every live-room event a socket hears. */
export function roomEventCounter(socket: Socket): () => number {
  let heard = 0;
  for (const event of ROOM_EVENTS) socket.on(event, () => (heard += 1));
  return () => heard;
}

/**
 * A member of the target room chats; then `listener` does a round trip. The server sent
 * the chat to the room before acknowledging it, and answers the listener's round trip
 * after that, on the same connection as any chat it would have sent her: whatever she
 * could hear of it has arrived when this resolves.
 */
export class Bait {
  private readonly sockets = new Map<string, Promise<Socket>>();
  constructor(private readonly url: string) {}

  private memberSocket(target: Target): Promise<Socket> {
    let socket = this.sockets.get(target.roomId);
    if (!socket) {
      socket = this.join(target.member, target.roomId);
      this.sockets.set(target.roomId, socket);
    }
    return socket;
  }

  private async join(member: Person, roomId: string): Promise<Socket> {
    const socket = socketFor(this.url, { cookie: member.cookie });
    const refused = await connection(socket);
    if (refused !== null) throw new Error(`bait: the member was refused: ${refused}`);
    const joined = (await socket.emitWithAck('room:join', { roomId })) as { ok: boolean };
    if (!joined.ok) throw new Error('bait: the member could not join her room');
    return socket;
  }

  async chat(target: Target, listener: Socket): Promise<void> {
    const member = await this.memberSocket(target);
    const heard = once(member, 'chat:message');
    await member.emitWithAck('chat:send', { roomId: target.roomId, text: 'only for members' });
    await heard;
    if (listener.connected)
      await listener.timeout(5_000).emitWithAck('clock:sync', { clientTime: 1 });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets.values()) (await socket).close();
  }
}

/** The answers the policy table (docs/security.md) gives each standing on the four paths. */
export function policyAnswers(s: Standing) {
  if (!s.signedIn) return { rest: '401', snapshots: '401', socket: 'unauthenticated', yjs: '401' };
  // Room metadata: members, the program's facilitators, admins. The pair did not share its
  // board, so only members reach the board, its history and the live room.
  const metadata = s.roomMember || s.programRole === 'facilitator' || s.admin;
  return {
    rest: metadata ? '200' : '404',
    snapshots: s.roomMember ? '200' : '404',
    // Refused as if the room did not exist unless she may know of it (rules.refusal).
    socket: s.roomMember ? 'ok' : metadata ? 'forbidden' : 'not_found',
    yjs: s.roomMember ? '101' : metadata ? '403' : '404',
  };
}

/**
 * The matrix row of one actor: the room over REST, the board's snapshots, the live room
 * over Socket.IO and the board over `/yjs`, each with the exact answer the policy gives.
 */
export async function tryFourPaths(
  url: string,
  actor: Actor,
  bait: Bait,
  log: AttemptLog,
): Promise<void> {
  const expected = policyAnswers(actor.standing);
  // The policy lets her in where its answer is a success.
  const entitled = (answer: string) => ['200', 'ok', '101'].includes(answer);
  const credentials = { cookie: actor.cookie, token: actor.token };
  const record = (what: string, answer: string, want: string, gotIn: boolean) =>
    log.add({ who: actor.name, what, answer, expected: want, entitled: entitled(want), gotIn });

  const room = await api(url, roomRoutes.getRoom, {
    ...credentials,
    params: { roomId: actor.target.roomId },
  });
  record('REST room', String(room.status), expected.rest, room.status === 200);
  if (room.status === 200 && !actor.standing.roomMember) {
    // Metadata only: who and when, never a way to the board.
    log.add({
      who: actor.name,
      what: 'REST room reveals the board id',
      answer: `boardId ${room.body.boardId === null ? 'null' : 'given'}`,
      entitled: false,
      gotIn: room.body.boardId !== null,
    });
  }

  const snapshots = await api(url, boardRoutes.listSnapshots, {
    ...credentials,
    params: { boardId: actor.target.boardId },
  });
  record('REST snapshots', String(snapshots.status), expected.snapshots, snapshots.status === 200);

  const socket = socketFor(url, actor);
  const heard = roomEventCounter(socket);
  try {
    const refused = await connection(socket);
    let answer = refused ?? 'connected';
    if (refused === null) {
      const ack = (await socket
        .timeout(5_000)
        .emitWithAck('room:join', { roomId: actor.target.roomId })) as {
        ok: boolean;
        code?: string;
      };
      answer = ack.ok ? 'ok' : (ack.code ?? 'refused');
      if (!ack.ok) await bait.chat(actor.target, socket);
    }
    // Being let in at all is a breach for credentials that must not authenticate.
    const gotIn = answer === 'ok' || (!actor.standing.signedIn && refused === null);
    record('Socket.IO live room', answer, expected.socket, gotIn);
    if (answer !== 'ok' && refused === null) {
      log.add({
        who: actor.name,
        what: 'Socket.IO live room events heard after refusal',
        answer: String(heard()),
        entitled: false,
        gotIn: heard() > 0,
      });
    }
  } finally {
    socket.close();
  }

  const yjs = await rawUpgrade(url, `/yjs/${actor.target.boardId}`, headersFor(actor, url));
  record('Yjs board', String(yjs.status), expected.yjs, yjs.status === 101);
  if (yjs.status !== 101) {
    log.add({
      who: actor.name,
      what: 'Yjs frames received on a refused upgrade',
      answer: String(yjs.frames),
      entitled: false,
      gotIn: yjs.frames > 0,
    });
  }
}
