import type { ChatMessage } from '../../shared/schemas/live';
import type { Person } from '../helpers/people';
import { connectAs, type LiveClient, request } from '../integration/live/live-helpers';

/** What went wrong for one client, as she would notice it. */
export interface ClientTrouble {
  count: number;
  /** The first few, for the notes. */
  first: string[];
  /** The longest an acknowledgement took (not trouble, but what she waits for). */
  slowestAckMs: number;
}

export function noTrouble(): ClientTrouble {
  return { count: 0, first: [], slowestAckMs: 0 };
}

function report(trouble: ClientTrouble, what: string) {
  trouble.count += 1;
  if (trouble.first.length < 5) trouble.first.push(what);
}

export interface LiveParticipant {
  socket: LiveClient;
  /** Chat messages the server acknowledged: each must be in the room's history. */
  acked: ChatMessage[];
  /** Emits one event and waits for its ack; a failed or missing ack is trouble. */
  send(event: string, payload: unknown): Promise<unknown>;
  /** Stops listening for trouble, then disconnects. */
  leave(): void;
}

/**
 * A participant connected to one server process and joined to one room. Anything she
 * would see go wrong counts as trouble: a refused or missing ack, a dropped connection,
 * a server announcing its restart.
 */
export async function joinAs(
  baseUrl: string,
  person: Person,
  roomId: string,
  trouble: ClientTrouble,
): Promise<LiveParticipant> {
  const socket = await connectAs({ url: baseUrl }, person);
  const onDisconnect = (reason: string) => report(trouble, `disconnected: ${reason}`);
  const onConnectError = (err: Error) => report(trouble, `connect_error: ${err.message}`);
  const onRestarting = () => report(trouble, 'system:restarting');
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onConnectError);
  socket.on('system:restarting', onRestarting);
  const acked: ChatMessage[] = [];
  const send = async (event: string, payload: unknown) => {
    const sentAt = Date.now();
    try {
      const result = await request(socket, event, payload);
      trouble.slowestAckMs = Math.max(trouble.slowestAckMs, Date.now() - sentAt);
      if (!result.ok) report(trouble, `${event}: ${result.code}`);
      else if (event === 'chat:send') acked.push(result.data as ChatMessage);
      return result.ok ? result.data : undefined;
    } catch (err) {
      report(trouble, `${event}: ${String(err)}`);
      return undefined;
    }
  };
  const joined = await send('room:join', { roomId });
  if (joined === undefined) throw new Error(`${person.displayName} could not join ${roomId}`);
  return {
    socket,
    acked,
    send,
    leave() {
      socket.off('disconnect', onDisconnect);
      socket.off('connect_error', onConnectError);
      socket.off('system:restarting', onRestarting);
      socket.close();
    },
  };
}
