import { createMutua } from '../../server/app';
import { hashPassword } from '../../server/auth/passwords';
import { newId } from '../../server/auth/secrets';
import { loadConfig } from '../../server/config';
import { RoomsService } from '../../server/rooms/rooms-service';

export interface Seat {
  userId: string;
  /** Personal API token: `Authorization: Bearer` on /yjs, `auth.token` on Socket.IO. */
  token: string;
}

export interface PairRoom {
  roomId: string;
  boardId: string;
  seats: [Seat, Seat];
}

/**
 * Prepares a data folder for a real Mutua process, through the real services (as the
 * graceful-shutdown test does): one program, `rooms` pair rooms, two participants each.
 */
export async function seedPairRooms(dataDir: string, rooms: number): Promise<PairRoom[]> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
  });
  const mutua = await createMutua(config);
  try {
    const passwordHash = await hashPassword('bench password, never used to sign in');
    const person = async (name: string, facilitator = false): Promise<Seat> => {
      const userId = newId();
      await mutua.auth.insertUser(mutua.store.db, {
        id: userId,
        email: `${userId.toLowerCase()}@bench.example.org`,
        displayName: name,
        passwordHash,
        isAdmin: false,
        locale: 'en',
      });
      if (facilitator) {
        await mutua.store.db
          .updateTable('users')
          .set({ is_facilitator: 1 })
          .where('id', '=', userId)
          .execute();
      }
      const { token } = await mutua.auth.tokens.create(userId, 'bench');
      return { userId, token };
    };
    const service = new RoomsService(mutua.store);
    const facilitator = await person('Fatou', true);
    const programId = await service.createProgram(facilitator.userId, {
      name: 'Bench program',
      description: '',
      languages: ['fr', 'es'],
      startsOn: null,
      endsOn: null,
    });
    const result: PairRoom[] = [];
    for (let i = 0; i < rooms; i++) {
      const a = await person(`Amina ${i}`);
      const b = await person(`Sofía ${i}`);
      await service.addProgramMember(programId, a.userId, 'participant');
      await service.addProgramMember(programId, b.userId, 'participant');
      const { roomId, boardId } = await service.createRoom({
        programId,
        kind: 'pair',
        title: `Pair ${i}`,
        createdBy: facilitator.userId,
        memberIds: [a.userId, b.userId],
      });
      result.push({ roomId, boardId, seats: [a, b] });
    }
    return result;
  } finally {
    await mutua.close();
  }
}
