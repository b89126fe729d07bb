import type { MutuaServer } from '../realtime/types';
import type { Gauge } from './prometheus-text';

/** What the board endpoint holds right now. */
export interface BoardStats {
  boardsLoaded: number;
  connections: number;
}

/**
 * Counts of this process's live parts: loaded boards, board and Socket.IO connections, and
 * live rooms with someone connected here. Counts only: no ids, names or content.
 */
export function liveGauges(io: MutuaServer, boards: BoardStats | undefined): Gauge[] {
  const gauges: Gauge[] = [
    {
      name: 'mutua_socketio_connections',
      help: 'Socket.IO connections open on this process.',
      value: io.sockets.sockets.size,
    },
    {
      name: 'mutua_live_rooms',
      help: 'Live rooms with at least one Socket.IO connection on this process.',
      value: liveRoomCount(io),
    },
  ];
  if (boards) {
    gauges.push(
      {
        name: 'mutua_boards_loaded',
        help: 'Boards held in memory (open, or closed less than the unload delay ago).',
        value: boards.boardsLoaded,
      },
      {
        name: 'mutua_yjs_connections',
        help: 'Board (y-websocket) connections open on this process.',
        value: boards.connections,
      },
    );
  }
  return gauges;
}

/** Socket.IO rooms other than each socket's own and each person's channel (`user:…`). */
function liveRoomCount(io: MutuaServer): number {
  let count = 0;
  for (const name of io.sockets.adapter.rooms.keys()) {
    if (!io.sockets.sockets.has(name) && !name.startsWith('user:')) count += 1;
  }
  return count;
}
