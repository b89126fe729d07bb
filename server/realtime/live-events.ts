import type { Logger } from '../logger';
import type { SessionOp } from '../live/mentoring-session';
import { LiveRooms } from './live-rooms';
import type { MutuaSocket } from './types';
import { type EventBudget, onValidated } from './validated-events';

/**
 * The live-room events of one socket, each validated by its shared schema first. Every
 * change re-reads her membership from the store, so a removed member can change nothing
 * even before her eviction reaches this process.
 */
export function registerLiveEvents(
  socket: MutuaSocket,
  budget: EventBudget,
  live: LiveRooms,
  logger: Logger,
) {
  const { userId, displayName } = socket.data.principal;
  const member = async (roomId: string) => {
    live.requireJoined(socket, roomId);
    return live.directory.admit(userId, roomId);
  };
  const change = (roomId: string, op: SessionOp) => async () => {
    const room = await member(roomId);
    const state = await live.sessions.apply(room, userId, op);
    if (!state) throw new Error('a session change returned no state');
    socket.nsp.to(roomId).emit('session:state', state);
    return state;
  };

  onValidated(socket, 'room:join', budget, logger, (p) =>
    live.join(socket, p.roomId, p.lastMessageId),
  );
  onValidated(socket, 'room:leave', budget, logger, async (p) => {
    await live.leave(socket, p.roomId);
    return {};
  });
  onValidated(socket, 'presence:update', budget, logger, async (p) => {
    const update = p.focusedCardId === undefined ? {} : { focusedCardId: p.focusedCardId };
    await live.show(socket, p.roomId, { status: p.status, ...update });
    return {};
  });

  onValidated(socket, 'chat:send', budget, logger, async (p) => {
    await member(p.roomId);
    const message = await live.chat.send(p.roomId, { userId, displayName }, p.text);
    socket.nsp.to(p.roomId).emit('chat:message', message);
    return message;
  });
  onValidated(socket, 'chat:history', budget, logger, async (p) => {
    await member(p.roomId);
    return live.chat.history(p.roomId, p.limit, p.before);
  });

  onValidated(socket, 'session:start', budget, logger, async (p) => {
    const room = await member(p.roomId);
    const { people } = await live.broadcastPresence(p.roomId);
    const present = people.filter((x) => x.status !== 'offline').map((x) => x.userId);
    const state = await live.sessions.start(room, userId, p.agenda, p.defaultMinutes, present);
    socket.nsp.to(p.roomId).emit('session:state', state);
    return state;
  });
  onValidated(socket, 'session:plan', budget, logger, (p) =>
    change(p.roomId, { type: 'plan', upcoming: p.upcoming })(),
  );
  onValidated(socket, 'session:next', budget, logger, (p) => change(p.roomId, { type: 'next' })());
  onValidated(socket, 'session:swap', budget, logger, (p) => change(p.roomId, { type: 'swap' })());
  onValidated(socket, 'session:pause', budget, logger, (p) =>
    change(p.roomId, { type: 'pause' })(),
  );
  onValidated(socket, 'session:resume', budget, logger, (p) =>
    change(p.roomId, { type: 'resume' })(),
  );
  onValidated(socket, 'session:end', budget, logger, (p) => change(p.roomId, { type: 'end' })());
  onValidated(socket, 'session:extend', budget, logger, (p) =>
    change(p.roomId, { type: 'extend', minutes: p.minutes })(),
  );
  onValidated(socket, 'session:give-floor', budget, logger, (p) =>
    change(p.roomId, { type: 'give-floor', userId: p.userId })(),
  );
  onValidated(socket, 'session:raise-hand', budget, logger, (p) =>
    change(p.roomId, { type: 'raise-hand', raised: p.raised })(),
  );
  onValidated(socket, 'session:balance', budget, logger, async (p) => {
    const room = await member(p.roomId);
    const people = room.members.map((m) => m.userId);
    return live.sessions.balance(room, people, p.scope, p.sessionId);
  });
  onValidated(socket, 'session:history', budget, logger, async (p) => {
    await member(p.roomId);
    return { sessions: await live.sessions.history(p.roomId, p.limit) };
  });

  socket.on('disconnecting', () => {
    const rooms = LiveRooms.roomsOf(socket);
    void live
      .disconnected(socket, rooms)
      .catch((err: unknown) => logger.warn({ err }, 'presence update on disconnect failed'));
  });
}
