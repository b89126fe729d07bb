import type { Logger } from '../logger';
import type { SessionOp } from '../live/mentoring-session';
import { LiveRooms } from './live-rooms';
import type { MutuaSocket } from './types';
import type { EventTable } from './validated-events';

/**
 * The live-room events, each validated by its shared schema first (`serveEvents`). Every
 * change re-reads her membership from the store, so a removed member can change nothing
 * even before her eviction reaches this process. Built once for all sockets: each handler
 * takes the socket it serves, so a socket carries no closures of its own.
 */
export function liveEventTable(rooms: () => LiveRooms): EventTable {
  const who = (socket: MutuaSocket) => socket.data.principal;
  const member = async (socket: MutuaSocket, roomId: string) => {
    const live = rooms();
    live.requireJoined(socket, roomId);
    return live.directory.admit(who(socket), roomId);
  };
  const change = async (socket: MutuaSocket, roomId: string, op: SessionOp) => {
    const room = await member(socket, roomId);
    const state = await rooms().sessions.apply(room, who(socket).userId, op);
    if (!state) throw new Error('a session change returned no state');
    socket.nsp.to(roomId).emit('session:state', state);
    return state;
  };

  return {
    'room:join': (p, socket) => rooms().join(socket, p.roomId, p.lastMessageId),
    'room:leave': async (p, socket) => {
      await rooms().leave(socket, p.roomId);
      return {};
    },
    'presence:update': async (p, socket) => {
      const update = p.focusedCardId === undefined ? {} : { focusedCardId: p.focusedCardId };
      await rooms().show(socket, p.roomId, { status: p.status, ...update });
      return {};
    },

    'chat:send': async (p, socket) => {
      await member(socket, p.roomId);
      const { userId, displayName } = who(socket);
      const { message, created } = await rooms().chat.send(
        p.roomId,
        { userId, displayName },
        p.text,
        p.clientMessageId,
      );
      if (created) socket.nsp.to(p.roomId).emit('chat:message', message);
      return message;
    },
    'chat:history': async (p, socket) => {
      await member(socket, p.roomId);
      return rooms().chat.history(p.roomId, p.limit, p.before);
    },

    'session:start': async (p, socket) => {
      const room = await member(socket, p.roomId);
      const live = rooms();
      const { people } = await live.broadcastPresence(p.roomId);
      const present = people.filter((x) => x.status !== 'offline').map((x) => x.userId);
      const state = await live.sessions.start(
        room,
        who(socket).userId,
        p.agenda,
        p.defaultMinutes,
        present,
      );
      socket.nsp.to(p.roomId).emit('session:state', state);
      return state;
    },
    'session:plan': (p, socket) => change(socket, p.roomId, { type: 'plan', upcoming: p.upcoming }),
    'session:next': (p, socket) => change(socket, p.roomId, { type: 'next' }),
    'session:swap': (p, socket) => change(socket, p.roomId, { type: 'swap' }),
    'session:pause': (p, socket) => change(socket, p.roomId, { type: 'pause' }),
    'session:resume': (p, socket) => change(socket, p.roomId, { type: 'resume' }),
    'session:end': (p, socket) => change(socket, p.roomId, { type: 'end' }),
    'session:extend': (p, socket) =>
      change(socket, p.roomId, { type: 'extend', minutes: p.minutes }),
    'session:give-floor': (p, socket) =>
      change(socket, p.roomId, { type: 'give-floor', userId: p.userId }),
    'session:raise-hand': (p, socket) =>
      change(socket, p.roomId, { type: 'raise-hand', raised: p.raised }),
    'session:balance': async (p, socket) => {
      const room = await member(socket, p.roomId);
      const people = room.members.map((m) => m.userId);
      return rooms().sessions.balance(room, people, p.scope, p.sessionId);
    },
    'session:history': async (p, socket) => {
      await member(socket, p.roomId);
      return { sessions: await rooms().sessions.history(p.roomId, p.limit) };
    },
  };
}

/** A socket leaving: its rooms' presence says `reconnecting`, then gone after the grace period. */
export function onLiveDisconnect(socket: MutuaSocket, live: LiveRooms, logger: Logger): void {
  socket.on('disconnecting', () => {
    const rooms = LiveRooms.roomsOf(socket);
    void live
      .disconnected(socket, rooms)
      .catch((err: unknown) => logger.warn({ err }, 'presence update on disconnect failed'));
  });
}
