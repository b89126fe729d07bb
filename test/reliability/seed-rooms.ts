import { createPairRoom } from '../helpers/people';
import { startServer } from '../helpers/server';

export type PairRoom = Awaited<ReturnType<typeof createPairRoom>>;

/**
 * Creates `count` pair rooms (a program, a facilitator and two participants each, with
 * sessions and API tokens) in `dataDir` through an in-process server, then stops it: a
 * server spawned afterwards on the same folder finds them, as after a restart.
 */
export async function seedPairRooms(dataDir: string, count: number): Promise<PairRoom[]> {
  const seed = await startServer({}, dataDir);
  try {
    const rooms: PairRoom[] = [];
    for (let i = 0; i < count; i++) rooms.push(await createPairRoom(seed.mutua));
    return rooms;
  } finally {
    await seed.stop({ keepData: true });
  }
}
