import { visitRoom } from './room-visit';
import type { PairRoom } from './seed-rooms';

export interface VisitLoad {
  /** Visits in progress at once. */
  concurrency: number;
  /** Each visitor's pause between two visits: paces the load (it is load, not a wait). */
  pauseMs: number;
}

export interface VisitTally {
  visits: number;
  failures: number;
  /** The first few failures, for the notes. */
  errors: string[];
  /** Cards added, by board id: each must be in the stored board afterwards. */
  cards: Map<string, string[]>;
}

export function emptyTally(): VisitTally {
  return { visits: 0, failures: 0, errors: [], cards: new Map() };
}

/**
 * Visitors going through the rooms in turn, for `durationMs`: visit n goes to room
 * n mod rooms, alternately as her two participants, so neighbouring visits touch different
 * rooms and every room keeps being opened and closed. Adds to `tally`.
 */
export async function visitRooms(
  baseUrl: string,
  rooms: readonly PairRoom[],
  load: VisitLoad,
  durationMs: number,
  tally: VisitTally,
): Promise<void> {
  const endAt = Date.now() + durationMs;
  let next = 0;
  const visitor = async () => {
    while (Date.now() < endAt) {
      const n = next++;
      const room = rooms[n % rooms.length]!;
      const person = Math.floor(n / rooms.length) % 2 ? room.b : room.a;
      try {
        const cardId = await visitRoom(baseUrl, room, person, n);
        tally.visits += 1;
        const cards = tally.cards.get(room.boardId) ?? [];
        cards.push(cardId);
        tally.cards.set(room.boardId, cards);
      } catch (err) {
        tally.failures += 1;
        if (tally.errors.length < 5) tally.errors.push(String(err));
      }
      await new Promise((resolve) => setTimeout(resolve, load.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: load.concurrency }, visitor));
}
